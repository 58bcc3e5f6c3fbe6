package io.korch.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.korch.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tables of {@code korch top}, as {@code kubectl top} prints them from {@code metrics.k8s.io}: CPU in
 * millicores ({@code 12m}, rounded up), memory in mebibytes ({@code 34Mi}, rounded down), a node's use also as a
 * percentage of its allocatable CPU and memory, and a pod's as the sum of its containers' or, with
 * {@code --containers}, one row per container.
 */
public final class TopTables {

    private static final long MEBIBYTE = 1024L * 1024;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final String UNKNOWN = "<unknown>";

    private TopTables() {
    }

    /**
     * The table of {@code NodeMetrics} objects, each against the allocatable of its {@code Node} in {@code nodes}
     * (by name), then a row of {@code <unknown>} for each node of {@code nodes} that has none.
     */
    public static Table nodes(List<JsonNode> metrics, Map<String, JsonNode> nodes) {
        Table table = Table.verbatim(List.of("NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"));
        List<String> measured = new ArrayList<>();
        for (JsonNode node : metrics) {
            String name = node.at("/metadata/name").asText();
            measured.add(name);
            long cpu = Quantity.parseNanoCores(node.at("/usage/cpu").asText("0"));
            long memory = Quantity.parseBytes(node.at("/usage/memory").asText("0"));
            JsonNode allocatable = allocatable(nodes.get(name));
            table.row(name, cpu(cpu), percent(millis(cpu), allocatable, "cpu", true), memory(memory),
                    percent(memory, allocatable, "memory", false));
        }
        nodes.keySet().stream().filter(name -> !measured.contains(name)).sorted()
                .forEach(name -> table.row(name, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN));
        return table;
    }

    /**
     * The table of {@code PodMetrics} objects: a row per pod with its containers' sum, or with {@code containers}
     * a row per container; with {@code allNamespaces} a NAMESPACE column first.
     */
    public static Table pods(List<JsonNode> metrics, boolean allNamespaces, boolean containers) {
        List<String> headers = new ArrayList<>();
        if (allNamespaces) {
            headers.add("NAMESPACE");
        }
        if (containers) {
            headers.add("POD");
        }
        headers.addAll(List.of("NAME", "CPU(cores)", "MEMORY(bytes)"));
        Table table = Table.verbatim(headers);
        for (JsonNode pod : metrics) {
            List<String> prefix = new ArrayList<>();
            if (allNamespaces) {
                prefix.add(pod.at("/metadata/namespace").asText());
            }
            String name = pod.at("/metadata/name").asText();
            long cpuSum = 0;
            long memorySum = 0;
            for (JsonNode container : pod.path("containers")) {
                long cpu = Quantity.parseNanoCores(container.at("/usage/cpu").asText("0"));
                long memory = Quantity.parseBytes(container.at("/usage/memory").asText("0"));
                cpuSum += cpu;
                memorySum += memory;
                if (containers) {
                    List<String> row = new ArrayList<>(prefix);
                    row.addAll(List.of(name, container.path("name").asText(), cpu(cpu), memory(memory)));
                    table.row(row);
                }
            }
            if (!containers) {
                List<String> row = new ArrayList<>(prefix);
                row.addAll(List.of(name, cpu(cpuSum), memory(memorySum)));
                table.row(row);
            }
        }
        return table;
    }

    /** Billionths of a core as kubectl top writes them: whole millicores, rounded up ({@code 12m}). */
    public static String cpu(long nanoCores) {
        return millis(nanoCores) + "m";
    }

    /** Bytes as kubectl top writes them: whole mebibytes, rounded down ({@code 34Mi}). */
    public static String memory(long bytes) {
        return bytes / MEBIBYTE + "Mi";
    }

    /** {@code used} as a whole percentage of {@code of}, rounded down ({@code 12%}); {@code <unknown>} without it. */
    public static String percent(long used, long of) {
        return of <= 0 ? UNKNOWN : (long) (used * 100.0 / of) + "%";
    }

    private static String percent(long used, JsonNode allocatable, String resource, boolean cpu) {
        JsonNode quantity = allocatable.path(resource);
        if (!quantity.isTextual()) {
            return UNKNOWN;
        }
        return percent(used, cpu ? Quantity.parseMillis(quantity.asText()) : Quantity.parseBytes(quantity.asText()));
    }

    /** A node's allocatable resources, its capacity when it reports none. */
    private static JsonNode allocatable(JsonNode node) {
        if (node == null) {
            return MissingNode.getInstance();
        }
        JsonNode allocatable = node.at("/status/allocatable");
        return allocatable.isObject() && !allocatable.isEmpty() ? allocatable : node.at("/status/capacity");
    }

    private static long millis(long nanoCores) {
        return (nanoCores + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI;
    }
}

package io.korch.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.cli.client.ApiClient;
import io.korch.cli.output.Table;
import io.korch.cli.output.TableHeaders;
import io.korch.cli.output.TopTables;
import io.korch.model.ApiKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code korch top nodes|pods}: the CPU and memory the nodes and pods use now, from the resource metrics API
 * ({@code metrics.k8s.io/v1beta1}, fed by the agents every metrics interval), in {@code kubectl top}'s tables
 * ({@link TopTables}). With no sample at all it fails as kubectl does: {@code error: metrics not available yet}.
 */
@Command(name = "top", sortOptions = false,
        description = "Show the CPU and memory use of nodes or pods (from metrics.k8s.io).",
        subcommands = {TopCommand.Nodes.class, TopCommand.Pods.class})
public final class TopCommand implements Runnable {

    static final String METRICS = "/apis/metrics.k8s.io/v1beta1";
    static final String NOT_AVAILABLE = "metrics not available yet";

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: try korch top nodes or korch top pods");
    }

    /** {@code korch top nodes [NAME] [-l SELECTOR]}: each node's use, also as a share of its allocatable. */
    @Command(name = "nodes", aliases = {"node", "no"}, sortOptions = false,
            description = "Show the CPU and memory use of nodes, and its share of what they can allocate.")
    public static final class Nodes extends ClientCommand {

        @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this node.")
        private String name;

        @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Label selector, e.g. zone=east.")
        private String selector;

        @Option(names = "--no-headers", description = "Leave out the header line.")
        private boolean noHeaders;

        @Override
        public Integer call() {
            ApiClient client = options().client();
            List<JsonNode> metrics = new ArrayList<>();
            Map<String, JsonNode> nodes = new LinkedHashMap<>();
            if (name != null) {
                metrics.add(client.get(METRICS + "/nodes/" + name));
                nodes.put(name, client.get(ApiKind.NODE.objectPath(null, name)));
            } else {
                Map<String, String> query = new HashMap<>();
                query.put("labelSelector", selector);
                client.get(ApiClient.withQuery(METRICS + "/nodes", query)).path("items").forEach(metrics::add);
                client.get(ApiClient.withQuery(ApiKind.NODE.collectionPath(null), query)).path("items")
                        .forEach(node -> nodes.put(node.at("/metadata/name").asText(), node));
            }
            if (metrics.isEmpty()) {
                throw new CommandFailedException(NOT_AVAILABLE);
            }
            return print(out(), TopTables.nodes(metrics, nodes), noHeaders);
        }
    }

    /** {@code korch top pods [NAME] [-n NS | -A] [-l SELECTOR] [--containers]}: each running pod's use. */
    @Command(name = "pods", aliases = {"pod", "po"}, sortOptions = false,
            description = "Show the CPU and memory use of running pods, or of their containers.")
    public static final class Pods extends ClientCommand {

        @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this pod.")
        private String name;

        @Option(names = {"-A", "--all-namespaces"}, description = "Pods of every namespace.")
        private boolean allNamespaces;

        @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Label selector, e.g. app=web.")
        private String selector;

        @Option(names = "--containers", description = "A line per container instead of per pod.")
        private boolean containers;

        @Option(names = "--no-headers", description = "Leave out the header line.")
        private boolean noHeaders;

        @Override
        public Integer call() {
            ApiClient client = options().client();
            List<JsonNode> metrics = new ArrayList<>();
            if (name != null) {
                if (allNamespaces) {
                    throw new CommandFailedException("a pod name cannot be given with --all-namespaces");
                }
                metrics.add(client.get(METRICS + "/namespaces/" + options().namespaceOrDefault() + "/pods/" + name));
            } else {
                String path = allNamespaces ? METRICS + "/pods"
                        : METRICS + "/namespaces/" + options().namespaceOrDefault() + "/pods";
                Map<String, String> query = new HashMap<>();
                query.put("labelSelector", selector);
                client.get(ApiClient.withQuery(path, query)).path("items").forEach(metrics::add);
            }
            if (metrics.isEmpty()) {
                throw new CommandFailedException(NOT_AVAILABLE);
            }
            return print(out(), TopTables.pods(metrics, allNamespaces, containers), noHeaders);
        }
    }

    private static int print(PrintWriter out, Table table, boolean noHeaders) {
        out.print(TableHeaders.render(table, !noHeaders));
        out.flush();
        return 0;
    }
}

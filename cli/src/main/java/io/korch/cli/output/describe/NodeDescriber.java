package io.korch.cli.output.describe;

import io.korch.model.NodeViews;
import io.korch.api.Container;
import io.korch.api.Node;
import io.korch.api.NodeAddress;
import io.korch.api.NodeCondition;
import io.korch.api.NodeStatus;
import io.korch.api.NodeSystemInfo;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.cli.output.DescribeWriter;
import io.korch.printing.NodePrinter;
import io.korch.printing.Quantities;
import io.korch.cli.output.Table;
import io.korch.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * {@code korch describe node}: the node's conditions (heartbeat and readiness), addresses,
 * capacity, system information, the pods it runs and how much of its allocatable CPU and memory
 * they request, then its events.
 */
public final class NodeDescriber {

    private static final String CPU = "cpu";
    private static final String MEMORY = "memory";

    private NodeDescriber() {
    }

    /** The report of {@code node}, which runs {@code pods} (those not finished). */
    public static String describe(Node node, List<Pod> pods, EventHistory events, DescribeContext at) {
        ObjectMeta meta = node.getMetadata();
        NodeStatus status = node.getStatus() == null ? NodeStatus.newBuilder().build() : node.getStatus();
        DescribeWriter w = new DescribeWriter();
        w.field(0, "Name", meta.getName());
        w.field(0, "Roles", NodePrinter.roles(meta.getLabels()));
        Sections.labelsAndAnnotations(w, meta);
        w.field(0, "CreationTimestamp", at.time(meta.getCreationTimestamp()));
        w.field(0, "Unschedulable", NodeViews.unschedulable(node));
        conditions(w, status.getConditions(), at);
        w.line(0, "Addresses:");
        for (NodeAddress address : status.getAddresses()) {
            w.field(1, address.getType(), address.getAddress());
        }
        resources(w, "Capacity", status.getCapacity());
        resources(w, "Allocatable", status.getAllocatable());
        systemInfo(w, status.getNodeInfo());
        Map<String, String> allocatable = status.getAllocatable().isEmpty() ? status.getCapacity() : status.getAllocatable();
        pods(w, pods, allocatable, at);
        allocated(w, pods, allocatable);
        events.write(w, at);
        return w.render();
    }

    private static void conditions(DescribeWriter w, List<NodeCondition> conditions, DescribeContext at) {
        if (conditions.isEmpty()) {
            w.field(0, "Conditions", "<none>");
            return;
        }
        w.line(0, "Conditions:");
        Table table = Table.of("Type", "Status", "LastHeartbeatTime", "LastTransitionTime", "Reason", "Message");
        for (NodeCondition c : conditions) {
            table.row(c.getType(), c.getStatus(), at.time(c.getLastHeartbeatTime()), at.time(c.getLastTransitionTime()),
                    orEmpty(c.getReason()), orEmpty(c.getMessage()));
        }
        w.table(1, table);
    }

    private static void resources(DescribeWriter w, String key, Map<String, String> resources) {
        if (resources.isEmpty()) {
            w.field(0, key, "<none>");
            return;
        }
        w.line(0, key + ":");
        new TreeMap<>(resources).forEach((name, value) -> w.field(1, name, display(name, value)));
    }

    private static String display(String resource, String value) {
        return switch (resource) {
            case CPU -> Quantities.cpu(value);
            case MEMORY -> Quantities.memory(value);
            default -> value;
        };
    }

    private static void systemInfo(DescribeWriter w, NodeSystemInfo info) {
        if (info == null) {
            return;
        }
        w.line(0, "System Info:");
        w.field(1, "Operating System", info.getOperatingSystem());
        w.field(1, "Architecture", info.getArchitecture());
        w.field(1, "Container Runtime Version", info.getContainerRuntimeVersion());
        w.field(1, "Kubelet Version", info.getKubeletVersion());
    }

    private static void pods(DescribeWriter w, List<Pod> pods, Map<String, String> allocatable, DescribeContext at) {
        w.line(0, "Non-terminated Pods:\t(" + pods.size() + " in total)");
        if (pods.isEmpty()) {
            return;
        }
        long cpu = cpu(allocatable);
        long memory = memory(allocatable);
        Table table = Table.of("Namespace", "Name", "CPU Requests", "CPU Limits", "Memory Requests", "Memory Limits", "Age");
        for (Pod pod : pods) {
            table.row(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    cpuShare(sum(pod, "requests", CPU, Quantity::parseMillis), cpu),
                    cpuShare(sum(pod, "limits", CPU, Quantity::parseMillis), cpu),
                    memoryShare(sum(pod, "requests", MEMORY, Quantity::parseBytes), memory),
                    memoryShare(sum(pod, "limits", MEMORY, Quantity::parseBytes), memory),
                    at.age(pod.getMetadata().getCreationTimestamp()));
        }
        w.table(1, table);
    }

    private static void allocated(DescribeWriter w, List<Pod> pods, Map<String, String> allocatable) {
        long cpu = cpu(allocatable);
        long memory = memory(allocatable);
        w.line(0, "Allocated resources:");
        w.line(1, "(Total limits may be over 100 percent, i.e., overcommitted.)");
        Table table = Table.of("Resource", "Requests", "Limits");
        table.row(CPU,
                cpuShare(pods.stream().mapToLong(p -> sum(p, "requests", CPU, Quantity::parseMillis)).sum(), cpu),
                cpuShare(pods.stream().mapToLong(p -> sum(p, "limits", CPU, Quantity::parseMillis)).sum(), cpu));
        table.row(MEMORY,
                memoryShare(pods.stream().mapToLong(p -> sum(p, "requests", MEMORY, Quantity::parseBytes)).sum(), memory),
                memoryShare(pods.stream().mapToLong(p -> sum(p, "limits", MEMORY, Quantity::parseBytes)).sum(), memory));
        w.table(1, table);
    }

    /** The total of one resource over a pod's containers; unparsable quantities count as zero. */
    static long sum(Pod pod, String kind, String resource, ToLongFunction<String> parse) {
        long total = 0;
        for (Container container : pod.getSpec().getContainers()) {
            if (container.getResources() == null) {
                continue;
            }
            Map<String, String> quantities = kind.equals("limits")
                    ? container.getResources().getLimits() : container.getResources().getRequests();
            String value = quantities.get(resource);
            if (value != null) {
                total += parseOrZero(value, parse);
            }
        }
        return total;
    }

    private static long parseOrZero(String value, ToLongFunction<String> parse) {
        try {
            return parse.applyAsLong(value);
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    private static long cpu(Map<String, String> resources) {
        return resources.containsKey(CPU) ? parseOrZero(resources.get(CPU), Quantity::parseMillis) : 0;
    }

    private static long memory(Map<String, String> resources) {
        return resources.containsKey(MEMORY) ? parseOrZero(resources.get(MEMORY), Quantity::parseBytes) : 0;
    }

    private static String cpuShare(long millis, long total) {
        return Quantity.formatMillis(millis) + " (" + percent(millis, total) + "%)";
    }

    private static String memoryShare(long bytes, long total) {
        return Quantities.bytes(bytes) + " (" + percent(bytes, total) + "%)";
    }

    private static long percent(long part, long total) {
        return total <= 0 ? 0 : part * 100 / total;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}

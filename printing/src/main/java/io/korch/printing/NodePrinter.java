package io.korch.printing;

import io.korch.api.Node;
import io.korch.api.NodeAddress;
import io.korch.api.NodeCondition;
import io.korch.model.NodeViews;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.TreeSet;

/**
 * Nodes as {@code kubectl get nodes} shows them: {@code NAME STATUS ROLES AGE VERSION}; wide adds
 * {@code INTERNAL-IP} and, where Kubernetes shows the OS and runtime, korch's {@code CPU MEMORY}
 * capacity.
 */
public final class NodePrinter implements TablePrinter<Node> {

    private static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
    private static final String ROLE_LABEL = "kubernetes.io/role";

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Status", "The status of the node"),
            Column.string("Roles", "The roles of the node"),
            Column.age(),
            Column.string("Version", "Kubelet Version reported by the node."),
            Column.string("Internal-IP", "List of addresses reachable to the node. Queried from cloud provider, if"
                    + " available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses").wide(),
            Column.string("CPU", "The CPUs the node has.").wide(),
            Column.string("Memory", "The memory the node has.").wide());

    NodePrinter() {
    }

    @Override
    public Class<Node> type() {
        return Node.class;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Node node, Instant now) {
        Map<String, String> capacity = node.getStatus() == null ? Map.of() : node.getStatus().getCapacity();
        return List.of(
                node.getMetadata().getName(),
                status(node),
                roles(node.getMetadata().getLabels()),
                Ages.age(node.getMetadata().getCreationTimestamp(), now),
                version(node),
                Cells.orNone(internalIp(node)),
                Cells.orNone(Quantities.cpu(capacity.get("cpu"))),
                Cells.orNone(Quantities.memory(capacity.get("memory"))));
    }

    /** A node's STATUS: {@code Ready}, {@code NotReady} or {@code Unknown}, plus {@code SchedulingDisabled}. */
    public static String status(Node node) {
        NodeCondition ready = node.getStatus() == null ? null : node.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()))
                .findFirst()
                .orElse(null);
        String status = ready == null ? "Unknown" : switch (ready.getStatus()) {
            case "True" -> "Ready";
            case "False" -> "NotReady";
            default -> "Unknown";
        };
        if (NodeViews.unschedulable(node)) {
            status += ",SchedulingDisabled";
        }
        return status;
    }

    /** A node's ROLES from its {@code node-role.kubernetes.io/ROLE} labels, or {@code <none>}. */
    public static String roles(Map<String, String> labels) {
        TreeSet<String> roles = new TreeSet<>();
        labels.forEach((key, value) -> {
            if (key.startsWith(ROLE_LABEL_PREFIX) && key.length() > ROLE_LABEL_PREFIX.length()) {
                roles.add(key.substring(ROLE_LABEL_PREFIX.length()));
            } else if (key.equals(ROLE_LABEL) && !value.isEmpty()) {
                roles.add(value);
            }
        });
        return roles.isEmpty() ? Cells.NONE : String.join(",", roles);
    }

    /** A node's InternalIP address, or null. */
    public static String internalIp(Node node) {
        if (node.getStatus() == null) {
            return null;
        }
        return node.getStatus().getAddresses().stream()
                .filter(a -> "InternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress)
                .findFirst()
                .orElse(null);
    }

    private static String version(Node node) {
        if (node.getStatus() == null || node.getStatus().getNodeInfo() == null) {
            return "";
        }
        String version = node.getStatus().getNodeInfo().getKubeletVersion();
        return version == null ? "" : version;
    }
}

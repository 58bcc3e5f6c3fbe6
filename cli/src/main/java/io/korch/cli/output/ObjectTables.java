package io.korch.cli.output;

import io.korch.model.NodeViews;
import io.korch.api.Container;
import io.korch.api.Deployment;
import io.korch.api.LabelSelector;
import io.korch.api.Namespace;
import io.korch.api.Node;
import io.korch.api.NodeAddress;
import io.korch.api.NodeCondition;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.PodSpec;
import io.korch.api.ReplicaSet;
import io.korch.model.ApiKind;
import io.korch.model.Selector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * The tables of {@code korch get}, one layout per kind, as kubectl prints them:
 *
 * <ul>
 *   <li>pods: {@code NAME READY STATUS RESTARTS AGE}, wide adds {@code IP NODE}</li>
 *   <li>deployments: {@code NAME READY UP-TO-DATE AVAILABLE AGE}, wide adds {@code CONTAINERS IMAGES SELECTOR}</li>
 *   <li>replicasets: {@code NAME DESIRED CURRENT READY AGE}, wide adds {@code CONTAINERS IMAGES SELECTOR}</li>
 *   <li>nodes: {@code NAME STATUS ROLES AGE VERSION}, wide adds {@code INTERNAL-IP CPU MEMORY}</li>
 *   <li>namespaces: {@code NAME STATUS AGE}</li>
 * </ul>
 *
 * With {@code allNamespaces}, namespaced kinds get a leading {@code NAMESPACE} column.
 */
public final class ObjectTables {

    private static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";

    private ObjectTables() {
    }

    /** How to lay a table out. */
    public record Options(boolean wide, boolean allNamespaces, Instant now) {
    }

    /** The table of {@code objects}, all of {@code kind}, in the order given. */
    public static Table table(ApiKind kind, List<? extends SpecificRecord> objects, Options options) {
        boolean withNamespace = options.allNamespaces() && kind.namespaced();
        List<String> headers = new ArrayList<>();
        if (withNamespace) {
            headers.add("NAMESPACE");
        }
        headers.addAll(headers(kind, options.wide()));
        Table table = Table.of(headers);
        for (SpecificRecord object : objects) {
            List<String> cells = new ArrayList<>();
            if (withNamespace) {
                cells.add(metadata(object).getNamespace());
            }
            cells.addAll(cells(kind, object, options));
            table.row(cells);
        }
        return table;
    }

    private static List<String> headers(ApiKind kind, boolean wide) {
        List<String> headers = new ArrayList<>(switch (kind) {
            case POD -> List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE");
            case DEPLOYMENT -> List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
            case REPLICASET -> List.of("NAME", "DESIRED", "CURRENT", "READY", "AGE");
            case NODE -> List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION");
            case NAMESPACE -> List.of("NAME", "STATUS", "AGE");
        });
        if (wide) {
            headers.addAll(switch (kind) {
                case POD -> List.of("IP", "NODE");
                case DEPLOYMENT, REPLICASET -> List.of("CONTAINERS", "IMAGES", "SELECTOR");
                case NODE -> List.of("INTERNAL-IP", "CPU", "MEMORY");
                case NAMESPACE -> List.<String>of();
            });
        }
        return headers;
    }

    private static List<String> cells(ApiKind kind, SpecificRecord object, Options options) {
        return switch (kind) {
            case POD -> pod((Pod) object, options);
            case DEPLOYMENT -> deployment((Deployment) object, options);
            case REPLICASET -> replicaSet((ReplicaSet) object, options);
            case NODE -> node((Node) object, options);
            case NAMESPACE -> namespace((Namespace) object, options);
        };
    }

    private static List<String> pod(Pod pod, Options options) {
        List<String> cells = new ArrayList<>(List.of(
                pod.getMetadata().getName(),
                PodStatuses.ready(pod),
                PodStatuses.status(pod),
                Integer.toString(PodStatuses.restarts(pod)),
                age(pod.getMetadata(), options)));
        if (options.wide()) {
            cells.add(pod.getStatus() == null ? null : pod.getStatus().getPodIP());
            cells.add(pod.getSpec().getNodeName());
        }
        return cells;
    }

    private static List<String> deployment(Deployment deployment, Options options) {
        var status = deployment.getStatus();
        int ready = status == null ? 0 : status.getReadyReplicas();
        int updated = status == null ? 0 : status.getUpdatedReplicas();
        int available = status == null ? 0 : status.getAvailableReplicas();
        List<String> cells = new ArrayList<>(List.of(
                deployment.getMetadata().getName(),
                ready + "/" + replicas(deployment.getSpec().getReplicas()),
                Integer.toString(updated),
                Integer.toString(available),
                age(deployment.getMetadata(), options)));
        if (options.wide()) {
            cells.addAll(templateColumns(deployment.getSpec().getTemplate().getSpec(), deployment.getSpec().getSelector()));
        }
        return cells;
    }

    private static List<String> replicaSet(ReplicaSet replicaSet, Options options) {
        var status = replicaSet.getStatus();
        List<String> cells = new ArrayList<>(List.of(
                replicaSet.getMetadata().getName(),
                Integer.toString(replicas(replicaSet.getSpec().getReplicas())),
                Integer.toString(status == null ? 0 : status.getReplicas()),
                Integer.toString(status == null ? 0 : status.getReadyReplicas()),
                age(replicaSet.getMetadata(), options)));
        if (options.wide()) {
            cells.addAll(templateColumns(replicaSet.getSpec().getTemplate().getSpec(), replicaSet.getSpec().getSelector()));
        }
        return cells;
    }

    private static List<String> node(Node node, Options options) {
        List<String> cells = new ArrayList<>(List.of(
                node.getMetadata().getName(),
                nodeStatus(node),
                roles(node.getMetadata().getLabels()),
                age(node.getMetadata(), options),
                version(node)));
        if (options.wide()) {
            Map<String, String> capacity = node.getStatus() == null ? Map.of() : node.getStatus().getCapacity();
            cells.add(internalIp(node));
            cells.add(Quantities.cpu(capacity.get("cpu")));
            cells.add(Quantities.memory(capacity.get("memory")));
        }
        return cells;
    }

    private static List<String> namespace(Namespace namespace, Options options) {
        String phase = namespace.getStatus() == null || namespace.getStatus().getPhase() == null
                ? "Active" : namespace.getStatus().getPhase();
        return List.of(namespace.getMetadata().getName(), phase, age(namespace.getMetadata(), options));
    }

    /** A node's STATUS: {@code Ready}, {@code NotReady} or {@code Unknown}, plus {@code SchedulingDisabled}. */
    public static String nodeStatus(Node node) {
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
            } else if (key.equals("kubernetes.io/role") && !value.isEmpty()) {
                roles.add(value);
            }
        });
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
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

    private static List<String> templateColumns(PodSpec spec, LabelSelector selector) {
        String containers = spec.getContainers().stream().map(Container::getName).collect(Collectors.joining(","));
        String images = spec.getContainers().stream().map(Container::getImage).collect(Collectors.joining(","));
        return List.of(containers, images, selectorText(selector));
    }

    /** A structured selector in {@code -l} syntax; {@code <none>} when it selects nothing. */
    public static String selectorText(LabelSelector selector) {
        try {
            String text = Selector.of(selector).toString();
            return text.isEmpty() ? "<none>" : text;
        } catch (IllegalArgumentException e) {
            return "<invalid: " + e.getMessage() + ">";
        }
    }

    /** Declared replicas, which default to 1. */
    public static int replicas(Integer declared) {
        return declared == null ? 1 : declared;
    }

    private static String age(ObjectMeta metadata, Options options) {
        return Ages.age(metadata.getCreationTimestamp(), options.now());
    }

    private static ObjectMeta metadata(SpecificRecord object) {
        return (ObjectMeta) object.get(object.getSchema().getField("metadata").pos());
    }
}

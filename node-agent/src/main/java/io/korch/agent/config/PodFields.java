package io.korch.agent.config;

import io.korch.agent.runtime.ContainerConfigException;
import io.korch.api.Container;
import io.korch.api.ObjectFieldSelector;
import io.korch.api.Pod;
import io.korch.api.ResourceFieldSelector;
import io.korch.model.Quantity;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The downward API: a pod's own fields ({@code fieldRef}) and its containers' resources
 * ({@code resourceFieldRef}) as text, for environment variables and {@code downwardAPI} volume files,
 * with the kubelet's rules. Pure.
 *
 * <p>{@code status.podIP} is the address the node's pod network gave the pod ({@link NodeFacts#podIP}): its
 * sandbox is created before any of its containers, so their environment has it; empty while the pod has none.
 */
public final class PodFields {

    private static final String LABELS = "metadata.labels";
    private static final String ANNOTATIONS = "metadata.annotations";

    private PodFields() {
    }

    /**
     * The value of {@code selector.fieldPath} of {@code pod}: {@code metadata.name}, {@code metadata.namespace},
     * {@code metadata.uid}, {@code metadata.labels['k']} and {@code metadata.annotations['k']} (empty when
     * absent), {@code metadata.labels} and {@code metadata.annotations} as {@code k="v"} lines,
     * {@code spec.nodeName}, {@code spec.serviceAccountName}, {@code status.hostIP(s)}, {@code status.podIP(s)}.
     *
     * @throws ContainerConfigException for any other path
     */
    public static String field(Pod pod, ObjectFieldSelector selector, NodeFacts node) {
        String path = selector.getFieldPath();
        if (path.endsWith("']")) {
            int open = path.indexOf("['");
            if (open > 0) {
                String key = path.substring(open + 2, path.length() - 2);
                Map<String, String> map = subscripted(pod, path.substring(0, open));
                if (map != null) {
                    return map.getOrDefault(key, "");
                }
            }
        }
        return switch (path) {
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.namespace" -> namespace(pod);
            case "metadata.uid" -> nullToEmpty(pod.getMetadata().getUid());
            case LABELS -> formatMap(pod.getMetadata().getLabels());
            case ANNOTATIONS -> formatMap(pod.getMetadata().getAnnotations());
            case "spec.nodeName" -> pod.getSpec().getNodeName() != null ? pod.getSpec().getNodeName() : node.nodeName();
            case "spec.serviceAccountName" -> serviceAccountName(pod);
            case "status.hostIP", "status.hostIPs" -> node.hostIP();
            case "status.podIP", "status.podIPs" -> nullToEmpty(node.podIP(pod));
            default -> throw ContainerConfigException.configError("field label not supported: " + path);
        };
    }

    /**
     * A resource of the container {@code selector} names (or {@code container}, when it names none) in units
     * of its divisor, rounded up: {@code limits.cpu}, {@code requests.cpu}, {@code limits.memory},
     * {@code requests.memory}. An unset limit is the node's allocatable amount; an unset request is the
     * limit when one is set (as the API defaults it), else 0.
     *
     * @throws ContainerConfigException for another resource, an unknown container, or a malformed quantity
     */
    public static String resource(Pod pod, Container container, ResourceFieldSelector selector, NodeFacts node) {
        Container target = container;
        if (selector.getContainerName() != null && !selector.getContainerName().isEmpty()) {
            target = pod.getSpec().getContainers().stream()
                    .filter(c -> c.getName().equals(selector.getContainerName()))
                    .findFirst()
                    .orElseThrow(() -> ContainerConfigException.configError(
                            "container " + selector.getContainerName() + " not found in pod " + pod.getMetadata().getName()));
        }
        if (target == null) {
            throw ContainerConfigException.configError("resourceFieldRef " + selector.getResource()
                    + " names no container");
        }
        Map<String, String> limits = target.getResources() == null ? Map.of() : target.getResources().getLimits();
        Map<String, String> requests = target.getResources() == null ? Map.of() : target.getResources().getRequests();
        String divisor = selector.getDivisor() == null || selector.getDivisor().isEmpty() ? "1" : selector.getDivisor();
        try {
            return switch (selector.getResource()) {
                case "limits.cpu" -> cpu(limits.containsKey("cpu") ? Quantity.parseMillis(limits.get("cpu"))
                        : node.allocatableMillis(), divisor);
                case "requests.cpu" -> cpu(request(requests, limits, "cpu", Quantity::parseMillis), divisor);
                case "limits.memory" -> bytes(limits.containsKey("memory") ? Quantity.parseBytes(limits.get("memory"))
                        : node.allocatableBytes(), divisor);
                case "requests.memory" -> bytes(request(requests, limits, "memory", Quantity::parseBytes), divisor);
                default -> throw ContainerConfigException.configError(
                        "unsupported container resource : " + selector.getResource());
            };
        } catch (IllegalArgumentException e) {
            throw ContainerConfigException.configError(e.getMessage());
        }
    }

    /** The pod's namespace, {@code default} when it names none. */
    public static String namespace(Pod pod) {
        return pod.getMetadata().getNamespace() == null ? "default" : pod.getMetadata().getNamespace();
    }

    /** Kubernetes' rendering of a label or annotation map: sorted {@code key="value"} lines. */
    static String formatMap(Map<String, String> map) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(map).forEach((k, v) -> text.append(k).append('=').append(quote(v)).append('\n'));
        return text.isEmpty() ? "" : text.substring(0, text.length() - 1);
    }

    private static Map<String, String> subscripted(Pod pod, String path) {
        return switch (path) {
            case LABELS -> pod.getMetadata().getLabels();
            case ANNOTATIONS -> pod.getMetadata().getAnnotations();
            default -> null;
        };
    }

    private static String serviceAccountName(Pod pod) {
        if (pod.getSpec().getServiceAccountName() != null) {
            return pod.getSpec().getServiceAccountName();
        }
        return pod.getSpec().getServiceAccount() != null ? pod.getSpec().getServiceAccount() : "default";
    }

    private static long request(Map<String, String> requests, Map<String, String> limits, String resource,
                                ToLongFunction<String> parse) {
        if (requests.containsKey(resource)) {
            return parse.applyAsLong(requests.get(resource));
        }
        return limits.containsKey(resource) ? parse.applyAsLong(limits.get(resource)) : 0;
    }

    /** Whole divisors of cpu, rounded up: 250m with divisor 1 is 1, with divisor 1m is 250. */
    private static String cpu(long millis, String divisor) {
        long per = Quantity.parseMillis(divisor);
        return Long.toString(ceilDiv(millis, per == 0 ? 1000 : per));
    }

    private static String bytes(long bytes, String divisor) {
        long per = Quantity.parseBytes(divisor);
        return Long.toString(ceilDiv(bytes, per == 0 ? 1 : per));
    }

    private static long ceilDiv(long value, long divisor) {
        return -Math.floorDiv(-value, divisor);
    }

    /** A Go {@code %q} rendering of simple text: quotes, backslashes and control characters escaped. */
    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}

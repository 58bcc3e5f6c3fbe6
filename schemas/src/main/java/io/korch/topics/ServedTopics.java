package io.korch.topics;

import io.korch.model.ApiKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The topics whose records make up the objects the API serves, and which object each record
 * belongs to: a pod is its declaration (user's or controller's) with its owners, binding and
 * status; a node is its registration, its declaration, its health verdict and its pod CIDRs; a
 * ConfigMap, a Secret, a ServiceAccount or a Service is its declaration alone, a
 * HorizontalPodAutoscaler its declaration with the autoscaler controller's status, an EndpointSlice
 * or an Endpoints object the endpoints controller's record alone, and an event the occurrences the
 * change log folded into it (recorded under the event's key, not the involved object's). The change log
 * records every change of these topics; the gateway's view holds exactly them.
 */
public final class ServedTopics {

    /** One served topic: the kind of object its records belong to, and whether they declare it. */
    public record Served(Topic<String, ?> topic, ApiKind kind, boolean declares) {
    }

    /** Every served topic, in the order a reader applies them. */
    public static final List<Served> ALL = List.of(
            new Served(Topics.NAMESPACES, ApiKind.NAMESPACE, true),
            new Served(Topics.DEPLOYMENTS, ApiKind.DEPLOYMENT, true),
            new Served(Topics.REPLICASETS, ApiKind.REPLICASET, true),
            new Served(Topics.PODS, ApiKind.POD, true),
            new Served(Topics.CONFIGMAPS, ApiKind.CONFIGMAP, true),
            new Served(Topics.SECRETS, ApiKind.SECRET, true),
            new Served(Topics.SERVICEACCOUNTS, ApiKind.SERVICEACCOUNT, true),
            new Served(Topics.SERVICES, ApiKind.SERVICE, true),
            new Served(Topics.HORIZONTAL_POD_AUTOSCALERS, ApiKind.HORIZONTALPODAUTOSCALER, true),
            new Served(Topics.OWNED_REPLICASETS, ApiKind.REPLICASET, true),
            new Served(Topics.OWNED_PODS, ApiKind.POD, true),
            new Served(Topics.ENDPOINT_SLICES, ApiKind.ENDPOINTSLICE, true),
            new Served(Topics.ENDPOINTS, ApiKind.ENDPOINTS, true),
            new Served(Topics.POD_OWNERS, ApiKind.POD, false),
            new Served(Topics.DEPLOYMENT_STATUS, ApiKind.DEPLOYMENT, false),
            new Served(Topics.REPLICASET_STATUS, ApiKind.REPLICASET, false),
            new Served(Topics.HPA_STATUS, ApiKind.HORIZONTALPODAUTOSCALER, false),
            new Served(Topics.NODE_HEALTH, ApiKind.NODE, false),
            new Served(Topics.NODE_POD_CIDRS, ApiKind.NODE, false),
            new Served(Topics.BINDINGS, ApiKind.POD, false),
            new Served(Topics.NODES, ApiKind.NODE, true),
            new Served(Topics.NODE_SPECS, ApiKind.NODE, true),
            new Served(Topics.POD_STATUS, ApiKind.POD, false),
            new Served(Topics.EVENTS, ApiKind.EVENT, true));

    /** The served topics, in {@link #ALL}'s order. */
    public static final List<Topic<String, ?>> TOPICS = ALL.stream().<Topic<String, ?>>map(Served::topic).toList();

    private static final Map<String, Served> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(served -> served.topic().name(), served -> served));

    private ServedTopics() {
    }

    /** The served topic named {@code name}, if it is one. */
    public static Optional<Served> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * The identity of the object record {@code key} of served topic {@code topic} belongs to:
     * {@code namespace/name}, or the name of a cluster-scoped object. A pod status key
     * ({@code namespace/name/uid}) belongs to the pod {@code namespace/name}.
     */
    public static String objectKey(String topic, String key) {
        boolean statusKey = topic.equals(Topics.POD_STATUS.name()) && key.indexOf('/') != key.lastIndexOf('/');
        return statusKey ? Keys.podOfStatus(key) : key;
    }
}

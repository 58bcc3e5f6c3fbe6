package io.korch.gateway.resource;

import io.korch.api.Node;
import io.korch.api.ObjectMeta;
import io.korch.gateway.view.ClusterView;
import io.korch.gateway.view.Versioned;
import io.korch.model.ApiKind;
import io.korch.model.NodeViews;
import io.korch.topics.Topics;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Objects as the API serves them, read from any {@link ClusterView} — the live one or one rebuilt
 * from the change log as of an earlier moment: the declaration (a user's or a controller's) with
 * its status merged and its resourceVersion set. {@link ObjectStore} and {@link NodeStore} read
 * through it, and so do watches and history.
 */
public final class ServedObjects {

    private static final Map<ApiKind, ResourceType<?>> TYPES = Map.ofEntries(
            Map.entry(ApiKind.NAMESPACE, Resources.NAMESPACES), Map.entry(ApiKind.NODE, Resources.NODES),
            Map.entry(ApiKind.POD, Resources.PODS), Map.entry(ApiKind.EVENT, Resources.EVENTS),
            Map.entry(ApiKind.SERVICE, Resources.SERVICES),
            Map.entry(ApiKind.ENDPOINTS, Resources.ENDPOINTS), Map.entry(ApiKind.CONFIGMAP, Resources.CONFIGMAPS),
            Map.entry(ApiKind.SECRET, Resources.SECRETS), Map.entry(ApiKind.SERVICEACCOUNT, Resources.SERVICEACCOUNTS),
            Map.entry(ApiKind.REPLICASET, Resources.REPLICASETS), Map.entry(ApiKind.DEPLOYMENT, Resources.DEPLOYMENTS),
            Map.entry(ApiKind.ENDPOINTSLICE, Resources.ENDPOINTSLICES),
            Map.entry(ApiKind.HORIZONTALPODAUTOSCALER, Resources.HORIZONTAL_POD_AUTOSCALERS));

    private ServedObjects() {
    }

    /** The resource type serving {@code kind}. */
    public static ResourceType<?> typeOf(ApiKind kind) {
        return TYPES.get(kind);
    }

    /** The object {@code objectKey} of {@code kind} as {@code view} holds it, before status merge; empty when absent. */
    public static <T extends SpecificRecord> Optional<Stored<T>> find(ClusterView view, ResourceType<T> type,
                                                                      String objectKey) {
        if (type.kind() == ApiKind.NODE) {
            @SuppressWarnings("unchecked")
            Optional<Stored<T>> node = (Optional<Stored<T>>) (Optional<?>) node(view, objectKey);
            return node;
        }
        Optional<Versioned<T>> declared = view.table(type.userTopic()).get(objectKey);
        if (declared.isPresent()) {
            return declared.map(v -> stored(view, type, objectKey, v, false));
        }
        if (type.ownedTopic() == null) {
            return Optional.empty();
        }
        return view.table(type.ownedTopic()).get(objectKey).map(v -> stored(view, type, objectKey, v, true));
    }

    /** {@code stored} as the API serves it: with its status merged and its resourceVersion set. */
    public static <T extends SpecificRecord> T serve(ClusterView view, ResourceType<T> type, String objectKey,
                                                     Stored<T> stored) {
        T merged = type.status().merge(stored.value(), objectKey, view);
        ObjectMeta meta = ObjectRecords.with(ObjectRecords.metadata(merged), "resourceVersion", stored.resourceVersion());
        return ObjectRecords.with(merged, "metadata", meta);
    }

    /** The object {@code objectKey} of {@code kind} as served from {@code view}; empty when absent. */
    public static Optional<SpecificRecord> served(ClusterView view, ApiKind kind, String objectKey) {
        return servedAs(view, TYPES.get(kind), objectKey);
    }

    private static <T extends SpecificRecord> Optional<SpecificRecord> servedAs(ClusterView view, ResourceType<T> type,
                                                                              String objectKey) {
        return find(view, type, objectKey).map(stored -> serve(view, type, objectKey, stored));
    }

    /**
     * The node {@code name}: its registration merged with its declaration by {@link NodeViews#merge};
     * its record revision is the declaration's when it has one, else the registration's.
     */
    static Optional<Stored<Node>> node(ClusterView view, String name) {
        Optional<Versioned<Node>> registered = view.table(Topics.NODES).get(name);
        Optional<Versioned<Node>> declared = view.table(Topics.NODE_SPECS).get(name);
        long revision = declared.or(() -> registered).map(Versioned::revision).orElse(0L);
        long objectRevision = view.objectRevision(ApiKind.NODE, name);
        return NodeViews.merge(registered.map(Versioned::value).orElse(null), declared.map(Versioned::value).orElse(null))
                .map(node -> new Stored<>(node, revision, false, objectRevision == 0 ? revision : objectRevision));
    }

    static <T extends SpecificRecord> Stored<T> stored(ClusterView view, ResourceType<T> type, String key,
                                                               Versioned<T> versioned, boolean owned) {
        long objectRevision = view.objectRevision(type.kind(), key);
        return new Stored<>(versioned.value(), versioned.revision(), owned,
                objectRevision == 0 ? versioned.revision() : objectRevision);
    }
}

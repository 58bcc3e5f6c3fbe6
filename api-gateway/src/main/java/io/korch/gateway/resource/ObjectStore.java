package io.korch.gateway.resource;

import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.gateway.kafka.DesiredStateWriter;
import io.korch.gateway.view.ClusterView;
import io.korch.gateway.view.Versioned;
import io.korch.gateway.view.VersionedTable;
import io.korch.model.ApiKind;
import io.korch.model.Owners;
import io.korch.topics.Keys;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;

/**
 * The API's semantics over the view and the writer: finds objects in the user and owned topics,
 * serves them with their status merged, and creates, replaces and deletes them by publishing
 * desired state.
 *
 * <p>Writes to one object run one at a time ({@link KeyedQueue}) and apply their acknowledged
 * record to the view before the next starts, so a client reads its own writes and two creates of
 * one name cannot both succeed. A namespace is deleted only when empty and no create into it is in
 * flight. Confined to the API verticle's event loop.
 */
public final class ObjectStore {

    public static final String DEFAULT_NAMESPACE = "default";
    /** The kinds whose controllers honour {@link PropagationPolicy#ORPHAN}; for the others it is the same as Background. */
    private static final Set<ApiKind> ORPHANING_KINDS = Set.of(ApiKind.REPLICASET, ApiKind.DEPLOYMENT);

    private final ClusterView view;
    private final DesiredStateWriter writer;
    private final KeyedQueue queue = new KeyedQueue();
    private final Map<String, Integer> creatingIn = new HashMap<>();
    private final Set<String> deletingNamespaces = new HashSet<>();

    public ObjectStore(ClusterView view, DesiredStateWriter writer) {
        this.view = view;
        this.writer = writer;
    }

    public ClusterView view() {
        return view;
    }

    /** The object stored under {@code key}, declared by a user or owned by a controller. */
    public <T extends SpecificRecord> Optional<Stored<T>> find(ResourceType<T> type, String key) {
        Optional<Versioned<T>> declared = view.table(type.userTopic()).get(key);
        if (declared.isPresent()) {
            return declared.map(v -> new Stored<>(v.value(), v.offset(), false));
        }
        if (type.ownedTopic() == null) {
            return Optional.empty();
        }
        return view.table(type.ownedTopic()).get(key).map(v -> new Stored<>(v.value(), v.offset(), true));
    }

    /** The object stored under {@code key}, or a 404. */
    public <T extends SpecificRecord> Stored<T> get(ResourceType<T> type, String key) {
        return find(type, key).orElseThrow(() -> ApiError.notFound(type.kind(), nameOf(type, key)));
    }

    /** Every object of {@code type} in {@code namespace} (null: everywhere), ordered by namespace and name. */
    public <T extends SpecificRecord> List<Map.Entry<String, Stored<T>>> list(ResourceType<T> type, String namespace) {
        Map<String, Stored<T>> found = new HashMap<>();
        if (type.ownedTopic() != null) {
            entries(type.ownedTopic(), namespace).forEach(e ->
                    found.put(e.getKey(), new Stored<>(e.getValue().value(), e.getValue().offset(), true)));
        }
        entries(type.userTopic(), namespace).forEach(e ->
                found.put(e.getKey(), new Stored<>(e.getValue().value(), e.getValue().offset(), false)));
        List<Map.Entry<String, Stored<T>>> sorted = new ArrayList<>(found.entrySet());
        sorted.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        return sorted;
    }

    /** {@code stored} as the API serves it: with its status merged and its resourceVersion set. */
    public <T extends SpecificRecord> T serve(ResourceType<T> type, String key, Stored<T> stored) {
        T merged = type.status().merge(stored.value(), key, view);
        ObjectMeta meta = ObjectRecords.with(ObjectRecords.metadata(merged), "resourceVersion", stored.resourceVersion());
        return ObjectRecords.with(merged, "metadata", meta);
    }

    /** Whether {@code namespace} exists. */
    public boolean namespaceExists(String namespace) {
        return view.table(Topics.NAMESPACES).contains(namespace);
    }

    /**
     * Publishes a new object, already admitted.
     *
     * @return the stored object; fails with 409 when the name is taken, 404 when its namespace does not exist
     */
    public <T extends SpecificRecord> Future<Stored<T>> create(ResourceType<T> type, T object) {
        String key = type.keyOf(object);
        String namespace = ObjectRecords.metadata(object).getNamespace();
        return queue.run(queueKey(type, key), () -> {
            if (find(type, key).isPresent()) {
                throw ApiError.alreadyExists(type.kind(), nameOf(type, key));
            }
            if (!type.kind().namespaced()) {
                return publish(type, key, object);
            }
            if (!namespaceExists(namespace) || deletingNamespaces.contains(namespace)) {
                throw ApiError.notFound(ApiKind.NAMESPACE, namespace);
            }
            creatingIn.merge(namespace, 1, Integer::sum);
            return publish(type, key, object)
                    .onComplete(ignored -> creatingIn.computeIfPresent(namespace, (ns, n) -> n == 1 ? null : n - 1));
        });
    }

    /**
     * Replaces the object under {@code key} with what {@code change} makes of the current one.
     * Objects owned by a controller are refused with a 422 naming the owner to change instead.
     */
    public <T extends SpecificRecord> Future<Stored<T>> replace(ResourceType<T> type, String key,
                                                               Function<Stored<T>, T> change) {
        return queue.run(queueKey(type, key), () -> {
            Stored<T> current = get(type, key);
            refuseIfOwned(type, key, current);
            return publish(type, key, change.apply(current));
        });
    }

    /** {@link #delete(ResourceType, String, Instant, PropagationPolicy)} with the default policy, Background. */
    public <T extends SpecificRecord> Future<Stored<T>> delete(ResourceType<T> type, String key, Instant now) {
        return delete(type, key, now, PropagationPolicy.BACKGROUND);
    }

    /**
     * Deletes the object under {@code key} by publishing a tombstone. With
     * {@link PropagationPolicy#ORPHAN}, a ReplicaSet or Deployment is first published as being
     * deleted — {@code metadata.deletionTimestamp} set to {@code now}, {@code metadata.finalizers}
     * {@code ["orphan"]}, as Kubernetes marks it — and then tombstoned: its controller, reading the
     * topic in order, releases what the object owns before it sees it gone. A pod a controller owns is
     * not deleted here: as in Kubernetes, the deletion is requested of its controller, by publishing
     * the pod as served with {@code metadata.deletionTimestamp} set to {@code now} to
     * {@link Topics#POD_DELETIONS}; the replicaset controller deletes and replaces it. Other owned
     * objects are refused with a 422 naming the owner to change instead.
     *
     * @return the object as it was last stored
     */
    public <T extends SpecificRecord> Future<Stored<T>> delete(ResourceType<T> type, String key, Instant now,
                                                              PropagationPolicy policy) {
        return queue.run(queueKey(type, key), () -> {
            Stored<T> current = get(type, key);
            if (current.owned() && type.kind() == ApiKind.POD) {
                return requestPodDeletion(key, (Pod) serve(type, key, current), now).map(ignored -> current);
            }
            refuseIfOwned(type, key, current);
            if (policy == PropagationPolicy.ORPHAN && ORPHANING_KINDS.contains(type.kind())) {
                return write(type.userTopic(), key, orphaning(current.value(), now))
                        .compose(ignored -> tombstone(type, key))
                        .map(ignored -> current);
            }
            if (type.kind() != ApiKind.NAMESPACE) {
                return tombstone(type, key).map(ignored -> current);
            }
            checkNamespaceDeletable(key);
            deletingNamespaces.add(key);
            return tombstone(type, key).map(ignored -> current)
                    .onComplete(ignored -> deletingNamespaces.remove(key));
        });
    }

    /** {@code object} marked as being deleted with its dependents orphaned. */
    private static <T extends SpecificRecord> T orphaning(T object, Instant now) {
        ObjectMeta meta = ObjectMeta.newBuilder(ObjectRecords.metadata(object))
                .setDeletionTimestamp(now)
                .setFinalizers(new ArrayList<>(List.of(Owners.ORPHAN_FINALIZER)))
                .build();
        return ObjectRecords.with(object, "metadata", meta);
    }

    private <T extends SpecificRecord> Future<Stored<T>> publish(ResourceType<T> type, String key, T object) {
        return write(type.userTopic(), key, object).map(offset -> new Stored<>(object, offset, false));
    }

    /**
     * Publishes a request that the controller of pod {@code served} delete it. Written through the
     * same writer as every desired state, so a write Kafka does not acknowledge fails alike; the
     * view does not hold the requests (nothing serves them).
     */
    private Future<Long> requestPodDeletion(String key, Pod served, Instant now) {
        ObjectMeta meta = ObjectRecords.with(served.getMetadata(), "deletionTimestamp", now);
        return writer.write(Topics.POD_DELETIONS, key, ObjectRecords.with(served, "metadata", meta));
    }

    private <T extends SpecificRecord> Future<Long> tombstone(ResourceType<T> type, String key) {
        return write(type.userTopic(), key, null);
    }

    /**
     * Writes {@code value} (null: a tombstone) and applies it to the view once acknowledged. The
     * write is marked in flight from before it is sent until it is applied, so the view keeps the
     * key's tombstone that a late application would otherwise revive.
     */
    <V> Future<Long> write(Topic<String, V> topic, String key, V value) {
        VersionedTable<V> table = view.table(topic);
        table.beginWrite(key);
        Future<Long> acknowledged;
        try {
            acknowledged = writer.write(topic, key, value);
        } catch (RuntimeException e) {
            table.endWrite(key);
            throw e;
        }
        return acknowledged.map(offset -> {
            view.applyOwnWrite(topic, key, value, offset);
            return offset;
        }).onComplete(ignored -> table.endWrite(key));
    }

    private <T extends SpecificRecord> void refuseIfOwned(ResourceType<T> type, String key, Stored<T> current) {
        if (current.owned()) {
            throw ApiError.controlled(type.kind(), nameOf(type, key), Ownership.refusal(type, key, current, view));
        }
    }

    private void checkNamespaceDeletable(String namespace) {
        if (DEFAULT_NAMESPACE.equals(namespace)) {
            throw ApiError.forbidden(ApiKind.NAMESPACE, namespace, "this namespace may not be deleted");
        }
        List<String> held = new ArrayList<>();
        for (ResourceType<?> type : Resources.NAMESPACED) {
            long count = list(type, namespace).size();
            if (count > 0) {
                held.add(count + " " + type.kind().plural());
            }
        }
        if (!held.isEmpty() || creatingIn.containsKey(namespace)) {
            String what = held.isEmpty() ? "objects being created" : String.join(", ", held);
            throw ApiError.conflict(ApiKind.NAMESPACE, namespace, "the namespace still holds " + what
                    + "; delete them first");
        }
    }

    private <V> Stream<Map.Entry<String, Versioned<V>>> entries(Topic<String, V> topic, String namespace) {
        Stream<Map.Entry<String, Versioned<V>>> live = view.table(topic).live();
        String prefix = namespace + "/";
        return namespace == null ? live : live.filter(e -> e.getKey().startsWith(prefix));
    }

    private static String queueKey(ResourceType<?> type, String key) {
        return type.kind().plural() + "/" + key;
    }

    private static String nameOf(ResourceType<?> type, String key) {
        return type.kind().namespaced() ? Keys.name(key) : key;
    }
}

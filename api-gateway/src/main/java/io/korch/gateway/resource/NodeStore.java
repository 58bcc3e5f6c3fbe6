package io.korch.gateway.resource;

import io.korch.api.Node;
import io.korch.api.ObjectMeta;
import io.korch.gateway.view.ClusterView;
import io.korch.model.ApiKind;
import io.korch.model.NodeViews;
import io.korch.topics.Topics;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Nodes as the API serves them, and the writes users make to them. A node has two records: what its
 * agent registered ({@code korch.nodes}, which the gateway never writes) and what users declared
 * ({@code korch.node-specs}); the node is their merge by {@link NodeViews#merge}, the rule the
 * scheduler applies too. Create, replace and delete each write one declaration; a deletion is a
 * declaration with {@code metadata.deletionTimestamp}, not a tombstone, so that it hides the
 * registration until the agent heartbeats after it (re-registration).
 *
 * <p>A node's resourceVersion is the revision of the latest change to its registration,
 * declaration or health; reads and the conflict check of a replace use the same one. A write
 * requires the declaration to be as it was read, and is worked out again when another gateway
 * changed it meanwhile (see {@link ObjectStore}). Writes to one node run one at a time.
 * Confined to the API verticle's event loop.
 */
public final class NodeStore {

    private final ObjectStore store;
    private final KeyedQueue queue = new KeyedQueue();

    public NodeStore(ObjectStore store) {
        this.store = store;
    }

    /** The node {@code name} as the cluster sees it (before status merge); empty when absent or deleted. */
    public Optional<Stored<Node>> find(String name) {
        return ServedObjects.node(store.view(), name);
    }

    /** The node {@code name}, or a 404. */
    public Stored<Node> get(String name) {
        return find(name).orElseThrow(() -> ApiError.notFound(ApiKind.NODE, name));
    }

    /** Every node the cluster sees, ordered by name. */
    public List<Map.Entry<String, Stored<Node>>> list() {
        ClusterView view = store.view();
        TreeSet<String> names = new TreeSet<>();
        Stream.concat(view.table(Topics.NODES).live(), view.table(Topics.NODE_SPECS).live())
                .forEach(e -> names.add(e.getKey()));
        return names.stream()
                .flatMap(name -> find(name).map(node -> Map.entry(name, node)).stream())
                .toList();
    }

    /**
     * Declares a new node, already admitted.
     *
     * @return the node as the cluster now sees it; fails with 409 when it exists already
     */
    public Future<Stored<Node>> create(Node node) {
        String name = node.getMetadata().getName();
        return queue.run(name, () -> store.attempt(ApiKind.NODE, name, ObjectStore.ATTEMPTS, () -> {
            if (find(name).isPresent()) {
                throw ApiError.alreadyExists(ApiKind.NODE, name);
            }
            return declare(declaration(node));
        }));
    }

    /**
     * Replaces the declaration of node {@code name} with what {@code change} makes of the node as
     * served. The node {@code change} receives carries the declaration's generation (1 when there is
     * none), so that {@link Admission#replacing} bumps that one.
     *
     * @return the node as the cluster now sees it; fails with 404 when it does not exist
     */
    public Future<Stored<Node>> replace(String name, Function<Stored<Node>, Node> change) {
        return queue.run(name, () -> store.attempt(ApiKind.NODE, name, ObjectStore.ATTEMPTS, () -> {
            Stored<Node> current = get(name);
            Node declared = store.view().table(Topics.NODE_SPECS).value(name);
            Long generation = declared != null && declared.getMetadata().getGeneration() != null
                    ? declared.getMetadata().getGeneration() : Long.valueOf(1L);
            Node withGeneration = ObjectRecords.with(current.value(), "metadata",
                    ObjectRecords.with(current.value().getMetadata(), "generation", generation));
            return declare(declaration(change.apply(new Stored<>(withGeneration, current.revision(), false,
                    current.objectRevision()))));
        }));
    }

    /**
     * Deletes node {@code name} by declaring it deleted at {@code now}. The declaration keeps no
     * labels, annotations or spec, so an agent that registers again afterwards starts afresh.
     *
     * @return the node as it was last served; fails with 404 when it does not exist
     */
    public Future<Stored<Node>> delete(String name, Instant now) {
        return queue.run(name, () -> store.attempt(ApiKind.NODE, name, ObjectStore.ATTEMPTS, () -> {
            Stored<Node> current = get(name);
            ObjectMeta was = current.value().getMetadata();
            Node deletion = Node.newBuilder()
                    .setMetadata(ObjectMeta.newBuilder()
                            .setName(name)
                            .setUid(was.getUid())
                            .setCreationTimestamp(was.getCreationTimestamp())
                            .setDeletionTimestamp(now)
                            .build())
                    .build();
            return store.write(Topics.NODE_SPECS, name, deletion, List.of(store.unchanged(Topics.NODE_SPECS, name)))
                    .map(ignored -> current);
        }));
    }

    /**
     * What a declaration keeps of an admitted node: name, uid, creationTimestamp, generation,
     * labels, annotations, deletionTimestamp and the spec. Nothing else a client sends means anything
     * for a node the agent runs.
     */
    static Node declaration(Node node) {
        ObjectMeta meta = node.getMetadata();
        return Node.newBuilder()
                .setMetadata(ObjectMeta.newBuilder()
                        .setName(meta.getName())
                        .setUid(meta.getUid())
                        .setCreationTimestamp(meta.getCreationTimestamp())
                        .setGeneration(meta.getGeneration())
                        .setLabels(new LinkedHashMap<>(meta.getLabels()))
                        .setAnnotations(new LinkedHashMap<>(meta.getAnnotations()))
                        .setDeletionTimestamp(meta.getDeletionTimestamp())
                        .build())
                .setSpec(node.getSpec())
                .build();
    }

    /** Writes {@code declaration} and answers with the node as the cluster sees it then. */
    private Future<Stored<Node>> declare(Node declaration) {
        String name = declaration.getMetadata().getName();
        return store.write(Topics.NODE_SPECS, name, declaration, List.of(store.unchanged(Topics.NODE_SPECS, name)))
                .map(revision -> find(name).orElseGet(() -> new Stored<>(declaration, revision, false, revision)));
    }
}

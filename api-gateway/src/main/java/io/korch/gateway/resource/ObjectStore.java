package io.korch.gateway.resource;

import io.korch.api.Namespace;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.Precondition;
import io.korch.api.PreconditionType;
import io.korch.api.Service;
import io.korch.gateway.allocation.ServiceAllocator;
import io.korch.gateway.history.ChangeLogReader;
import io.korch.gateway.kafka.ChangeRequests;
import io.korch.gateway.kafka.DesiredStateWriter;
import io.korch.gateway.kafka.WriteRefused;
import io.korch.gateway.view.ClusterView;
import io.korch.gateway.view.Versioned;
import io.korch.gateway.view.VersionedTable;
import io.korch.model.ApiKind;
import io.korch.model.Owners;
import io.korch.topics.Keys;
import io.korch.topics.Revisions;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;

/**
 * The API's semantics over the view and the change log: finds objects in the user and owned topics,
 * serves them with their status merged, and creates, replaces and deletes them by asking the
 * change log ({@link ChangeRequests}) to write desired state.
 *
 * <p>Every write carries its preconditions — a create that the name is free and the namespace
 * exists, a replace or delete that the record is still at the revision it was based on, a
 * namespace deletion that nothing is left in it — and the change log, one decision point for the
 * whole cluster, applies it only if they hold then, so no gateway can lose another's write. A
 * write refused because its record changed meanwhile is worked out again on the newer record
 * (a client's stale resourceVersion then gives 409, as the change function checks it). A write is
 * answered once the view holds its revision, so a client reads its own writes. Writes to one
 * object run one at a time on this gateway ({@link KeyedQueue}). A Service is given its cluster IP
 * and node ports by the {@link ServiceAllocator} before it is written, and the values it no longer
 * holds are released once it is written or deleted. Confined to the API verticle's event loop.
 */
public final class ObjectStore {

    public static final String DEFAULT_NAMESPACE = "default";
    /** The kinds whose controllers honour {@link PropagationPolicy#ORPHAN}; for the others it is the same as Background. */
    private static final Set<ApiKind> ORPHANING_KINDS = Set.of(ApiKind.REPLICASET, ApiKind.DEPLOYMENT);
    /**
     * The kinds that own dependents, whose deletion with {@link PropagationPolicy#FOREGROUND} waits for
     * them; for the others it is the same as Background, there being nothing to wait for.
     */
    static final Set<ApiKind> FOREGROUND_KINDS = ORPHANING_KINDS;

    /**
     * How many times a write is worked out in all while it is refused because its record changed
     * meanwhile: each gateway writes an object one request at a time, so only writes through other
     * gateways compete, and each refusal means one of them got through.
     */
    static final int ATTEMPTS = 20;
    /** How long a write waits, once applied, for the view to hold it. */
    static final Duration VIEW_WAIT = Duration.ofSeconds(10);

    private final ClusterView view;
    private final ChangeRequests requests;
    private final DesiredStateWriter writer;
    private final Supplier<ChangeLogReader> changeLog;
    private final Admission admission;
    private final ServiceAllocator services;
    private final KeyedQueue queue = new KeyedQueue();

    /**
     * Serves {@code view}; asks {@code requests} for writes of desired state, writes pod deletion
     * requests with {@code writer}, reads the change log's past with {@code changeLog}'s readers,
     * admits the objects it writes of itself (a namespace's default ServiceAccount) with
     * {@code admission}, and allocates Services' cluster IPs and node ports with {@code services}.
     */
    public ObjectStore(ClusterView view, ChangeRequests requests, DesiredStateWriter writer,
                       Supplier<ChangeLogReader> changeLog, Admission admission, ServiceAllocator services) {
        this.view = view;
        this.requests = requests;
        this.writer = writer;
        this.changeLog = changeLog;
        this.admission = admission;
        this.services = services;
    }

    public ClusterView view() {
        return view;
    }

    /** Opens readers of the change log, for the cluster as of an earlier revision. */
    public Supplier<ChangeLogReader> changeLog() {
        return changeLog;
    }

    /** The object stored under {@code key}, declared by a user or owned by a controller. */
    public <T extends SpecificRecord> Optional<Stored<T>> find(ResourceType<T> type, String key) {
        return ServedObjects.find(view, type, key);
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
                    found.put(e.getKey(), ServedObjects.stored(view, type, e.getKey(), e.getValue(), true)));
        }
        entries(type.userTopic(), namespace).forEach(e ->
                found.put(e.getKey(), ServedObjects.stored(view, type, e.getKey(), e.getValue(), false)));
        List<Map.Entry<String, Stored<T>>> sorted = new ArrayList<>(found.entrySet());
        sorted.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        return sorted;
    }

    /** {@code stored} as the API serves it: with its status merged and its resourceVersion set. */
    public <T extends SpecificRecord> T serve(ResourceType<T> type, String key, Stored<T> stored) {
        return ServedObjects.serve(view, type, key, stored);
    }

    /**
     * Completes once the view holds the change a client's {@code resourceVersion} names, so that a
     * version read from another gateway, which may be ahead of this one, is compared with the same
     * state; at once when there is none. Fails with 400 when it is not a korch resource version.
     */
    public Future<Void> caughtUpWith(String resourceVersion) {
        if (resourceVersion == null || resourceVersion.isEmpty()) {
            return Future.succeededFuture();
        }
        long revision = Revisions.parse(resourceVersion)
                .orElseThrow(() -> ApiError.invalidResourceVersion(resourceVersion));
        if (revision <= view.position()) {
            return Future.succeededFuture();
        }
        Context context = Vertx.currentContext();
        var reached = view.awaitPosition(revision).completeOnTimeout(null, VIEW_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return context == null ? Future.fromCompletionStage(reached) : Future.fromCompletionStage(reached, context);
    }

    /** Whether {@code namespace} exists. */
    public boolean namespaceExists(String namespace) {
        return view.table(Topics.NAMESPACES).contains(namespace);
    }

    /**
     * Creates a new object, already admitted. A namespace is created with its {@code default}
     * ServiceAccount; a pod only while the ServiceAccount it runs as exists ({@link ServiceAccounts}).
     *
     * @return the stored object; fails with 409 when the name is taken, 404 when its namespace does
     *         not exist, 403 when a pod's ServiceAccount does not
     */
    public <T extends SpecificRecord> Future<Stored<T>> create(ResourceType<T> type, T object) {
        String key = type.keyOf(object);
        String namespace = ObjectRecords.metadata(object).getNamespace();
        return queue.run(queueKey(type, key), () -> {
            if (find(type, key).isPresent()) {
                throw ApiError.alreadyExists(type.kind(), nameOf(type, key));
            }
            List<Precondition> preconditions = new ArrayList<>();
            preconditions.add(precondition(PreconditionType.ABSENT, type.userTopic(), key, 0));
            if (type.ownedTopic() != null) {
                preconditions.add(precondition(PreconditionType.ABSENT, type.ownedTopic(), key, 0));
            }
            if (type.kind().namespaced()) {
                if (!namespaceExists(namespace)) {
                    throw ApiError.notFound(ApiKind.NAMESPACE, namespace);
                }
                refuseIfTerminating(type.kind(), nameOf(type, key), namespace);
                preconditions.add(precondition(PreconditionType.PRESENT, Topics.NAMESPACES, namespace, 0));
            }
            requireServiceAccount(object);
            if (object instanceof Pod pod) {
                preconditions.add(precondition(PreconditionType.PRESENT, Topics.SERVICEACCOUNTS,
                        ServiceAccounts.keyOf(pod), 0));
            }
            Future<Long> written = object instanceof Service service
                    ? writeService(key, service, null, preconditions)
                    : write(type.userTopic(), key, object, preconditions);
            if (type.kind() == ApiKind.NAMESPACE) {
                written = written.compose(revision -> ensureDefaultServiceAccount(key).map(revision));
            }
            return written
                    .map(revision -> get(type, key))
                    .recover(error -> Future.failedFuture(createRefusal(type, object, namespace, error)));
        });
    }

    /**
     * Writes the {@code default} ServiceAccount of {@code namespace} unless the view holds it;
     * completes when it is written, or when another writer was first or the namespace is gone.
     * Idempotent.
     */
    public Future<Void> ensureDefaultServiceAccount(String namespace) {
        String key = Keys.of(namespace, ServiceAccounts.DEFAULT);
        if (view.table(Topics.SERVICEACCOUNTS).contains(key)) {
            return Future.succeededFuture();
        }
        var serviceAccount = admission.forCreate(Resources.SERVICEACCOUNTS,
                ServiceAccounts.declaredDefault(namespace), namespace);
        return write(Topics.SERVICEACCOUNTS, key, serviceAccount, List.of(
                precondition(PreconditionType.ABSENT, Topics.SERVICEACCOUNTS, key, 0),
                precondition(PreconditionType.PRESENT, Topics.NAMESPACES, namespace, 0)))
                .<Void>mapEmpty()
                .recover(error -> error instanceof WriteRefused refused && refused.failed() != null
                        ? Future.succeededFuture() : Future.failedFuture(error));
    }

    /** Refuses a pod whose ServiceAccount its namespace lacks (403); anything else passes. */
    private void requireServiceAccount(Object object) {
        if (object instanceof Pod pod && !view.table(Topics.SERVICEACCOUNTS).contains(ServiceAccounts.keyOf(pod))) {
            throw ServiceAccounts.missing(pod);
        }
    }

    /**
     * Replaces the object under {@code key} with what {@code change} makes of the current one.
     * Objects owned by a controller are refused with a 422 naming the owner to change instead.
     */
    public <T extends SpecificRecord> Future<Stored<T>> replace(ResourceType<T> type, String key,
                                                               Function<Stored<T>, T> change) {
        return queue.run(queueKey(type, key), () -> attempt(type.kind(), nameOf(type, key), ATTEMPTS, () -> {
            Stored<T> current = get(type, key);
            refuseIfOwned(type, key, current);
            T next = change.apply(current);
            List<Precondition> unchanged = List.of(unchanged(type.userTopic(), key));
            Future<Long> written = next instanceof Service service
                    ? writeService(key, service, (Service) current.value(), unchanged)
                    : write(type.userTopic(), key, next, unchanged);
            return written.map(revision -> get(type, key));
        }));
    }

    /**
     * Checks a create as {@link #create} does — the name is free, the namespace exists — and writes
     * nothing: a dry run.
     *
     * @return the object as it would be stored, at revision 0
     */
    public <T extends SpecificRecord> Future<Stored<T>> checkCreate(ResourceType<T> type, T object) {
        String key = type.keyOf(object);
        if (find(type, key).isPresent()) {
            return Future.failedFuture(ApiError.alreadyExists(type.kind(), nameOf(type, key)));
        }
        String namespace = ObjectRecords.metadata(object).getNamespace();
        if (type.kind().namespaced() && !namespaceExists(namespace)) {
            return Future.failedFuture(ApiError.notFound(ApiKind.NAMESPACE, namespace));
        }
        try {
            if (type.kind().namespaced()) {
                refuseIfTerminating(type.kind(), nameOf(type, key), namespace);
            }
            requireServiceAccount(object);
            @SuppressWarnings("unchecked")
            T planned = object instanceof Service service ? (T) services.plan(service, null) : object;
            return Future.succeededFuture(new Stored<>(planned, 0, false, 0));
        } catch (ApiError refused) {
            return Future.failedFuture(refused);
        }
    }

    /**
     * Checks a replace as {@link #replace} does — the object exists, is not owned, and
     * {@code change} accepts the current one — and writes nothing: a dry run.
     *
     * @return the object as it would be stored, at its current resource version
     */
    public <T extends SpecificRecord> Future<Stored<T>> checkReplace(ResourceType<T> type, String key,
                                                                    Function<Stored<T>, T> change) {
        try {
            Stored<T> current = get(type, key);
            refuseIfOwned(type, key, current);
            T next = change.apply(current);
            @SuppressWarnings("unchecked")
            T planned = next instanceof Service service ? (T) services.plan(service, (Service) current.value()) : next;
            return Future.succeededFuture(new Stored<>(planned, current.revision(), false, current.objectRevision()));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** {@link #delete(ResourceType, String, Instant, Deletion)} of a plain deletion: Background, no preconditions. */
    public <T extends SpecificRecord> Future<Stored<T>> delete(ResourceType<T> type, String key, Instant now) {
        return delete(type, key, now, Deletion.BACKGROUND);
    }

    /**
     * Deletes the object under {@code key} as {@code deletion} says, once its preconditions hold on
     * the object as served (409 otherwise, as the apiserver words it).
     *
     * <p>With {@link PropagationPolicy#ORPHAN}, a ReplicaSet or Deployment is first written as being
     * deleted — {@code metadata.deletionTimestamp} set to {@code now}, {@code metadata.finalizers}
     * {@code ["orphan"]}, as Kubernetes marks it — and then deleted: its controller, reading the
     * topic in order, releases what the object owns before it sees it gone. With
     * {@link PropagationPolicy#FOREGROUND}, a ReplicaSet or Deployment is only written as being
     * deleted, with the finalizer {@code foregroundDeletion}: it stays visible while its controller
     * deletes its dependents, and {@link ForegroundDeletions} deletes it once none is left. A pod a
     * controller owns is not deleted here: as in Kubernetes, the deletion is requested of its
     * controller, by publishing the pod as served with {@code metadata.deletionTimestamp} set to
     * {@code now} to {@link Topics#POD_DELETIONS}; the replicaset controller deletes and replaces
     * it. Other owned objects are refused with a 422 naming the owner to change instead. An empty
     * namespace is deleted at once; one that holds objects is marked as terminating, and
     * {@link NamespaceDeletions} deletes its contents and then it.
     *
     * <p>A dry run checks all of it and writes nothing.
     *
     * @return the object as it was last stored; for a Foreground deletion, as marked
     */
    public <T extends SpecificRecord> Future<Stored<T>> delete(ResourceType<T> type, String key, Instant now,
                                                              Deletion deletion) {
        return queue.run(queueKey(type, key), () -> attempt(type.kind(), nameOf(type, key), ATTEMPTS, () -> {
            Stored<T> current = get(type, key);
            deletion.checkPreconditions(type.kind(), ObjectRecords.metadata(serve(type, key, current)));
            if (current.owned() && type.kind() == ApiKind.POD) {
                return deletion.dryRun() ? Future.succeededFuture(current)
                        : requestPodDeletion(key, (Pod) serve(type, key, current), now).map(ignored -> current);
            }
            refuseIfOwned(type, key, current);
            PropagationPolicy policy = deletion.policy();
            if (policy == PropagationPolicy.FOREGROUND && FOREGROUND_KINDS.contains(type.kind())) {
                return markForeground(type, key, current, now, deletion.dryRun());
            }
            if (policy == PropagationPolicy.ORPHAN && ORPHANING_KINDS.contains(type.kind())) {
                if (deletion.dryRun()) {
                    return Future.succeededFuture(current);
                }
                return write(type.userTopic(), key, orphaning(current.value(), now), List.of(unchanged(type.userTopic(), key)))
                        .compose(ignored -> write(type.userTopic(), key, null, List.of(unchanged(type.userTopic(), key))))
                        .map(ignored -> current);
            }
            if (type.kind() == ApiKind.NAMESPACE) {
                checkNamespaceDeletable(key, (Namespace) current.value());
                if (deletion.dryRun()) {
                    return Future.succeededFuture(current);
                }
                if (!contents(key).isEmpty()) {
                    return markTerminating(key, (Namespace) current.value(), now).map(ignored -> get(type, key));
                }
                // something created meanwhile, which the view had not shown yet: delete it too
                return purgeNamespace(key).map(ignored -> current).recover(error -> leftObjects(error)
                        ? markTerminating(key, (Namespace) current.value(), now).map(ignored -> get(type, key))
                        : Future.failedFuture(error));
            }
            List<Precondition> preconditions = List.of(unchanged(type.userTopic(), key));
            if (deletion.dryRun()) {
                return Future.succeededFuture(current);
            }
            Future<Long> deleted = write(type.userTopic(), key, null, preconditions);
            if (current.value() instanceof Service service) {
                deleted = deleted.compose(revision ->
                        services.release(service, ServiceAllocator.heldKeys(service)).map(revision));
            }
            if (type.kind() == ApiKind.SERVICEACCOUNT && ServiceAccounts.DEFAULT.equals(Keys.name(key))) {
                deleted = deleted.compose(revision -> ensureDefaultServiceAccount(Keys.namespace(key)).map(revision));
            }
            return deleted.map(ignored -> current);
        }));
    }

    /**
     * The objects left in namespace {@code name}, declared and owned, but for its {@code default}
     * ServiceAccount: what {@link NamespaceDeletions} waits for before it purges a terminating namespace.
     */
    public List<NamespacedObject> contents(String name) {
        List<NamespacedObject> held = new ArrayList<>();
        for (ResourceType<?> type : Resources.NAMESPACED) {
            list(type, name).stream()
                    .filter(entry -> type != Resources.SERVICEACCOUNTS || !ServiceAccounts.DEFAULT.equals(Keys.name(entry.getKey())))
                    .forEach(entry -> held.add(new NamespacedObject(type, entry.getKey(), entry.getValue().owned())));
        }
        return held;
    }

    /**
     * One object of a namespace.
     *
     * @param owned whether a controller owns it, and so deletes it once its owner is gone
     */
    public record NamespacedObject(ResourceType<?> type, String key, boolean owned) {
    }

    /**
     * Writes namespace {@code name} as being deleted, as Kubernetes marks it: {@code deletionTimestamp}
     * {@code now}, served with {@code status.phase: Terminating}. No new object may be created in it
     * then, and {@link NamespaceDeletions} deletes what it holds and then the namespace.
     */
    private Future<Long> markTerminating(String name, Namespace namespace, Instant now) {
        Namespace marked = Namespace.newBuilder(namespace)
                .setMetadata(ObjectMeta.newBuilder(namespace.getMetadata()).setDeletionTimestamp(now).build())
                .build();
        return write(Topics.NAMESPACES, name, marked, List.of(unchanged(Topics.NAMESPACES, name)));
    }

    /**
     * Deletes namespace {@code name} if nothing is left in it: first its {@code default}
     * ServiceAccount, then the namespace itself; when something is left (preconditions checked by
     * the change log), the default ServiceAccount is written again and the deletion fails
     * ({@link #leftObjects}).
     */
    public Future<Long> purgeNamespace(String name) {
        List<Precondition> preconditions = new ArrayList<>();
        preconditions.add(unchanged(Topics.NAMESPACES, name));
        for (Topic<String, ?> topic : namespacedTopics()) {
            preconditions.add(precondition(PreconditionType.NO_KEYS_UNDER, topic, name + "/", 0));
        }
        String serviceAccount = Keys.of(name, ServiceAccounts.DEFAULT);
        Future<Long> cleared = view.table(Topics.SERVICEACCOUNTS).contains(serviceAccount)
                ? write(Topics.SERVICEACCOUNTS, serviceAccount, null, List.of(unchanged(Topics.SERVICEACCOUNTS, serviceAccount)))
                : Future.succeededFuture(0L);
        return cleared.compose(ignored -> write(Topics.NAMESPACES, name, null, preconditions)
                .recover(error -> ensureDefaultServiceAccount(name)
                        .transform(restored -> Future.<Long>failedFuture(error))));
    }

    /** Whether {@link #purgeNamespace} failed because the namespace still held objects. */
    public static boolean leftObjects(Throwable error) {
        return error instanceof WriteRefused refused && refused.failed() != null
                && refused.failed().getType() == PreconditionType.NO_KEYS_UNDER;
    }

    /**
     * Writes {@code current} marked as being deleted in the foreground; an object already marked is
     * left as it is, its deletion under way.
     */
    private <T extends SpecificRecord> Future<Stored<T>> markForeground(ResourceType<T> type, String key,
                                                                       Stored<T> current, Instant now, boolean dryRun) {
        ObjectMeta meta = ObjectRecords.metadata(current.value());
        if (Owners.foregroundDeleting(meta)) {
            return Future.succeededFuture(current);
        }
        List<String> finalizers = new ArrayList<>(meta.getFinalizers());
        finalizers.add(Owners.FOREGROUND_FINALIZER);
        ObjectMeta marked = ObjectMeta.newBuilder(meta)
                .setDeletionTimestamp(meta.getDeletionTimestamp() == null ? now : meta.getDeletionTimestamp())
                .setFinalizers(finalizers)
                .build();
        T object = ObjectRecords.with(current.value(), "metadata", marked);
        if (dryRun) {
            return Future.succeededFuture(new Stored<>(object, current.revision(), false, current.objectRevision()));
        }
        return write(type.userTopic(), key, object, List.of(unchanged(type.userTopic(), key)))
                .map(revision -> get(type, key));
    }

    /** {@code object} marked as being deleted with its dependents orphaned. */
    private static <T extends SpecificRecord> T orphaning(T object, Instant now) {
        ObjectMeta meta = ObjectMeta.newBuilder(ObjectRecords.metadata(object))
                .setDeletionTimestamp(now)
                .setFinalizers(new ArrayList<>(List.of(Owners.ORPHAN_FINALIZER)))
                .build();
        return ObjectRecords.with(object, "metadata", meta);
    }

    /**
     * Publishes a request that the controller of pod {@code served} delete it. The view does not
     * hold the requests (nothing serves them); the controller's deletion comes back through the
     * change log.
     */
    private Future<Long> requestPodDeletion(String key, Pod served, Instant now) {
        ObjectMeta meta = ObjectRecords.with(served.getMetadata(), "deletionTimestamp", now);
        return writer.write(Topics.POD_DELETIONS, key, ObjectRecords.with(served, "metadata", meta));
    }

    /**
     * Writes Service {@code service} replacing {@code previous} (null: creating it) with the values
     * the {@link ServiceAllocator} gives it, if {@code preconditions} hold. Once it is written, the
     * values {@code previous} held and it does not are released; when the change log refuses it,
     * the values claimed for it. A write whose outcome is unknown (no answer in time) keeps its
     * claims: they are taken over later if the Service does not hold them.
     */
    private Future<Long> writeService(String key, Service service, Service previous, List<Precondition> preconditions) {
        return services.allocate(service, previous).compose(allocated ->
                write(Topics.SERVICES, key, allocated.service(), preconditions)
                        .compose(revision -> previous == null ? Future.succeededFuture(revision)
                                : services.release(previous, allocated.released()).map(revision))
                        .recover(error -> error instanceof WriteRefused
                                ? services.release(allocated.service(), allocated.claimed())
                                        .transform(ignored -> Future.<Long>failedFuture(error))
                                : Future.failedFuture(error)));
    }

    /**
     * Asks the change log to write {@code value} (null: delete) if {@code preconditions} hold, and
     * completes with its revision once the view holds it.
     */
    <V> Future<Long> write(Topic<String, V> topic, String key, V value, List<Precondition> preconditions) {
        Context context = Vertx.currentContext();
        return requests.write(topic, key, value, preconditions, "gateway/" + requests.gateway())
                .compose(revision -> {
                    CompletableFuture<Long> held = new CompletableFuture<>();
                    view.awaitPosition(revision).orTimeout(VIEW_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                            .whenComplete((ignored, error) -> {
                                if (error != null) {
                                    held.completeExceptionally(ApiError.timeout("the write was applied at revision "
                                            + revision + " but this gateway's view did not reach it within "
                                            + VIEW_WAIT.toSeconds() + " s"));
                                } else {
                                    held.complete(revision);
                                }
                            });
                    return context == null ? Future.fromCompletionStage(held) : Future.fromCompletionStage(held, context);
                });
    }

    /** That record {@code key} of {@code topic} is still as the view holds it: at its revision, or absent. */
    Precondition unchanged(Topic<String, ?> topic, String key) {
        return view.table(topic).get(key)
                .map(current -> precondition(PreconditionType.AT_REVISION, topic, key, current.revision()))
                .orElseGet(() -> precondition(PreconditionType.ABSENT, topic, key, 0));
    }

    /**
     * Runs {@code write} and, while it is refused because a record changed meanwhile, again once the
     * view holds that change, at most {@code attempts} times in all; then answers 409.
     */
    <R> Future<R> attempt(ApiKind kind, String name, int attempts, Supplier<Future<R>> write) {
        Future<R> result;
        try {
            result = write.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return result.recover(error -> {
            if (!(error instanceof WriteRefused refused) || refused.failed() == null
                    || refused.failed().getType() == PreconditionType.NO_KEYS_UNDER) {
                return Future.failedFuture(error);
            }
            if (attempts <= 1) {
                return Future.failedFuture(ApiError.conflict(kind, name,
                        "the object has been modified; please apply your changes to the latest version and try again"));
            }
            Context context = Vertx.currentContext();
            var caughtUp = view.awaitPosition(refused.currentRevision()).orTimeout(VIEW_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            Future<Void> held = context == null ? Future.fromCompletionStage(caughtUp) : Future.fromCompletionStage(caughtUp, context);
            return held.compose(ignored -> attempt(kind, name, attempts - 1, write));
        });
    }

    private <T extends SpecificRecord> Throwable createRefusal(ResourceType<T> type, T object, String namespace,
                                                              Throwable error) {
        if (error instanceof WriteRefused refused && refused.failed() != null) {
            Precondition failed = refused.failed();
            if (failed.getType() != PreconditionType.PRESENT) {
                return ApiError.alreadyExists(type.kind(), nameOf(type, type.keyOf(object)));
            }
            return failed.getTopic().equals(Topics.SERVICEACCOUNTS.name()) && object instanceof Pod pod
                    ? ServiceAccounts.missing(pod) : ApiError.notFound(ApiKind.NAMESPACE, namespace);
        }
        return error;
    }

    /** The topics of every namespaced kind's objects, declared and owned. */
    private static List<Topic<String, ?>> namespacedTopics() {
        List<Topic<String, ?>> topics = new ArrayList<>();
        for (ResourceType<?> type : Resources.NAMESPACED) {
            topics.add(type.userTopic());
            if (type.ownedTopic() != null) {
                topics.add(type.ownedTopic());
            }
        }
        return topics;
    }

    static Precondition precondition(PreconditionType type, Topic<?, ?> topic, String key, long revision) {
        return Precondition.newBuilder().setType(type).setTopic(topic.name()).setKey(key).setRevision(revision).build();
    }


    private <T extends SpecificRecord> void refuseIfOwned(ResourceType<T> type, String key, Stored<T> current) {
        if (current.owned()) {
            throw ApiError.controlled(type.kind(), nameOf(type, key), Ownership.refusal(type, key, current, view));
        }
    }

    private static void checkNamespaceDeletable(String name, Namespace namespace) {
        if (DEFAULT_NAMESPACE.equals(name)) {
            throw ApiError.forbidden(ApiKind.NAMESPACE, name, "this namespace may not be deleted");
        }
        if (terminating(namespace)) {
            throw ApiError.conflict(ApiKind.NAMESPACE, name, "The system is ensuring all content is removed from"
                    + " this namespace.  Upon completion, this namespace will automatically be purged by the system.");
        }
    }

    /** Whether {@code namespace} is being deleted. */
    public static boolean terminating(Namespace namespace) {
        return namespace.getMetadata().getDeletionTimestamp() != null;
    }

    /** Refuses a new object in a namespace being deleted (403, as the apiserver words it). */
    private void refuseIfTerminating(ApiKind kind, String name, String namespace) {
        Namespace found = namespace == null ? null : view.table(Topics.NAMESPACES).value(namespace);
        if (found != null && terminating(found)) {
            throw ApiError.forbidden(kind, name, "unable to create new content in namespace " + namespace
                    + " because it is being terminated");
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

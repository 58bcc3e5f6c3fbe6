package io.korch.gateway.resource;

import io.korch.api.ObjectMeta;
import io.korch.api.OwnerReference;
import io.korch.api.PreconditionType;
import io.korch.gateway.kafka.WriteRefused;
import io.korch.gateway.view.Versioned;
import io.korch.model.Owners;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes deletions with {@code propagationPolicy: Foreground}. {@link ObjectStore#delete} only
 * marks the object ({@code deletionTimestamp} and the {@code foregroundDeletion} finalizer); its
 * controller then deletes its dependents — the deployment controller marks its ReplicaSets the
 * same way and deletes each once its pods are gone, the replicaset controller deletes its pods.
 * Each run of {@link #finishDue} looks in the view for marked objects none of whose blocking
 * dependents ({@code ownerReferences} to its uid with {@code blockOwnerDeletion: true}) is left
 * and deletes them.
 *
 * <p>A run looks only when the view has moved since the last one. Nothing else is remembered
 * between runs: every gateway runs it on its own view, so a deletion
 * finishes whichever gateway marked it and whether or not that one still runs. The final
 * deletion requires the record to be still at the revision of its marked version, so of several
 * gateways only the first one's deletion is applied, and an object changed meanwhile (its mark
 * lifted, say) is left alone. Confined to the API verticle's event loop.
 */
public final class ForegroundDeletions {

    /** How often {@link #finishDue} should run. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(ForegroundDeletions.class);
    private static final List<ResourceType<?>> OWNERS = List.of(Resources.DEPLOYMENTS, Resources.REPLICASETS);
    private static final List<ResourceType<?>> DEPENDENTS = List.of(Resources.REPLICASETS, Resources.PODS);

    private final ObjectStore store;
    private final Set<String> finishing = new HashSet<>();
    /** The view's position at the last run that left nothing to retry: until it moves, nothing can be due. */
    private long settledAt = -1;

    public ForegroundDeletions(ObjectStore store) {
        this.store = store;
    }

    /**
     * Deletes every object marked for foreground deletion whose dependents are gone.
     *
     * @return how many deletions this run applied
     */
    public Future<Integer> finishDue() {
        long position = store.view().position();
        if (position == settledAt) {
            return Future.succeededFuture(0);
        }
        settledAt = position;
        List<Future<Boolean>> deletions = new ArrayList<>();
        for (ResourceType<?> type : OWNERS) {
            due(type).forEach(entry -> deletions.add(finish(type, entry.getKey(), entry.getValue().revision())));
        }
        return Future.all(deletions).map(all -> (int) deletions.stream().filter(Future::result).count());
    }

    /** The marked objects of {@code type} whose dependents are gone. */
    private <T extends SpecificRecord> List<Map.Entry<String, Versioned<T>>> due(ResourceType<T> type) {
        return store.view().table(type.userTopic()).live()
                .filter(entry -> !finishing.contains(type.kind().plural() + "/" + entry.getKey()))
                .filter(entry -> Owners.foregroundDeleting(ObjectRecords.metadata(entry.getValue().value())))
                .filter(entry -> !hasDependents(ObjectRecords.metadata(entry.getValue().value())))
                .toList();
    }

    private Future<Boolean> finish(ResourceType<?> type, String key, long markedRevision) {
        String finishingKey = type.kind().plural() + "/" + key;
        finishing.add(finishingKey);
        return store.write(type.userTopic(), key, null, List.of(
                        ObjectStore.precondition(PreconditionType.AT_REVISION, type.userTopic(), key, markedRevision)))
                .map(revision -> true)
                .recover(error -> {
                    if (!(error instanceof WriteRefused)) {
                        settledAt = -1;
                        LOG.warn("cannot finish the foreground deletion of {} {}: {}", type.kind().kind(), key,
                                error.getMessage());
                    }
                    return Future.succeededFuture(false);
                })
                .onComplete(ignored -> finishing.remove(finishingKey));
    }

    /** Whether an object of the owner's namespace still blocks the deletion of the owner with metadata {@code owner}. */
    private boolean hasDependents(ObjectMeta owner) {
        return DEPENDENTS.stream().anyMatch(type -> blocks(type, owner.getNamespace(), owner.getUid()));
    }

    private <T extends SpecificRecord> boolean blocks(ResourceType<T> type, String namespace, String ownerUid) {
        for (Map.Entry<String, Stored<T>> entry : store.list(type, namespace)) {
            ObjectMeta dependent = ObjectRecords.metadata(store.serve(type, entry.getKey(), entry.getValue()));
            for (OwnerReference reference : dependent.getOwnerReferences()) {
                if (ownerUid.equals(reference.getUid()) && Boolean.TRUE.equals(reference.getBlockOwnerDeletion())) {
                    return true;
                }
            }
        }
        return false;
    }
}

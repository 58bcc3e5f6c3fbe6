package io.korch.controllers.replicaset;

import io.korch.api.Pod;
import io.korch.controllers.Effects;
import io.korch.controllers.Ids;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Takes each request from {@code korch.pod-deletions} — keyed by pod key, valued by the pod as the
 * user saw it — to delete a pod this controller wrote. When the pod in
 * {@value ReplicaSetController#PODS_STORE} under that key has the request's uid, it is deleted as a
 * surplus pod is (tombstone, index stores, {@code SuccessfulDelete} event) and the ReplicaSet
 * controlling it is reconciled, which creates a replacement under a new name; an orphan it wrote
 * (released, or left by a ReplicaSet deleted with {@code propagationPolicy: Orphan}) is just deleted.
 *
 * <p>Requests for a key with no pod of ours (declared by a user, or already deleted), or about
 * another pod of that name (another uid), are dropped, and so are tombstones: replaying the
 * compacted topic deletes nothing it did not delete the first time, never a newer pod of the name.
 *
 * <p>The whole step is planned before anything is written ({@link Effects}): if planning throws,
 * the request is skipped without a trace.
 */
final class PodDeletionProcessor implements Processor<String, Pod, String, SpecificRecord> {

    private final Ids ids;
    private ProcessorContext<String, SpecificRecord> context;
    private ReplicaSetSync sync;

    PodDeletionProcessor(Ids ids) {
        this.ids = ids;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sync = new ReplicaSetSync(context, ids);
    }

    @Override
    public void process(Record<String, Pod> record) {
        String podKey = record.key();
        if (podKey == null || record.value() == null) {
            return; // a tombstone only compacts the request away
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Effects.plan(context, "the deletion request at key " + podKey, () -> {
            Effects effects = new Effects(context);
            sync.deleteRequested(podKey, record.value(), now, effects);
            return effects;
        }).apply();
    }
}

package io.korch.controllers.replicaset;

import io.korch.api.Pod;
import io.korch.controllers.Effects;
import io.korch.controllers.Ids;
import io.korch.controllers.InputWrite;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what another component observed about a pod this controller knows — one it wrote or one a
 * user declared — such as the scheduler's binding or the agent's status report, and reconciles the
 * ReplicaSet controlling it when that changes what its reconcile sees.
 *
 * <p>Each record is keyed by pod key (or a key {@link #podKey} reads it from). One about a pod in neither
 * {@value ReplicaSetController#PODS_STORE} nor {@value ReplicaSetController#USER_PODS_STORE} (already
 * deleted), or about an earlier pod of the same name (another uid), is dropped. Otherwise it replaces the
 * pod's previous observation in the subclass's store (a tombstone removes it; a tombstone with
 * nothing to remove is dropped), and {@link #changed} compares the two: only a change reconciles
 * the owner, so a repeated observation costs one store write.
 *
 * <p>The whole step — the store write, whatever {@link #recorded} derives from it, and the owner's
 * reconcile — is planned before anything is written ({@link Effects}): if planning throws, the
 * observation is skipped without a trace and the stores still match the controller's outputs.
 *
 * @param <V> the observation's type
 */
abstract class PodObservationProcessor<V> implements Processor<String, V, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(PodObservationProcessor.class);

    private final Ids ids;
    private final Function<ReplicaSetSync, KeyValueStore<String, V>> storeOf;
    private final Function<V, String> podUidOf;
    private ProcessorContext<String, SpecificRecord> context;
    private ReplicaSetSync sync;

    /**
     * @param ids      gives the uids and name suffixes of the pods a reconcile creates
     * @param storeOf  the store, among the controller's, that keeps the latest observation of each pod
     * @param podUidOf the uid of the pod an observation is about
     */
    PodObservationProcessor(Ids ids, Function<ReplicaSetSync, KeyValueStore<String, V>> storeOf,
                            Function<V, String> podUidOf) {
        this.ids = ids;
        this.storeOf = storeOf;
        this.podUidOf = podUidOf;
    }

    /**
     * Whether the owning ReplicaSet must be reconciled now that {@code current} replaces
     * {@code previous} (either may be null, not both). Only reads.
     */
    abstract boolean changed(Pod pod, V previous, V current);

    /**
     * Adds to {@code effects} the updates of whatever else depends on the observation, once
     * {@code current} replaces {@code previous}. Nothing by default.
     */
    void recorded(ReplicaSetSync sync, Effects effects, String podKey, Pod pod, V previous, V current) {
    }

    @Override
    public final void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sync = new ReplicaSetSync(context, ids);
    }

    /** The pod key ({@code namespace/name}) of a record's key; the record's key itself unless the topic qualifies it. */
    String podKey(String recordKey) {
        return recordKey;
    }

    /** The uid of the pod a record's key is about, or null when the key names none (then only values say). */
    String podUidOfKey(String recordKey) {
        return null;
    }

    @Override
    public final void process(Record<String, V> record) {
        if (record.key() == null) {
            return;
        }
        String podKey;
        String keyUid;
        try {
            podKey = podKey(record.key());
            keyUid = podUidOfKey(record.key());
        } catch (IllegalArgumentException e) {
            // a key of another shape (a record an older version wrote) names no pod this controller knows
            LOG.warn("skipping the record with key {}: {}", record.key(), e.getMessage());
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Effects.plan(context, "the record at key " + record.key(), () -> plan(podKey, keyUid, record.value(), now)).apply();
    }

    private Effects plan(String podKey, String keyUid, V observation, Instant now) {
        Effects effects = new Effects(context);
        Pod pod = sync.known(podKey);
        if (pod == null) {
            return effects; // a pod this controller never saw, or one already deleted
        }
        String uid = pod.getMetadata().getUid();
        if ((keyUid != null && !keyUid.equals(uid))
                || (observation != null && !Objects.equals(podUidOf.apply(observation), uid))) {
            return effects; // about an earlier pod of the same name
        }
        KeyValueStore<String, V> store = storeOf.apply(sync);
        V previous = store.get(podKey);
        if (observation == null && previous == null) {
            return effects;
        }
        InputWrite<V> input = new InputWrite<>(store, podKey, observation);
        input.addTo(effects);
        recorded(sync, effects, podKey, pod, previous, observation);
        String owner = ReplicaSetSync.ownerKey(pod);
        if (owner != null && changed(pod, previous, observation)) {
            sync.reconcile(owner, input, now, effects);
        }
        return effects;
    }
}

package io.korch.controllers.replicaset;

import io.korch.api.Pod;
import io.korch.controllers.Ids;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Records what another component observed about a pod this controller wrote — the scheduler's
 * binding, the agent's status report — and reconciles the owning ReplicaSet when that changes
 * what its reconcile sees.
 *
 * <p>Each record is keyed by pod key. One about a pod not in
 * {@value ReplicaSetController#PODS_STORE} (declared by a user, or one of ours already deleted),
 * or about an earlier pod of the same name (another uid), is dropped. Otherwise it replaces the
 * pod's previous observation in the subclass's store (a tombstone removes it; a tombstone with
 * nothing to remove is dropped), and {@link #changed} compares the two: only a change reconciles
 * the owner, so a repeated observation costs one store write.
 *
 * @param <V> the observation's type
 */
abstract class PodObservationProcessor<V> implements Processor<String, V, String, SpecificRecord> {

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
     * Called once {@code current} has replaced {@code previous} in the store (either may be null,
     * not both): updates whatever else depends on the observation, and says whether the owning
     * ReplicaSet must be reconciled.
     */
    abstract boolean changed(ReplicaSetSync sync, String podKey, Pod pod, V previous, V current);

    @Override
    public final void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sync = new ReplicaSetSync(context, ids);
    }

    @Override
    public final void process(Record<String, V> record) {
        String podKey = record.key();
        Pod pod = podKey == null ? null : sync.pods().get(podKey);
        if (pod == null) {
            return; // a pod declared by a user, or one of ours already deleted
        }
        V observation = record.value();
        if (observation != null && !Objects.equals(podUidOf.apply(observation), pod.getMetadata().getUid())) {
            return; // about an earlier pod of the same name
        }
        KeyValueStore<String, V> store = storeOf.apply(sync);
        V previous = store.get(podKey);
        if (observation == null) {
            if (previous == null) {
                return;
            }
            store.delete(podKey);
        } else {
            store.put(podKey, observation);
        }
        if (changed(sync, podKey, pod, previous, observation)) {
            String owner = ReplicaSetSync.ownerKey(pod);
            if (owner != null) {
                sync.reconcile(owner, Instant.ofEpochMilli(context.currentSystemTimeMs()));
            }
        }
    }
}

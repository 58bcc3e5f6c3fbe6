package io.korch.controllers.deployment;

import io.korch.controllers.Effects;
import io.korch.controllers.Ids;
import io.korch.controllers.InputWrite;
import java.time.Instant;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Takes one input topic of the deployment controller into one of its stores and reconciles the
 * Deployment each record concerns, through a {@link DeploymentSync}.
 *
 * <p>A record without a key is dropped. Otherwise the subclass names the Deployment the record
 * concerns ({@link #deploymentKey}), or none to drop it unrecorded (unless {@link #recordedAlone}); the
 * record then replaces the store's entry at its key (a tombstone removes it) and that Deployment is
 * reconciled.
 *
 * <p>The whole step is planned before anything is written ({@link Effects}): if planning throws,
 * the record is skipped without a trace, neither recorded in the store nor reconciled, and the
 * stores still match what the controller has written to its output topics.
 *
 * @param <V> the record's value type
 */
abstract class DeploymentInputProcessor<V> implements Processor<String, V, String, SpecificRecord> {

    private final Ids ids;
    private final Function<DeploymentSync, KeyValueStore<String, V>> storeOf;
    private ProcessorContext<String, SpecificRecord> context;
    private DeploymentSync sync;

    /**
     * @param ids     gives the uids of the ReplicaSets a reconcile creates
     * @param storeOf the store, among the controller's, that keeps the records
     */
    DeploymentInputProcessor(Ids ids, Function<DeploymentSync, KeyValueStore<String, V>> storeOf) {
        this.ids = ids;
        this.storeOf = storeOf;
    }

    /**
     * The key of the Deployment to reconcile once {@code value} (null for a tombstone) is recorded at
     * {@code key}, or null to drop the record without recording it.
     */
    abstract String deploymentKey(DeploymentSync sync, String key, V value);

    /**
     * Whether a record that concerns no Deployment ({@link #deploymentKey} null) is still recorded in
     * the store, without a reconcile. No by default.
     */
    boolean recordedAlone(DeploymentSync sync, String key, V value) {
        return false;
    }

    /** Whether this processor looks for rollouts past their progress deadline; one of the controller's does. */
    boolean checksDeadlines() {
        return false;
    }

    @Override
    public final void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sync = new DeploymentSync(context, ids);
        if (checksDeadlines()) {
            context.schedule(DeploymentController.DEADLINE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
                    timestamp -> sync.checkDeadlines(Instant.ofEpochMilli(timestamp)));
        }
    }

    @Override
    public final void process(Record<String, V> record) {
        String key = record.key();
        if (key == null) {
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Effects.plan("the record at key " + key, () -> plan(key, record.value(), now)).apply();
    }

    private Effects plan(String key, V value, Instant now) {
        String deploymentKey = deploymentKey(sync, key, value);
        if (deploymentKey == null) {
            Effects effects = new Effects(context);
            if (recordedAlone(sync, key, value)) {
                new InputWrite<>(storeOf.apply(sync), key, value).addTo(effects);
            }
            return effects;
        }
        return sync.plan(deploymentKey, new InputWrite<>(storeOf.apply(sync), key, value), now);
    }
}

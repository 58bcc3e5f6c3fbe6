package io.korch.controllers.replicaset;

import io.korch.api.ReplicaSet;
import io.korch.controllers.Effects;
import io.korch.controllers.Identity;
import io.korch.controllers.Ids;
import io.korch.controllers.InputWrite;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each ReplicaSet record, declared ({@code korch.replicasets}) or owned by a Deployment
 * ({@code korch.owned.replicasets}), into the store {@value ReplicaSetController#REPLICASETS_STORE}
 * (a tombstone removes it) and reconciles that ReplicaSet. Every
 * {@link ReplicaSetController#LOST_POD_CHECK_INTERVAL} of wall-clock time it also reconciles the
 * ReplicaSets whose pods sit on NotReady nodes, since a node's verdict arrives in a global store and
 * triggers nothing by itself, and those a pod of which has now been ready for {@code minReadySeconds}.
 *
 * <p>Each step is planned in full before anything is written ({@link Effects}): a record whose
 * reconcile throws is skipped without a trace, neither recorded in the store nor acted upon.
 */
final class ReplicaSetProcessor implements Processor<String, ReplicaSet, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSetProcessor.class);

    private final Ids ids;
    private ProcessorContext<String, SpecificRecord> context;
    private ReplicaSetSync sync;

    ReplicaSetProcessor(Ids ids) {
        this.ids = ids;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sync = new ReplicaSetSync(context, ids);
        context.schedule(ReplicaSetController.LOST_POD_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
                timestamp -> {
                    sync.reconcileLostPods(Instant.ofEpochMilli(timestamp));
                    sync.reconcileNewlyAvailable(Instant.ofEpochMilli(timestamp));
                });
    }

    @Override
    public void process(Record<String, ReplicaSet> record) {
        String key = record.key();
        if (key == null) {
            return;
        }
        if (record.value() != null && !Identity.matches(key, record.value().getMetadata())) {
            LOG.warn("dropped the record at key {}: its metadata names {}/{}", key,
                    record.value().getMetadata().getNamespace(), record.value().getMetadata().getName());
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Effects.plan("the record at key " + key, () -> {
            Effects effects = new Effects(context);
            InputWrite<ReplicaSet> input = new InputWrite<>(sync.replicaSets(), key, record.value());
            input.addTo(effects);
            sync.reconcile(key, input, now, effects);
            return effects;
        }).apply();
    }
}

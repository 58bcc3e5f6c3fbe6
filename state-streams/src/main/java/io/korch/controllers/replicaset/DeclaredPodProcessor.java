package io.korch.controllers.replicaset;

import io.korch.api.Pod;
import io.korch.controllers.Effects;
import io.korch.controllers.Identity;
import io.korch.controllers.Ids;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each pod users declare ({@code korch.pods}) into the store
 * {@value ReplicaSetController#USER_PODS_STORE} (a tombstone removes it), so ReplicaSets can group
 * them by their selectors: a matching orphan is adopted by a ReplicaSet that lacks pods, a controlled
 * pod whose labels stop matching is released, and a controlled pod that is deleted is replaced
 * (see {@link ReplicaSetSync#declaredPodChanged}).
 *
 * <p>A record whose metadata names another pod than its key is dropped. Each step is planned in
 * full before anything is written ({@link Effects}): a record whose reconcile throws is skipped
 * without a trace.
 */
final class DeclaredPodProcessor implements Processor<String, Pod, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(DeclaredPodProcessor.class);

    private final Ids ids;
    private ProcessorContext<String, SpecificRecord> context;
    private ReplicaSetSync sync;

    DeclaredPodProcessor(Ids ids) {
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
        if (podKey == null) {
            return;
        }
        if (record.value() != null && !Identity.matches(podKey, record.value().getMetadata())) {
            LOG.warn("dropped the pod at key {}: its metadata names {}/{}", podKey,
                    record.value().getMetadata().getNamespace(), record.value().getMetadata().getName());
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Effects.plan(context, "the pod at key " + podKey, () -> {
            Effects effects = new Effects(context);
            sync.declaredPodChanged(podKey, record.value(), now, effects);
            return effects;
        }).apply();
    }
}

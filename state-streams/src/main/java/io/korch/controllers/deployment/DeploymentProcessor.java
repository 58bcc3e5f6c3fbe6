package io.korch.controllers.deployment;

import io.korch.api.Deployment;
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
 * Takes each record of {@code korch.deployments} into the store {@value DeploymentController#DEPLOYMENTS_STORE}
 * (a tombstone removes it) and reconciles that Deployment.
 */
final class DeploymentProcessor implements Processor<String, Deployment, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentProcessor.class);

    private final Ids ids;
    private ProcessorContext<String, SpecificRecord> context;
    private DeploymentSync sync;

    DeploymentProcessor(Ids ids) {
        this.ids = ids;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sync = new DeploymentSync(context, ids);
    }

    @Override
    public void process(Record<String, Deployment> record) {
        String key = record.key();
        if (key == null) {
            return;
        }
        if (record.value() == null) {
            sync.deployments().delete(key);
        } else if (!Identity.matches(key, record.value().getMetadata())) {
            LOG.warn("dropped the record at key {}: its metadata names {}/{}", key,
                    record.value().getMetadata().getNamespace(), record.value().getMetadata().getName());
            return;
        } else {
            sync.deployments().put(key, record.value());
        }
        sync.reconcile(key, Instant.ofEpochMilli(context.currentSystemTimeMs()));
    }
}

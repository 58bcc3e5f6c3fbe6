package io.korch.controllers.deployment;

import io.korch.api.OwnerReference;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import io.korch.controllers.Ids;
import io.korch.controllers.Ownership;
import io.korch.topics.Keys;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Takes the status of each ReplicaSet this controller owns from {@code korch.status.replicasets}
 * into the store {@value DeploymentController#REPLICASET_STATUS_STORE} and reconciles the owning
 * Deployment, whose status sums them. The status of any other ReplicaSet is ignored.
 */
final class ReplicaSetStatusProcessor implements Processor<String, ReplicaSetStatus, String, SpecificRecord> {

    private final Ids ids;
    private ProcessorContext<String, SpecificRecord> context;
    private DeploymentSync sync;

    ReplicaSetStatusProcessor(Ids ids) {
        this.ids = ids;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sync = new DeploymentSync(context, ids);
    }

    @Override
    public void process(Record<String, ReplicaSetStatus> record) {
        String key = record.key();
        if (key == null) {
            return;
        }
        ReplicaSet replicaSet = sync.replicaSets().get(key);
        OwnerReference owner = replicaSet == null ? null : Ownership.controller(replicaSet.getMetadata());
        if (owner == null) {
            return; // not ours; the status of a ReplicaSet we deleted was dropped with it
        }
        if (record.value() == null) {
            sync.replicaSetStatus().delete(key);
        } else {
            sync.replicaSetStatus().put(key, record.value());
        }
        sync.reconcile(Keys.of(replicaSet.getMetadata().getNamespace(), owner.getName()),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
    }
}

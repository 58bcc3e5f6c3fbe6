package io.korch.controllers.replicaset;

import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.controllers.Ids;
import java.time.Instant;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Takes each binding from {@code korch.bindings} that concerns a pod this controller wrote (same
 * key and uid) into the store {@value ReplicaSetController#BINDINGS_STORE} and the by-node index.
 * When the pod's node changed, it reconciles the owning ReplicaSet: the ranking of surplus pods
 * depends on it, and so does the pod's fate if the node is already NotReady.
 */
final class PodBindingProcessor implements Processor<String, PodBinding, String, SpecificRecord> {

    private final Ids ids;
    private ProcessorContext<String, SpecificRecord> context;
    private ReplicaSetSync sync;

    PodBindingProcessor(Ids ids) {
        this.ids = ids;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sync = new ReplicaSetSync(context, ids);
    }

    @Override
    public void process(Record<String, PodBinding> record) {
        String podKey = record.key();
        Pod pod = podKey == null ? null : sync.pods().get(podKey);
        if (pod == null) {
            return; // a pod declared by a user, or one of ours already deleted
        }
        PodBinding binding = record.value();
        if (binding != null && !Objects.equals(binding.getPodUid(), pod.getMetadata().getUid())) {
            return; // about an earlier pod of the same name
        }
        PodBinding previous = sync.bindings().get(podKey);
        if (binding == null) {
            if (previous == null) {
                return;
            }
            sync.bindings().delete(podKey);
        } else {
            sync.bindings().put(podKey, binding);
        }
        String before = ReplicaSetSync.boundNode(pod, previous);
        String after = ReplicaSetSync.boundNode(pod, binding);
        if (!Objects.equals(before, after)) {
            sync.reindexNode(podKey, pod, before, after);
            String owner = ReplicaSetSync.ownerKey(pod);
            if (owner != null) {
                sync.reconcile(owner, Instant.ofEpochMilli(context.currentSystemTimeMs()));
            }
        }
    }
}

package io.korch.controllers.replicaset;

import io.korch.api.Pod;
import io.korch.api.PodStatusReport;
import io.korch.controllers.Ids;
import java.time.Instant;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Takes each status report from {@code korch.status.pods} that concerns a pod this controller wrote
 * (same key and uid) into the store {@value ReplicaSetController#REPORTS_STORE}. When the pod's
 * phase or readiness changed, it reconciles the owning ReplicaSet, which replaces failed pods and
 * counts ready ones; reports that change neither cost one store write.
 */
final class PodReportProcessor implements Processor<String, PodStatusReport, String, SpecificRecord> {

    private final Ids ids;
    private ProcessorContext<String, SpecificRecord> context;
    private ReplicaSetSync sync;

    PodReportProcessor(Ids ids) {
        this.ids = ids;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sync = new ReplicaSetSync(context, ids);
    }

    @Override
    public void process(Record<String, PodStatusReport> record) {
        String podKey = record.key();
        Pod pod = podKey == null ? null : sync.pods().get(podKey);
        if (pod == null) {
            return; // a pod declared by a user, or one of ours already deleted
        }
        PodStatusReport report = record.value();
        if (report != null && !Objects.equals(report.getPodUid(), pod.getMetadata().getUid())) {
            return; // about an earlier pod of the same name
        }
        PodStatusReport previous = sync.reports().get(podKey);
        if (report == null) {
            if (previous == null) {
                return;
            }
            sync.reports().delete(podKey);
        } else {
            sync.reports().put(podKey, report);
        }
        ObservedPod before = new ObservedPod(pod, null, previous);
        ObservedPod after = new ObservedPod(pod, null, report);
        boolean changed = !Objects.equals(before.phase(), after.phase()) || before.ready() != after.ready();
        String owner = ReplicaSetSync.ownerKey(pod);
        if (changed && owner != null) {
            sync.reconcile(owner, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        }
    }
}

package io.korch.controllers.replicaset;

import io.korch.api.Pod;
import io.korch.api.PodStatusReport;
import io.korch.controllers.Ids;
import java.util.Objects;

/**
 * Takes each status report from {@code korch.status.pods} that concerns a pod this controller knows
 * (same key and uid) into the store {@value ReplicaSetController#REPORTS_STORE}. When the pod's
 * phase or readiness changed, it reconciles the owning ReplicaSet, which replaces failed pods and
 * counts ready ones; reports that change neither cost one store write.
 */
final class PodReportProcessor extends PodObservationProcessor<PodStatusReport> {

    PodReportProcessor(Ids ids) {
        super(ids, ReplicaSetSync::reports, PodStatusReport::getPodUid);
    }

    @Override
    boolean changed(Pod pod, PodStatusReport previous, PodStatusReport report) {
        ObservedPod before = new ObservedPod(pod, null, previous);
        ObservedPod after = new ObservedPod(pod, null, report);
        return !Objects.equals(before.phase(), after.phase()) || before.ready() != after.ready();
    }
}

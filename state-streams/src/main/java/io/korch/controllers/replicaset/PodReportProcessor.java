package io.korch.controllers.replicaset;

import io.korch.api.Pod;
import io.korch.api.PodStatusReport;
import io.korch.controllers.Ids;
import io.korch.topics.Keys;
import java.util.Objects;

/**
 * Takes each status report from {@code korch.status.pods} that concerns a pod this controller knows
 * (same pod key and uid; reports are keyed {@code namespace/name/uid}) into the store {@value ReplicaSetController#REPORTS_STORE}. When the pod's
 * phase or readiness changed, it reconciles the owning ReplicaSet, which replaces failed pods and
 * counts ready ones; reports that change neither cost one store write.
 */
final class PodReportProcessor extends PodObservationProcessor<PodStatusReport> {

    PodReportProcessor(Ids ids) {
        super(ids, ReplicaSetSync::reports, PodStatusReport::getPodUid);
    }

    /** Reports are keyed {@code namespace/name/uid}: a tombstone about an earlier pod of the name is told apart by its key. */
    @Override
    String podKey(String recordKey) {
        return Keys.podOfStatus(recordKey);
    }

    @Override
    String podUidOfKey(String recordKey) {
        return Keys.uidOfStatus(recordKey);
    }

    @Override
    boolean changed(Pod pod, PodStatusReport previous, PodStatusReport report) {
        ObservedPod before = new ObservedPod(pod, null, previous);
        ObservedPod after = new ObservedPod(pod, null, report);
        return !Objects.equals(before.phase(), after.phase()) || before.ready() != after.ready();
    }
}

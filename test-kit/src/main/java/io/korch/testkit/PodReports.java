package io.korch.testkit;

import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.api.PodCondition;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds what the scheduler and the agents say about a pod, for tests: bindings and status reports. */
public final class PodReports {

    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

    private PodReports() {
    }

    /** The scheduler's binding of {@code pod} to {@code node}. */
    public static PodBinding binding(Pod pod, String node) {
        return PodBinding.newBuilder()
                .setPodUid(pod.getMetadata().getUid())
                .setNodeName(node)
                .setTimestamp(AT)
                .build();
    }

    /** The agent's report that {@code pod} is Running with Ready=True. */
    public static PodStatusReport runningReady(Pod pod, String node) {
        return report(pod, node, "Running", true);
    }

    /** The agent's report that {@code pod} is Running and has been ready since {@code since}. */
    public static PodStatusReport runningReadySince(Pod pod, String node, Instant since) {
        PodStatusReport report = runningReady(pod, node);
        report.getStatus().getConditions().get(0).setLastTransitionTime(since);
        return report;
    }

    /** An agent report on {@code pod} with this phase and readiness. */
    public static PodStatusReport report(Pod pod, String node, String phase, boolean ready) {
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(PodCondition.newBuilder().setType("Ready").setStatus(ready ? "True" : "False").build());
        return PodStatusReport.newBuilder()
                .setPodUid(pod.getMetadata().getUid())
                .setNodeName(node)
                .setStatus(PodStatus.newBuilder().setPhase(phase).setConditions(conditions).build())
                .setObservedAt(AT)
                .build();
    }
}

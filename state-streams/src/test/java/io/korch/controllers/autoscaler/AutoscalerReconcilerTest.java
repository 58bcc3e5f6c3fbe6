package io.korch.controllers.autoscaler;

import static io.korch.controllers.autoscaler.AutoscalerFixtures.NOW;
import static io.korch.controllers.autoscaler.AutoscalerFixtures.cpuAverage;
import static io.korch.controllers.autoscaler.AutoscalerFixtures.cpuPercent;
import static io.korch.controllers.autoscaler.AutoscalerFixtures.hpa;
import static io.korch.controllers.autoscaler.AutoscalerFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.AutoscalerHistory;
import io.korch.api.HorizontalPodAutoscalerCondition;
import io.korch.api.HorizontalPodAutoscalerStatus;
import io.korch.api.TimedReplicas;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One sync of an autoscaler: when it rescales, to what, and the conditions and events it leaves. */
class AutoscalerReconcilerTest {

    private final AutoscalerReconciler reconciler = new AutoscalerReconciler(0.1, 300);

    @Test
    void aTargetAboveMaxReplicasIsBroughtDownToItWithoutMetrics() {
        AutoscalerReconciler.Plan plan = reconciler.plan(hpa(1, 3, cpuPercent(50)),
                new AutoscalerReconciler.Target(null, 7, List.of()), null, null, NOW);

        assertThat(plan.rescale()).isTrue();
        assertThat(plan.desiredReplicas()).isEqualTo(3);
        assertThat(plan.rescaled().events().get(0).getMessage())
                .isEqualTo("New size: 3; reason: Current number of replicas above Spec.MaxReplicas");
    }

    @Test
    void aTargetAtZeroReplicasIsNotAutoscaled() {
        AutoscalerReconciler.Plan plan = reconciler.plan(hpa(1, 3, cpuPercent(50)),
                new AutoscalerReconciler.Target(null, 0, List.of()), null, null, NOW);

        assertThat(plan.rescale()).isFalse();
        assertThat(condition(plan.unchanged().status(), "ScalingActive").getReason()).isEqualTo("ScalingDisabled");
    }

    @Test
    void withoutSamplesTheAutoscalerIsNotActiveAndSaysWhy() {
        AutoscalerReconciler.Outcome outcome = reconciler.plan(hpa(1, 3, cpuPercent(50)),
                new AutoscalerReconciler.Target(null, 2, List.of(pod("a", 100, null), pod("b", 100, null))),
                null, null, NOW).unchanged();

        HorizontalPodAutoscalerCondition active = condition(outcome.status(), "ScalingActive");
        assertThat(active.getStatus()).isEqualTo("False");
        assertThat(active.getReason()).isEqualTo("FailedGetResourceMetric");
        assertThat(active.getMessage()).isEqualTo("the HPA was unable to compute the replica count: failed to get cpu"
                + " utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API");
        assertThat(outcome.events()).extracting(e -> e.getReason()).containsExactly("FailedGetResourceMetric");
        assertThat(outcome.status().getCurrentReplicas()).isEqualTo(2);
        assertThat(outcome.status().getDesiredReplicas()).isEqualTo(2);
    }

    @Test
    void theDefaultScaleDownWindowHoldsANewAutoscalerAtItsFirstCount() {
        AutoscalerReconciler.Target idle = new AutoscalerReconciler.Target(null, 4,
                List.of(pod("a", 100, 1L), pod("b", 100, 1L), pod("c", 100, 1L), pod("d", 100, 1L)));

        AutoscalerReconciler.Plan first = reconciler.plan(hpa(1, 10, cpuAverage("100m")), idle, null, null, NOW);
        AutoscalerHistory history = first.unchanged().history();
        AutoscalerReconciler.Plan later = reconciler.plan(hpa(1, 10, cpuAverage("100m")), idle, history, null,
                NOW.plusSeconds(301));

        // the first recommendation is the count found, held for the 300 s window; then the idle pods' count wins
        assertThat(first.rescale()).isFalse();
        assertThat(condition(first.unchanged().status(), "AbleToScale").getReason()).isEqualTo("ScaleDownStabilized");
        assertThat(history.getRecommendations()).extracting(TimedReplicas::getReplicas).containsExactly(4, 1);
        assertThat(later.rescale()).isTrue();
        assertThat(later.desiredReplicas()).isEqualTo(1);
    }

    @Test
    void unchangedFindingsKeepTheirTransitionTimes() {
        AutoscalerReconciler.Target busy = new AutoscalerReconciler.Target(null, 2,
                List.of(pod("a", 100, 50L), pod("b", 100, 50L)));
        HorizontalPodAutoscalerStatus before = reconciler.plan(hpa(1, 10, cpuPercent(50)), busy, null, null, NOW)
                .unchanged().status();

        HorizontalPodAutoscalerStatus after = reconciler.plan(hpa(1, 10, cpuPercent(50)), busy, null, before,
                NOW.plusSeconds(15)).unchanged().status();

        assertThat(condition(after, "ScalingActive").getLastTransitionTime()).isEqualTo(NOW);
        assertThat(condition(after, "ScalingLimited").getReason()).isEqualTo("DesiredWithinRange");
    }

    private static HorizontalPodAutoscalerCondition condition(HorizontalPodAutoscalerStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }
}

package io.korch.controllers.autoscaler;

import static io.korch.controllers.autoscaler.AutoscalerFixtures.NOW;
import static io.korch.controllers.autoscaler.AutoscalerFixtures.pod;
import static io.korch.controllers.autoscaler.AutoscalerFixtures.unready;
import static io.korch.controllers.autoscaler.AutoscalerFixtures.withPhase;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kubernetes' replica calculator, with the numbers of its documentation and of its own tests. */
class ReplicaCalculatorTest {

    private final ReplicaCalculator calculator = new ReplicaCalculator(ReplicaCalculator.DEFAULT_TOLERANCE);

    @ParameterizedTest(name = "{0} replicas at {1}m each, target {2}m → {3}")
    @CsvSource({
        // the documentation: 200m against 100m doubles, 50m halves
        "1, 200, 100m, 2",
        "4, 200, 100m, 8",
        "4, 50, 100m, 2",
        // within the 10 % tolerance nothing changes
        "3, 105, 100m, 3",
        "3, 91, 100m, 3",
        // just outside it, the count is rounded up
        "3, 115, 100m, 4",
    })
    void anAverageValueTargetScalesByTheRatioOfCurrentToDesired(int replicas, long usage, String target, int expected) {
        List<ObservedPod> pods = pods(replicas, 1000, usage);

        MetricResult result = calculator.replicas(replicas, "cpu", null,
                AutoscalerReconciler.Resources.parseMillis("cpu", target), pods, NOW);

        assertThat(result.error()).isNull();
        assertThat(result.replicas()).isEqualTo(expected);
        assertThat(result.averageMillis()).isEqualTo(usage);
    }

    @ParameterizedTest(name = "{0} pods at {1}m of 100m, target {2}% → {3}")
    @CsvSource({
        "1, 100, 50, 2",
        "3, 100, 50, 6",
        "2, 10, 50, 1",
        "4, 52, 50, 4",
        "5, 20, 50, 2",
    })
    void aUtilizationTargetComparesUseWithRequests(int replicas, long usage, int target, int expected) {
        MetricResult result = calculator.replicas(replicas, "cpu", target, 0, pods(replicas, 100, usage), NOW);

        assertThat(result.replicas()).isEqualTo(expected);
        assertThat(result.utilization()).isEqualTo((int) usage);
    }

    @Test
    void missingPodsCountAsFullyUsedOnAScaleDown() {
        // two pods at 10 % of a 50 % target would halve; the third, without a sample, counts at 100 %
        List<ObservedPod> pods = List.of(pod("a", 100, 10L), pod("b", 100, 10L), pod("c", 100, null));

        MetricResult result = calculator.replicas(3, "cpu", 50, 0, pods, NOW);

        // (10 + 10 + 100) / 300 = 40 % → ratio 0.8 → ceil(0.8 × 3) = 3: the missing pod keeps the count
        assertThat(result.replicas()).isEqualTo(3);
    }

    @Test
    void missingPodsCountAsIdleOnAScaleUp() {
        List<ObservedPod> pods = List.of(pod("a", 100, 100L), pod("b", 100, null));

        MetricResult result = calculator.replicas(2, "cpu", 50, 0, pods, NOW);

        // (100 + 0) / 200 = 50 % → ratio 1.0: within tolerance once the missing pod counts at 0 %
        assertThat(result.replicas()).isEqualTo(2);
    }

    @Test
    void unreadyPodsCountAsIdleOnAScaleUp() {
        List<ObservedPod> pods = List.of(pod("a", 100, 200L), unready("b", 100, 200));

        MetricResult result = calculator.replicas(2, "cpu", 50, 0, pods, NOW);

        // ready pod alone: 200 % → ratio 4; with the unready one at 0 %: 100 % → ratio 2 → ceil(2 × 2) = 4
        assertThat(result.replicas()).isEqualTo(4);
        assertThat(result.utilization()).isEqualTo(200);
    }

    @Test
    void unreadyPodsAreLeftOutOfAScaleDown() {
        List<ObservedPod> pods = List.of(pod("a", 100, 10L), pod("b", 100, 10L), unready("c", 100, 100));

        MetricResult result = calculator.replicas(3, "cpu", 50, 0, pods, NOW);

        // 10 % of a 50 % target over the two ready pods: ceil(0.2 × 2) = 1
        assertThat(result.replicas()).isEqualTo(1);
    }

    @Test
    void failedAndDeletedPodsAreIgnored() {
        List<ObservedPod> pods = List.of(pod("a", 100, 100L), withPhase(pod("b", 100, 0L), "Failed", false),
                withPhase(pod("c", 100, 0L), "Running", true));

        MetricResult result = calculator.replicas(3, "cpu", 50, 0, pods, NOW);

        assertThat(result.replicas()).isEqualTo(2);
    }

    @Test
    void withoutAnySampleThereIsNoCount() {
        MetricResult result = calculator.replicas(2, "cpu", 50, 0, List.of(pod("a", 100, null)), NOW);

        assertThat(result.error()).isEqualTo(
                "unable to get metrics for resource cpu: no metrics returned from resource metrics API");
    }

    @Test
    void aContainerWithoutARequestIsNamed() {
        ObservedPod pod = new ObservedPod("a", "Running", false, AutoscalerFixtures.LONG_AGO, true,
                AutoscalerFixtures.LONG_AGO, List.of(new ObservedPod.ContainerRequests("main", java.util.Map.of())),
                pod("a", 100, 50L).usage());

        MetricResult result = calculator.replicas(1, "cpu", 50, 0, List.of(pod), NOW);

        assertThat(result.error()).isEqualTo("missing request for cpu in container main of Pod a");
    }

    private static List<ObservedPod> pods(int count, long request, long usage) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> pod("p" + i, request, usage)).toList();
    }
}

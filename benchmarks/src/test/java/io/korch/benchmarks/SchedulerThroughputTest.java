package io.korch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.benchmarks.SchedulerThroughput.Options;
import io.korch.benchmarks.SchedulerThroughput.Report;
import io.korch.benchmarks.SchedulerThroughput.Round;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the scheduler benchmark at a tiny size: it completes and reports sane numbers.
 * It asserts no speed: speed is what the benchmark reports, not what a test decides.
 */
class SchedulerThroughputTest {

    @Test
    void placesOrExplainsEveryPodAndReportsAPositiveRate() {
        // given a tiny cluster
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        // when the benchmark runs
        Report report = SchedulerThroughput.run(new Options(50, 200, 2),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        // then every round placed or explained every pod, overcommitted no node, and measured a rate
        assertThat(report.measured()).hasSize(2);
        for (Round round : report.measured()) {
            assertThat(round.placed() + round.unschedulable()).isEqualTo(200);
            assertThat(round.placed()).isPositive();
            assertThat(round.podsOnNodes()).isEqualTo(round.placed());
            assertThat(round.overcommittedNodes()).isZero();
            assertThat(round.explanations().keySet()).allSatisfy(message ->
                    assertThat(message).startsWith("0/50 nodes are available: "));
            assertThat(round.podsPerSecond()).isPositive().isFinite();
        }
        assertThat(report.minPodsPerSecond()).isLessThanOrEqualTo(report.medianPodsPerSecond());
        assertThat(report.medianPodsPerSecond()).isLessThanOrEqualTo(report.maxPodsPerSecond());
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("result:", "median", "reference: kube-scheduler CI floor 680–810 pods/s");
    }

    @Test
    void roundsOnTheSameClusterMakeTheSameDecisions() {
        // the cluster and the tie-breaker are seeded, so rounds do the same work
        var nodes = FakeCluster.nodes(30, SchedulerThroughput.CLUSTER_SEED);
        var pods = FakeCluster.pods(300, SchedulerThroughput.CLUSTER_SEED + 1);

        Round first = SchedulerThroughput.round(nodes, pods);
        Round second = SchedulerThroughput.round(nodes, pods);

        assertThat(second.placed()).isEqualTo(first.placed());
        assertThat(second.explanations()).isEqualTo(first.explanations());
    }
}

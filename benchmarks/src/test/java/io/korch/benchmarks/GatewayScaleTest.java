package io.korch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.benchmarks.GatewayScale.Options;
import io.korch.benchmarks.GatewayScale.Report;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the scale benchmark at a tiny size, against a real broker and two gateway
 * processes in turn: the pods are served, the heap is measured, and a new watcher gets every status
 * change again from the change log. It asserts no speed and no memory bound.
 */
class GatewayScaleTest {

    @Test
    void servesThePodsAndReplaysEveryChangeToANewWatcher() {
        // given 50 pods and 300 status changes
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        // when the benchmark runs
        Report report = GatewayScale.run(new Options(50, 300, "512m", 180),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        // then the replay gave one event per change, and the figures are positive and ordered
        assertThat(report.events()).isEqualTo(300);
        assertThat(report.heapEmpty()).isPositive();
        assertThat(report.heapWithPods()).isPositive();
        assertThat(report.firstEventNanos()).isPositive().isLessThanOrEqualTo(report.replayNanos());
        assertThat(report.podsNanos()).isPositive();
        assertThat(report.changesNanos()).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("memory:", "replay:", "events/s");
    }
}

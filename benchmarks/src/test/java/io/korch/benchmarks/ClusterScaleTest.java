package io.korch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.benchmarks.ClusterScale.Options;
import io.korch.benchmarks.ClusterScale.Report;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the cluster benchmark at a tiny size, against a real broker and the real services: it
 * completes, every pod is bound and Running, and it reports every figure. It asserts no speed.
 */
class ClusterScaleTest {

    @Test
    void runsEveryPodToRunningAndReportsTheFigures() {
        // given 5 hollow nodes and 12 pods in 2 namespaces
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        // when the benchmark runs
        Report report = ClusterScale.run(new Options(5, 12, 2, 5, 2, Duration.ofMinutes(2), 2, 2, ServiceInstances.Mode.JVM, 1),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        // then every pod went through, and the figures are there
        assertThat(report.failedCalls()).isZero();
        assertThat(report.bound()).isEqualTo(12);
        assertThat(report.running()).isEqualTo(12);
        assertThat(report.createNanos()).hasSize(3);
        assertThat(report.recordBytes()).isPositive();
        assertThat(report.logBytes()).isPositive();
        assertThat(report.largestRecord()).isPositive();
        assertThat(report.peakHeap()).isPositive();
        assertThat(report.killDetection()).isNotNull();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("bound:", "running:", "API:", "bytes:", "largest:", "heap:", "NotReady:");
    }
}

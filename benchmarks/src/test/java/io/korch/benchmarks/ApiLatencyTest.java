package io.korch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.benchmarks.ApiLatency.Call;
import io.korch.benchmarks.ApiLatency.Options;
import io.korch.benchmarks.ApiLatency.Report;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the API benchmark at a tiny size, against a real broker and the real gateway: it
 * completes, every call succeeds, and the latencies are sane. It asserts no speed.
 */
class ApiLatencyTest {

    @Test
    void sendsEveryCallAndReportsOrderedLatencies() {
        // given 20 calls from 4 clients
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        // when the benchmark runs
        Report report = ApiLatency.run(new Options(20, 4, 4), new PrintStream(printed, true, StandardCharsets.UTF_8));

        // then every call was answered with success and the figures are positive and ordered
        assertThat(report.calls()).hasSize(20);
        assertThat(report.failures()).isZero();
        assertThat(report.calls()).extracting(Call::operation)
                .containsOnly("create Deployment", "replace Deployment", "create Pod", "replace Pod");
        long p50 = report.percentileNanos(50);
        assertThat(p50).isPositive();
        assertThat(report.percentileNanos(90)).isGreaterThanOrEqualTo(p50);
        assertThat(report.percentileNanos(99)).isGreaterThanOrEqualTo(report.percentileNanos(90));
        assertThat(report.maxNanos()).isGreaterThanOrEqualTo(report.percentileNanos(99));
        assertThat(report.callsPerSecond()).isPositive().isFinite();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("result:", "p99", "reference: Kubernetes SLO, mutating API calls p99 ≤ 1 s");
    }
}

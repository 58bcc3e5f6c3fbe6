package io.korch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.benchmarks.WatchLatency.Options;
import io.korch.benchmarks.WatchLatency.Report;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the watch benchmark at a tiny size, against a real broker and a gateway process:
 * every watcher gets every create's event and the latencies are sane. It asserts no speed.
 */
class WatchLatencyTest {

    @Test
    void everyWatcherGetsEveryCreateWithOrderedLatencies() {
        // given 3 watchers and 20 creates a second for 2 s, no warm-up
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        // when the benchmark runs
        Report report = WatchLatency.run(new Options(3, 20, 2, 0), new PrintStream(printed, true, StandardCharsets.UTF_8));

        // then every create succeeded and reached every watcher, and the figures are positive and ordered
        assertThat(report.failedCreates()).isZero();
        assertThat(report.missing()).isZero();
        assertThat(report.eventNanos()).hasSize(3 * 40);
        assertThat(report.createNanos()).hasSize(40);
        long[] events = report.eventNanos();
        assertThat(events[0]).isPositive();
        assertThat(Stats.percentile(events, 99)).isGreaterThanOrEqualTo(Stats.percentile(events, 50));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("watch:", "p99", "goal:");
    }

    @Test
    void readsTheSendTimeOfAnAddedEventOnly() {
        String added = "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"annotations\":{\"" + WatchLatency.SENT_AT
                + "\":\"12345\"}}}}";

        assertThat(WatchLatency.sentAt(added)).isEqualTo(12345L);
        assertThat(WatchLatency.sentAt(added.replace("ADDED", "MODIFIED"))).isZero();
        assertThat(WatchLatency.sentAt("{\"type\":\"ADDED\",\"object\":{}}")).isZero();
    }
}

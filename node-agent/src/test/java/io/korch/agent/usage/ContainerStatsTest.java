package io.korch.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Statistics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContainerStatsTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** What a one-shot stats call answers on cgroup v2: the file cache is {@code inactive_file}. */
    private static final String CGROUP_V2 = """
            {"read":"2026-12-02T14:00:15.000000000Z","preread":"0001-01-01T00:00:00Z",
             "cpu_stats":{"cpu_usage":{"total_usage":30000000000,"usage_in_kernelmode":1000,"usage_in_usermode":2000},
                          "system_cpu_usage":900000000000,"online_cpus":2},
             "precpu_stats":{"cpu_usage":{"total_usage":0}},
             "memory_stats":{"usage":52428800,"limit":8000000000,
                             "stats":{"anon":41943040,"file":10485760,"active_file":2097152,"inactive_file":8388608}}}
            """;

    /** The same on cgroup v1: the hierarchical {@code total_inactive_file} counts, not {@code inactive_file}. */
    private static final String CGROUP_V1 = """
            {"read":"2026-12-02T14:00:15.5Z",
             "cpu_stats":{"cpu_usage":{"total_usage":12000000000,"percpu_usage":[6000000000,6000000000]}},
             "memory_stats":{"usage":104857600,"max_usage":120000000,
                             "stats":{"cache":20971520,"inactive_file":1048576,"total_inactive_file":16777216,
                                      "rss":83886080}}}
            """;

    /** A container that stopped: Docker answers the zero time and no figures. */
    private static final String STOPPED = """
            {"read":"0001-01-01T00:00:00Z","cpu_stats":{"cpu_usage":{"total_usage":0}},"memory_stats":{}}
            """;

    @Test
    void workingSetIsUsageMinusInactiveFileOnCgroupV2() throws Exception {
        ContainerStats stats = ContainerStats.of(JSON.readValue(CGROUP_V2, Statistics.class)).orElseThrow();

        assertThat(stats.readAt()).isEqualTo(Instant.parse("2026-12-02T14:00:15Z"));
        assertThat(stats.cpuUsageNanos()).isEqualTo(30_000_000_000L);
        assertThat(stats.workingSet()).isEqualTo(52_428_800L - 8_388_608L);
    }

    @Test
    void workingSetIsUsageMinusTotalInactiveFileOnCgroupV1() throws Exception {
        ContainerStats stats = ContainerStats.of(JSON.readValue(CGROUP_V1, Statistics.class)).orElseThrow();

        assertThat(stats.cpuUsageNanos()).isEqualTo(12_000_000_000L);
        assertThat(stats.workingSet()).isEqualTo(104_857_600L - 16_777_216L);
    }

    @Test
    void aStoppedContainerHasNoReading() throws Exception {
        assertThat(ContainerStats.of(JSON.readValue(STOPPED, Statistics.class))).isEmpty();
    }

    @Test
    void cpuUseIsTheCpuTimeUsedOverTheTimeBetweenTwoReadings() {
        ContainerStats earlier = new ContainerStats(Instant.parse("2026-12-02T14:00:00Z"), 10_000_000_000L, 1);
        ContainerStats later = new ContainerStats(Instant.parse("2026-12-02T14:00:15Z"), 17_500_000_000L, 1);

        // 7.5 s of CPU time in 15 s: half a core
        assertThat(later.nanoCoresSince(earlier)).contains(500_000_000L);
    }

    @Test
    void manyCoresOverALongWindowDoNotOverflow() {
        ContainerStats earlier = new ContainerStats(Instant.parse("2026-12-02T14:00:00Z"), 0, 1);
        ContainerStats later = new ContainerStats(Instant.parse("2026-12-02T14:01:00Z"), 64L * 60 * 1_000_000_000L, 1);

        assertThat(later.nanoCoresSince(earlier)).contains(64_000_000_000L);
    }

    @Test
    void aCounterThatWentBackOrNoTimeBetweenMakeNoWindow() {
        Instant t = Instant.parse("2026-12-02T14:00:00Z");
        ContainerStats before = new ContainerStats(t, 9_000_000_000L, 1);

        assertThat(new ContainerStats(t.plusSeconds(15), 1_000_000L, 1).nanoCoresSince(before)).isEmpty();
        assertThat(new ContainerStats(t, 9_500_000_000L, 1).nanoCoresSince(before)).isEmpty();
    }
}

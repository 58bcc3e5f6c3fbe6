package io.korch.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.ContainerUsage;
import io.korch.api.NodeUsage;
import io.korch.api.PodUsage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageSamplerTest {

    private static final Instant T0 = Instant.parse("2026-12-02T14:00:00Z");
    private static final PodContainer WEB_APP = new PodContainer("c1", "shop", "web", "uid-1", "app");
    private static final PodContainer WEB_SIDECAR = new PodContainer("c2", "shop", "web", "uid-1", "sidecar");
    private static final PodContainer DB = new PodContainer("c3", "shop", "db", "uid-2", "db");

    private final UsageSampler sampler = new UsageSampler("node-1");

    @Test
    void aPodIsSampledFromItsSecondReadingOn() {
        UsageSampler.Samples first = sample(Map.of(DB, stats(0, 0, 100)), T0);
        assertThat(first.pods()).isEmpty();
        assertThat(first.node()).isEmpty();

        UsageSampler.Samples second = sample(Map.of(DB, stats(15, 3_000_000_000L, 200)), T0.plusSeconds(15));

        PodUsage db = second.pods().get(0);
        assertThat(db.getNamespace()).isEqualTo("shop");
        assertThat(db.getName()).isEqualTo("db");
        assertThat(db.getUid()).isEqualTo("uid-2");
        assertThat(db.getNodeName()).isEqualTo("node-1");
        assertThat(db.getTimestamp()).isEqualTo(T0.plusSeconds(15));
        assertThat(db.getWindowMillis()).isEqualTo(15_000);
        assertThat(db.getContainers()).containsExactly(new ContainerUsage("db", 200_000_000L, 200L));
    }

    @Test
    void theNodeSumsEveryContainerWithAWindow() {
        sample(readings(stats(0, 0, 10), stats(0, 0, 20), stats(0, 0, 30)), T0);

        NodeUsage node = sample(readings(stats(10, 1_000_000_000L, 11), stats(10, 2_000_000_000L, 21),
                stats(10, 5_000_000_000L, 31)), T0.plusSeconds(10)).node().orElseThrow();

        assertThat(node.getNodeName()).isEqualTo("node-1");
        assertThat(node.getCpuNanoCores()).isEqualTo(800_000_000L);
        assertThat(node.getMemoryBytes()).isEqualTo(63L);
        assertThat(node.getWindowMillis()).isEqualTo(10_000);
    }

    @Test
    void aPodWithARestartedContainerWaitsForItsNextReading() {
        sample(readings(stats(0, 5_000_000_000L, 10), stats(0, 5_000_000_000L, 20), stats(0, 0, 30)), T0);

        // the sidecar restarted: its counter went back
        UsageSampler.Samples samples = sample(readings(stats(10, 6_000_000_000L, 10),
                stats(10, 1_000_000L, 20), stats(10, 1_000_000_000L, 30)), T0.plusSeconds(10));

        assertThat(samples.pods()).extracting(PodUsage::getName).containsExactly("db");
        assertThat(samples.node().orElseThrow().getCpuNanoCores()).isEqualTo(100_000_000L + 100_000_000L);
    }

    @Test
    void containersOfAPodAreListedByName() {
        sample(readings(stats(0, 0, 1), stats(0, 0, 2), stats(0, 0, 3)), T0);

        PodUsage web = sample(readings(stats(1, 0, 1), stats(1, 0, 2), stats(1, 0, 3)), T0.plusSeconds(1))
                .pods().stream().filter(p -> p.getName().equals("web")).findFirst().orElseThrow();

        assertThat(web.getContainers()).extracting(ContainerUsage::getName).containsExactly("app", "sidecar");
    }

    @Test
    void aRunningContainerARoundDidNotReadIsSampledOverBothRoundsNext() {
        sample(Map.of(DB, stats(0, 0, 100)), T0);
        UsageSampler.Samples unread = sampler.sample(Map.of(), List.of(DB), T0.plusSeconds(1));
        assertThat(unread.pods()).isEmpty();

        PodUsage db = sample(Map.of(DB, stats(2, 1_000_000_000L, 100)), T0.plusSeconds(2)).pods().get(0);

        assertThat(db.getWindowMillis()).isEqualTo(2_000);
        assertThat(db.getContainers()).containsExactly(new ContainerUsage("db", 500_000_000L, 100L));
    }

    @Test
    void aContainerThatStoppedRunningIsForgotten() {
        sample(Map.of(DB, stats(0, 0, 100)), T0);
        sampler.sample(Map.of(), List.of(), T0.plusSeconds(1));

        assertThat(sample(Map.of(DB, stats(2, 1_000_000_000L, 100)), T0.plusSeconds(2)).pods()).isEmpty();
    }

    /** A round that read every running container. */
    private UsageSampler.Samples sample(Map<PodContainer, ContainerStats> readings, Instant now) {
        return sampler.sample(readings, readings.keySet(), now);
    }

    private static Map<PodContainer, ContainerStats> readings(ContainerStats sidecar, ContainerStats app,
                                                              ContainerStats db) {
        Map<PodContainer, ContainerStats> readings = new LinkedHashMap<>();
        readings.put(WEB_SIDECAR, sidecar);
        readings.put(WEB_APP, app);
        readings.put(DB, db);
        return readings;
    }

    private static ContainerStats stats(long second, long cpuNanos, long workingSet) {
        return new ContainerStats(T0.plusSeconds(second), cpuNanos, workingSet);
    }
}

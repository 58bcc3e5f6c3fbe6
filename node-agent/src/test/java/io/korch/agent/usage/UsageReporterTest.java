package io.korch.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.agent.RecordPublisher;
import io.korch.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class UsageReporterTest {

    private static final List<PodContainer> RUNNING = List.of(
            new PodContainer("c1", "shop", "web-1", "uid-1", "app"),
            new PodContainer("c2", "shop", "web-2", "uid-2", "app"),
            new PodContainer("c3", "shop", "web-3", "uid-3", "app"));

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    @Test
    void containersAreReadTogetherSoThatASlowRuntimeTickDelaysThemOnce() {
        // a runtime that answers a read only once every container of the node waits for one, as Docker's
        // engine answers one-shot reads at its next collection tick: read one after another, none would come
        StatsSource tick = new TickingSource(RUNNING.size());

        try (UsageReporter reporter = UsageReporter.start("node-1", tick, new RecordPublisher(producer),
                Duration.ofMillis(200), Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> podsSampled().size() == RUNNING.size());
        }

        assertThat(podsSampled()).containsExactlyInAnyOrder("shop/web-1", "shop/web-2", "shop/web-3");
    }

    private Set<String> podsSampled() {
        return producer.history().stream()
                .filter(sent -> sent.topic().equals(Topics.POD_METRICS.name()))
                .map(sent -> new String(sent.key(), StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
    }

    /** Answers the reads of a round once {@code together} of them are waiting; a lone read times out empty. */
    private static final class TickingSource implements StatsSource {

        private final int together;
        private final Map<Integer, CountDownLatch> ticks = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> reads = new ConcurrentHashMap<>();

        TickingSource(int together) {
            this.together = together;
        }

        @Override
        public List<PodContainer> running(String nodeName) {
            return RUNNING;
        }

        @Override
        public Optional<ContainerStats> read(String id) {
            long count = reads.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
            CountDownLatch tick = ticks.computeIfAbsent((int) count, k -> new CountDownLatch(together));
            tick.countDown();
            try {
                if (!tick.await(2, TimeUnit.SECONDS)) {
                    return Optional.empty();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            return Optional.of(new ContainerStats(Instant.now(), count * 1_000_000L, 1024));
        }

        @Override
        public void close() {
        }
    }
}

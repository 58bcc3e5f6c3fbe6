package io.korch.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.api.Change;
import io.korch.api.Node;
import io.korch.api.ObjectMeta;
import io.korch.gateway.view.ClusterView;
import io.korch.gateway.watch.WatchHub;
import io.korch.topics.Keys;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The feed survives a failing consumer, without a broker: {@link MockConsumer}s stand for the
 * consumers the feed makes, one per start, and faults are injected into their polls.
 */
class ViewFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TopicPartition CHANGES = new TopicPartition(Topics.CHANGES.name(), 0);

    private final ClusterView view = new ClusterView();
    private ViewFeed feed;

    @AfterEach
    void closeFeed() {
        if (feed != null) {
            feed.close();
        }
    }

    /** A consumer of a log whose every topic has one partition, ending at {@code end} (0 when not given). */
    private static MockConsumer<byte[], byte[]> consumerOf(Map<TopicPartition, Long> end) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        Map<TopicPartition, Long> beginning = new HashMap<>();
        Map<TopicPartition, Long> ends = new HashMap<>();
        List<Topic<String, ?>> topics = List.of(Topics.OBJECTS, Topics.CHANGES);
        for (Topic<String, ?> topic : topics) {
            consumer.updatePartitions(topic.name(), List.of(new PartitionInfo(topic.name(), 0, null, null, null)));
            TopicPartition partition = new TopicPartition(topic.name(), 0);
            beginning.put(partition, 0L);
            ends.put(partition, end.getOrDefault(partition, 0L));
        }
        consumer.updateBeginningOffsets(beginning);
        consumer.updateEndOffsets(ends);
        return consumer;
    }

    private static Node node(String name) {
        return Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).build()).build();
    }

    /** The change log's record, at {@code offset}, of node {@code name} registered at {@code revision}. */
    private static ConsumerRecord<byte[], byte[]> nodeChange(long offset, String name, long revision) {
        byte[] value = Topics.NODES.valueSerde().serializer().serialize(Topics.NODES.name(), node(name));
        Change change = Change.newBuilder().setRevision(revision).setKind("Node").setObjectKey(name)
                .setTopic(Topics.NODES.name()).setKey(name).setValue(ByteBuffer.wrap(value))
                .setTime(Instant.EPOCH).setActor("agent/" + name).build();
        return record(Topics.CHANGES, offset, Keys.changed(Topics.NODES.name(), name), change);
    }

    private static <V> ConsumerRecord<byte[], byte[]> record(Topic<String, V> topic, long offset, String key, V value) {
        return new ConsumerRecord<>(topic.name(), 0, offset, topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), value));
    }

    /** Hands out {@code consumers} in order; the second is handed out only once {@code secondMayStart} opened. */
    private static Supplier<Consumer<byte[], byte[]>> inOrder(List<MockConsumer<byte[], byte[]>> consumers,
                                                              CountDownLatch secondMayStart) {
        AtomicInteger made = new AtomicInteger();
        return () -> {
            int index = made.getAndIncrement();
            if (index == 1) {
                try {
                    secondMayStart.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return consumers.get(Math.min(index, consumers.size() - 1));
        };
    }

    @Test
    void restartsAFailedFeedWhichResumesAfterTheLastRecordReadAndIsReadyAgain() {
        // given a first consumer that reads node-a, then fails
        MockConsumer<byte[], byte[]> first = consumerOf(Map.of(CHANGES, 1L));
        first.schedulePollTask(() -> {
            first.addRecord(nodeChange(0, "node-a", 10));
        });
        first.schedulePollTask(() -> first.setPollException(new KafkaException("injected: fetch failed")));
        // and a second consumer on the log that has grown by node-b; it would deliver the old records
        // again if the feed did not resume after them
        MockConsumer<byte[], byte[]> second = consumerOf(Map.of(CHANGES, 2L));
        Map<TopicPartition, Long> resumedAt = new ConcurrentHashMap<>();
        second.schedulePollTask(() -> {
            resumedAt.put(CHANGES, second.position(CHANGES));
            second.addRecord(nodeChange(0, "node-a", 10));
            second.addRecord(nodeChange(1, "node-b", 20));
        });
        CountDownLatch secondMayStart = new CountDownLatch(1);

        feed = ViewFeed.start(inOrder(List.of(first, second), secondMayStart), view, new WatchHub(100),
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(100)));
        feed.awaitCaughtUp(WAIT);

        // when the first consumer fails, the feed says so
        await().atMost(WAIT).until(() -> feed.notReady().isPresent());
        assertThat(feed.notReady().orElseThrow()).startsWith("the gateway's view of the cluster stopped following Kafka")
                .contains("injected: fetch failed");
        assertThat(first.closed()).isTrue();

        // then it restarts with a new consumer, resumes after what it read and is ready again
        secondMayStart.countDown();
        await().atMost(WAIT).until(() -> feed.notReady().isEmpty());
        assertThat(resumedAt).containsEntry(CHANGES, 1L);
        assertThat(view.table(Topics.NODES).contains("node-b")).isTrue();
        assertThat(view.table(Topics.NODES).get("node-a").orElseThrow().revision()).isEqualTo(10);
        assertThat(view.position()).isEqualTo(20);
    }

    @Test
    void keepsRestartingWithBackOffWhileTheConsumerKeepsFailing() {
        AtomicInteger attempts = new AtomicInteger();
        feed = ViewFeed.start(() -> {
            attempts.incrementAndGet();
            MockConsumer<byte[], byte[]> failing = consumerOf(Map.of());
            failing.setPollException(new KafkaException("injected: broker refuses"));
            return failing;
        }, view, new WatchHub(100), new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)));

        await().atMost(WAIT).until(() -> attempts.get() >= 5);

        assertThat(feed.notReady()).hasValueSatisfying(reason -> assertThat(reason).contains("injected: broker refuses"));
    }

    @Test
    void closesPromptlyWhileWaitingToRestart() {
        feed = ViewFeed.start(() -> {
            MockConsumer<byte[], byte[]> failing = consumerOf(Map.of());
            failing.setPollException(new KafkaException("injected"));
            return failing;
        }, view, new WatchHub(100), new Backoff(Duration.ofMinutes(5), Duration.ofMinutes(5)));
        await().atMost(WAIT).until(() -> feed.notReady().orElse("").contains("injected"));

        long start = System.nanoTime();
        feed.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}

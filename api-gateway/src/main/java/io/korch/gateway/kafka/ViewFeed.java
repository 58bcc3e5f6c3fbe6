package io.korch.gateway.kafka;

import io.korch.gateway.view.ClusterView;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link ClusterView}: one thread with a group-less consumer that is assigned every
 * partition of the view's topics and the event log, reads them from the beginning and applies each
 * record. {@link #awaitCaughtUp} returns once the view holds everything the topics held when the
 * feed started.
 */
public final class ViewFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ViewFeed.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final ClusterView view;
    private final Map<String, Topic<String, ?>> topics = new HashMap<>();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private ViewFeed(Consumer<byte[], byte[]> consumer, ClusterView view) {
        this.consumer = consumer;
        this.view = view;
        ClusterView.TABLE_TOPICS.forEach(topic -> topics.put(topic.name(), topic));
        topics.put(Topics.EVENTS.name(), Topics.EVENTS);
        this.thread = new Thread(this::run, "korch-gateway-view");
        this.thread.setDaemon(true);
    }

    /** Starts feeding {@code view} from the cluster at {@code bootstrapServers}. */
    public static ViewFeed start(String bootstrapServers, ClusterView view) {
        ViewFeed feed = new ViewFeed(new KafkaConsumer<>(KafkaSettings.viewConsumer(bootstrapServers)), view);
        feed.thread.start();
        return feed;
    }

    /**
     * Waits until the view caught up with the end of every topic as of the start.
     *
     * @throws IllegalStateException when it did not within {@code timeout} or the feed failed
     */
    public void awaitCaughtUp(Duration timeout) {
        try {
            caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the cluster state", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the cluster state from Kafka: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the cluster state was not read from Kafka within " + timeout.toSeconds()
                    + " s", e);
        }
    }

    /** Whether the feed is still reading; false once it failed for good. */
    public boolean healthy() {
        return failure == null && thread.isAlive();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = assignFromBeginning();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    apply(record);
                }
                if (!caughtUp.isDone() && reached(end)) {
                    caughtUp.complete(null);
                }
            }
        } catch (WakeupException e) {
            LOG.debug("view feed woken up to stop");
        } catch (RuntimeException e) {
            failure = e;
            caughtUp.completeExceptionally(e);
            LOG.error("the gateway's view of the cluster stopped following Kafka", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private List<TopicPartition> assignFromBeginning() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics.keySet()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        try {
            return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        } catch (RetriableException e) {
            LOG.debug("position not known yet: {}", e.getMessage());
            return false;
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        Topic<String, ?> topic = topics.get(record.topic());
        try {
            String key = topic.keySerde().deserializer().deserialize(record.topic(), record.key());
            if (key == null) {
                LOG.warn("skipping record without key {}@{} of {}", record.partition(), record.offset(), record.topic());
            } else if (topic == Topics.EVENTS) {
                if (record.value() != null) {
                    view.addEvent(Topics.EVENTS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
                }
            } else {
                applyTable(topic, key, record);
            }
        } catch (SerializationException e) {
            LOG.warn("skipping undecodable record {}@{} of {}: {}", record.partition(), record.offset(),
                    record.topic(), e.getMessage());
        }
    }

    private <V> void applyTable(Topic<String, V> topic, String key, ConsumerRecord<byte[], byte[]> record) {
        V value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        view.apply(topic, key, value, record.offset());
    }

    /** Stops reading and closes the consumer. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.korch.controllers.testing;

import io.korch.api.Event;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The committed content of some compacted topics and of the event log, kept current by a background
 * read_committed consumer: the latest value per key, tombstones removed, every value ever read,
 * and every event. For integration tests against a real broker.
 */
public final class TopicViews implements AutoCloseable {

    private final List<Topic<String, ?>> tables;
    private final Map<String, Map<String, Object>> latest = new ConcurrentHashMap<>();
    private final Map<String, List<Object>> history = new ConcurrentHashMap<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    /** Starts reading {@code tables} and the event log, of one partition, from their beginning. */
    public TopicViews(String bootstrapServers, List<Topic<String, ?>> tables) {
        this(bootstrapServers, tables, 1);
    }

    /** Starts reading every one of the {@code partitions} of {@code tables} and the event log from their beginning. */
    public TopicViews(String bootstrapServers, List<Topic<String, ?>> tables, int partitions) {
        this.tables = List.copyOf(tables);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> assigned = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            for (Topic<String, ?> topic : tables) {
                assigned.add(new TopicPartition(topic.name(), partition));
            }
            assigned.add(new TopicPartition(Topics.EVENTS.name(), partition));
        }
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        tables.forEach(topic -> {
            latest.put(topic.name(), new ConcurrentHashMap<>());
            history.put(topic.name(), new CopyOnWriteArrayList<>());
        });
        thread = new Thread(() -> {
            try (consumer) {
                while (!closed) {
                    consumer.poll(Duration.ofMillis(100)).forEach(this::apply);
                }
            }
        }, "test-topic-views");
        thread.setDaemon(true);
        thread.start();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.topic().equals(Topics.EVENTS.name())) {
            events.add(Topics.EVENTS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            return;
        }
        Topic<String, ?> topic = tables.stream().filter(t -> t.name().equals(record.topic())).findFirst().orElseThrow();
        Map<String, Object> table = latest.get(record.topic());
        if (record.value() == null) {
            table.remove(record.key());
        } else {
            Object value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
            table.put(record.key(), value);
            history.get(record.topic()).add(value);
        }
    }

    /** The latest value of every key of {@code topic}. */
    @SuppressWarnings("unchecked")
    public <V> Map<String, V> table(Topic<String, V> topic) {
        return Map.copyOf((Map<String, V>) latest.get(topic.name()));
    }

    /** Every value read from {@code topic}, in order, tombstones left out. */
    @SuppressWarnings("unchecked")
    public <V> List<V> history(Topic<String, V> topic) {
        return List.copyOf((List<V>) history.get(topic.name()));
    }

    /** Every event read so far. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join(10_000);
    }
}

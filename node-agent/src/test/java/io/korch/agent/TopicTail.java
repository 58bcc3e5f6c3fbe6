package io.korch.agent;

import io.korch.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning, committed records only, for assertions: call {@link #poll()} inside an
 * Awaitility block, then look at every value seen per key (a tombstone is a null entry).
 */
public final class TopicTail<V> implements AutoCloseable {

    private final Topic<String, V> topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, List<V>> values = new HashMap<>();
    private int largestValueBytes;

    TopicTail(String bootstrapServers, Topic<String, V> topic) {
        this.topic = topic;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // what every korch reader sees: records of aborted transactions are not there
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what arrived since the last call. */
    public TopicTail<V> poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            largestValueBytes = Math.max(largestValueBytes, record.serializedValueSize());
            V value = record.value() == null ? null
                    : topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
            values.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(value);
        }
        return this;
    }

    /** Every value seen under {@code key}, oldest first; tombstones are null. */
    public List<V> all(String key) {
        return values.getOrDefault(key, List.of());
    }

    /** The latest value seen under {@code key}; null if none or a tombstone. */
    public V latest(String key) {
        List<V> seen = all(key);
        return seen.isEmpty() ? null : seen.get(seen.size() - 1);
    }

    /** The size of the largest value seen, serialized, in bytes. */
    public int largestValueBytes() {
        return largestValueBytes;
    }

    /** Every key seen. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** Whether the latest record seen under {@code key} is a tombstone. */
    public boolean tombstoned(String key) {
        List<V> seen = all(key);
        return !seen.isEmpty() && seen.get(seen.size() - 1) == null;
    }

    @Override
    public void close() {
        consumer.close();
    }
}

package io.korch.scaleout;

import io.korch.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything committed to one topic so far, read from its beginning as any consumer would
 * ({@code read_committed}: records of aborted transactions do not count), and the latest value per key.
 *
 * @param <V> the value type
 */
record TopicSnapshot<V>(List<ConsumerRecord<String, V>> records, Map<String, V> latest) {

    static <V> TopicSnapshot<V> read(String bootstrapServers, Topic<String, V> topic) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, V>> records = new ArrayList<>();
            Map<String, V> latest = new LinkedHashMap<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> raw : consumer.poll(Duration.ofMillis(500))) {
                    V value = raw.value() == null ? null
                            : topic.valueSerde().deserializer().deserialize(topic.name(), raw.value());
                    records.add(new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.key(), value));
                    if (value == null) {
                        latest.remove(raw.key());
                    } else {
                        latest.put(raw.key(), value);
                    }
                }
            }
            return new TopicSnapshot<>(records, new HashMap<>(latest));
        }
    }
}

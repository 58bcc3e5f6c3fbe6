package io.korch.topics;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * The producer side of {@link Partitioning}: a Kafka {@link Partitioner} that sends each record of a
 * korch topic to the partition its topic's rule gives its key. Every producer that writes korch
 * topics sets it with {@link #use(Map)}; Kafka Streams sinks use the same rule through
 * {@code io.korch.streams.TopicSinks}.
 *
 * <p>Keys of korch topics are UTF-8 strings. A topic that korch does not declare, or a record
 * without key, goes where Kafka's default partitioner would put a keyed record (murmur2 of the
 * key bytes), or to partition 0.
 */
public final class KorchPartitioner implements Partitioner {

    /** Sets this partitioner in a producer's {@code props}; returns them. */
    public static <M extends Map<? super String, Object>> M use(M props) {
        props.put(org.apache.kafka.clients.producer.ProducerConfig.PARTITIONER_CLASS_CONFIG, KorchPartitioner.class);
        return props;
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionsForTopic(topic).size();
        if (keyBytes == null) {
            return 0;
        }
        return Topics.byName(topic)
                .map(declared -> declared.partition(new String(keyBytes, StandardCharsets.UTF_8), partitions))
                .orElseGet(() -> Utils.toPositive(Utils.murmur2(keyBytes)) % partitions);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure: the rule of each topic is in the registry
    }

    @Override
    public void close() {
        // holds nothing
    }
}

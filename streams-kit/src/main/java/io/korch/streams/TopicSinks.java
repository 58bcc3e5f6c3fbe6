package io.korch.streams;

import io.korch.topics.Topic;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Adds Kafka Streams sinks for registry topics. Each sink serializes with the serdes its
 * {@link Topic} declares and routes each record by the topic's {@link io.korch.topics.Partitioning},
 * the same rule as every producer's {@link io.korch.topics.KorchPartitioner}, so a record lands on the
 * partition its readers expect whichever component wrote it.
 */
public final class TopicSinks {

    private TopicSinks() {
    }

    /** Adds sink {@code name} writing {@code topic}, fed by {@code parents}. */
    public static <V> void add(Topology topology, String name, Topic<String, V> topic, String... parents) {
        topology.addSink(name, topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(),
                partitioner(topic), parents);
    }

    /**
     * Adds sink {@code name} writing values to {@code topic} as the bytes they already are (a
     * record passed on as written), routed by the topic's rule like {@link #add}.
     */
    @SuppressWarnings("unchecked")
    public static void addRaw(Topology topology, String name, Topic<String, ?> topic, String... parents) {
        StreamPartitioner<String, byte[]> partitioner = (StreamPartitioner<String, byte[]>) (StreamPartitioner<String, ?>)
                partitioner(topic);
        topology.addSink(name, topic.name(), new StringSerializer(), new ByteArraySerializer(), partitioner, parents);
    }

    /** The stream partitioner of {@code topic}: its rule applied to each record's key. */
    public static <V> StreamPartitioner<String, V> partitioner(Topic<String, V> topic) {
        return new RegistryPartitioner<>(topic);
    }

    /** Routes by the key's partitioning rule; a record without key goes to partition 0. */
    private record RegistryPartitioner<V>(Topic<String, V> topic) implements StreamPartitioner<String, V> {

        @Override
        public Optional<Set<Integer>> partitions(String topicName, String key, V value, int numPartitions) {
            return Optional.of(Set.of(key == null ? 0 : topic.partition(key, numPartitions)));
        }
    }
}

package io.korch.agent;

import io.korch.topics.KorchPartitioner;
import io.korch.topics.Topic;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The agent's one Kafka producer, for every topic it writes (nodes, pod status, events): records are
 * serialized with the serdes each {@link Topic} declares. Thread-safe. The hollow nodes
 * ({@link io.korch.agent.hollow.HollowNodes}) share one for all the nodes they simulate.
 */
public final class RecordPublisher implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<byte[], byte[]> producer;

    public RecordPublisher(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // a record counts as written once every in-sync replica has it: status and heartbeats survive a broker loss
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // retries never duplicate or reorder records, so the latest status of a key is the last one sent
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // a little batching for the burst of status reports after a reconcile pass; heartbeats stay timely
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // when the cluster is gone a send fails within seconds instead of blocking the agent's loops
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        // each record goes to the partition its topic's rule gives its key (node records by node name)
        KorchPartitioner.use(props);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A publisher sending through {@code producer}, such as a {@code MockProducer} in a unit test. */
    public RecordPublisher(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /** Sends {@code value} (null: a tombstone) under {@code key}; the future completes once Kafka acknowledged it. */
    public <V> CompletableFuture<RecordMetadata> send(Topic<String, V> topic, String key, V value) {
        byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] valueBytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes), (metadata, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Sends what is buffered, waiting at most a few seconds when the cluster is unreachable. */
    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}

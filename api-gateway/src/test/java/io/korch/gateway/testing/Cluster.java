package io.korch.gateway.testing;

import io.korch.gateway.GatewayApp;
import io.korch.gateway.GatewayConfig;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.topics.KorchPartitioner;
import io.korch.topics.Topic;
import io.korch.topics.TopicAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A real single-node Kafka broker with the korch topics, and a gateway on it: what each
 * integration test class starts once.
 */
public final class Cluster implements AutoCloseable {

    private final EmbeddedKafkaBroker kafka;
    private final GatewayApp gateway;

    private Cluster(EmbeddedKafkaBroker kafka, GatewayApp gateway) {
        this.kafka = kafka;
        this.gateway = gateway;
    }

    /** Starts a broker, creates the topics and starts a gateway on any free port. */
    public static Cluster start() {
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().build().start();
        try {
            TopicAdmin.createTopics(kafka.bootstrapServers(), 1, (short) 1);
            GatewayApp gateway = GatewayApp.start(new GatewayConfig(kafka.bootstrapServers(), "127.0.0.1", 0));
            return new Cluster(kafka, gateway);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    public GatewayApp gateway() {
        return gateway;
    }

    /**
     * Publishes a record as another component would: a plain producer, the topic's own serdes.
     * Waits for the acknowledgement.
     */
    public <V> void publish(Topic<String, V> topic, String key, V value) {
        publish(kafka.bootstrapServers(), topic, key, value);
    }

    /** Publishes to the cluster at {@code bootstrapServers}; see {@link #publish(Topic, String, Object)}. */
    public static <V> void publish(String bootstrapServers, Topic<String, V> topic, String key, V value) {
        Map<String, Object> props = KorchPartitioner.use(new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all")));
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(props, topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic.name(), e);
        }
    }

    /**
     * Reads every record {@code topic} holds now with a plain consumer, from the beginning, as
     * another component would: the topic's own serdes.
     */
    public <V> List<ConsumerRecord<String, V>> records(Topic<String, V> topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            kafka.close();
        }
    }
}

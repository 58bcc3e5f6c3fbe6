package io.korch.agent;

import io.korch.api.NodeAssignment;
import io.korch.api.Pod;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.topics.Topic;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A real single-node broker with the korch topics, and the other side of the conversation: writing node
 * assignments as the scheduler would, or any record as another component would, committed or in a
 * transaction that is then aborted.
 */
final class ClusterFixture implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final KafkaProducer<byte[], byte[]> producer;

    ClusterFixture() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        TopicAdmin.createTopics(broker.bootstrapServers(), 1, (short) 1);
        producer = new KafkaProducer<>(producerProps(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Assigns exactly {@code pods} to {@code node}, as the scheduler would. */
    void assign(String node, Pod... pods) {
        publish(Topics.ASSIGNMENTS, node, assignment(node, pods));
    }

    /** Assigns {@code pods} to {@code node} in a transaction that is aborted, as by a scheduler that crashed. */
    void assignAndAbort(String node, Pod... pods) {
        publishAndAbort(Topics.ASSIGNMENTS, node, assignment(node, pods));
    }

    /** Writes {@code value} (null: a tombstone) under {@code key} and waits until Kafka has it. */
    <V> void publish(Topic<String, V> topic, String key, V value) {
        try {
            producer.send(record(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write " + key + " to " + topic.name(), e);
        }
    }

    /** Writes {@code value} under {@code key} in a transaction, then aborts it; returns once it is aborted. */
    <V> void publishAndAbort(Topic<String, V> topic, String key, V value) {
        Properties props = producerProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-aborted-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> transactional =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            transactional.initTransactions();
            transactional.beginTransaction();
            transactional.send(record(topic, key, value));
            transactional.flush();
            transactional.abortTransaction();
        }
    }

    <V> TopicTail<V> tail(Topic<String, V> topic) {
        return new TopicTail<>(broker.bootstrapServers(), topic);
    }

    @Override
    public void close() {
        producer.close();
        broker.close();
    }

    private Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    private static NodeAssignment assignment(String node, Pod... pods) {
        return NodeAssignment.newBuilder()
                .setNodeName(node)
                .setPods(new ArrayList<>(List.of(pods)))
                .build();
    }

    private static <V> ProducerRecord<byte[], byte[]> record(Topic<String, V> topic, String key, V value) {
        byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] valueBytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        return new ProducerRecord<>(topic.name(), keyBytes, valueBytes);
    }
}

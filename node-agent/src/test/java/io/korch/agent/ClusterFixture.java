package io.korch.agent;

import io.korch.api.NodeAssignment;
import io.korch.api.Pod;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A real single-node broker with the korch topics, and the scheduler's side of the conversation: writing
 * node assignments.
 */
final class ClusterFixture implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final KafkaProducer<String, NodeAssignment> producer;

    ClusterFixture() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        TopicAdmin.createTopics(broker.bootstrapServers(), 1, (short) 1);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, Topics.ASSIGNMENTS.keySerde().serializer(),
                Topics.ASSIGNMENTS.valueSerde().serializer());
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Assigns exactly {@code pods} to {@code node}, as the scheduler would. */
    void assign(String node, Pod... pods) {
        NodeAssignment assignment = NodeAssignment.newBuilder()
                .setNodeName(node)
                .setPods(new ArrayList<>(List.of(pods)))
                .build();
        try {
            producer.send(new ProducerRecord<>(Topics.ASSIGNMENTS.name(), node, assignment)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write the assignment of " + node, e);
        }
    }

    <V> TopicTail<V> tail(io.korch.topics.Topic<String, V> topic) {
        return new TopicTail<>(broker.bootstrapServers(), topic);
    }

    @Override
    public void close() {
        producer.close();
        broker.close();
    }
}

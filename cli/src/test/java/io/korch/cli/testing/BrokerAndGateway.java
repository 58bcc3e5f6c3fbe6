package io.korch.cli.testing;

import io.korch.api.Event;
import io.korch.gateway.GatewayApp;
import io.korch.gateway.GatewayConfig;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.model.Events;
import io.korch.topics.KorchPartitioner;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A real broker with the korch topics and a gateway on any free port: what a client-command test class starts once. */
public final class BrokerAndGateway implements AutoCloseable {

    private final EmbeddedKafkaBroker kafka;
    private GatewayApp gateway;

    private BrokerAndGateway(EmbeddedKafkaBroker kafka, GatewayApp gateway) {
        this.kafka = kafka;
        this.gateway = gateway;
    }

    public static BrokerAndGateway start() {
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().build().start();
        try {
            TopicAdmin.createTopics(kafka.bootstrapServers(), 1, (short) 1);
            return new BrokerAndGateway(kafka, GatewayApp.start(new GatewayConfig(kafka.bootstrapServers(), "127.0.0.1", 0)));
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

    /** Stops the gateway and starts a new one on the same port, as an operator restarting it would. */
    public void restartGateway() {
        int port = gateway.port();
        gateway.close();
        gateway = GatewayApp.start(new GatewayConfig(kafka.bootstrapServers(), "127.0.0.1", port));
    }

    /** Publishes the occurrence {@code event} as a component does: keyed by its involved object, with the topic's serdes. */
    public void publish(Event event) {
        Map<String, Object> props = KorchPartitioner.use(new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all")));
        try (KafkaProducer<String, Event> producer = new KafkaProducer<>(props, Topics.EVENTS.keySerde().serializer(),
                Topics.EVENTS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.EVENTS.name(), Events.key(event), event)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + Topics.EVENTS.name(), e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        kafka.close();
    }
}

package io.korch.cli.testing;

import io.korch.gateway.GatewayApp;
import io.korch.gateway.GatewayConfig;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.topics.TopicAdmin;

/** A real broker with the korch topics and a gateway on any free port: what a client-command test class starts once. */
public final class BrokerAndGateway implements AutoCloseable {

    private final EmbeddedKafkaBroker kafka;
    private final GatewayApp gateway;

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

    @Override
    public void close() {
        gateway.close();
        kafka.close();
    }
}

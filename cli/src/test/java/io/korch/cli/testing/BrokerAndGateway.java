package io.korch.cli.testing;

import io.korch.gateway.GatewayApp;
import io.korch.gateway.GatewayConfig;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.topics.TopicAdmin;

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

    @Override
    public void close() {
        gateway.close();
        kafka.close();
    }
}

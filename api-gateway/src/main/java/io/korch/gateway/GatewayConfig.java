package io.korch.gateway;

import java.util.Objects;

/**
 * Where the gateway finds Kafka and where it listens for HTTP.
 *
 * @param bootstrapServers the Kafka bootstrap servers, {@code 127.0.0.1:9092}
 * @param host             the address the HTTP server binds, {@code 127.0.0.1}
 * @param port             the HTTP port; 0 picks any free port
 */
public record GatewayConfig(String bootstrapServers, String host, int port) {

    /** The port {@link #defaults} listens on. */
    public static final int DEFAULT_PORT = 8080;

    public GatewayConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
    }

    /** Listens on 127.0.0.1:8080. */
    public static GatewayConfig defaults(String bootstrapServers) {
        return new GatewayConfig(bootstrapServers, "127.0.0.1", DEFAULT_PORT);
    }
}

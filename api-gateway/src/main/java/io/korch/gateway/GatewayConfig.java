package io.korch.gateway;

import io.korch.gateway.allocation.ServiceRanges;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the gateway finds Kafka, where it listens for HTTP, where its member of the change log
 * keeps its state, and the ranges it allocates Services' cluster IPs and node ports from.
 *
 * @param bootstrapServers the Kafka bootstrap servers, {@code 127.0.0.1:9092}
 * @param host             the address the HTTP server binds, {@code 127.0.0.1}
 * @param port             the HTTP port; 0 picks any free port
 * @param stateDir         the change log's local state; its identity in the cluster is kept there
 * @param serviceRanges    the Service network and the node ports; the same on every gateway of a cluster
 */
public record GatewayConfig(String bootstrapServers, String host, int port, Path stateDir,
                            ServiceRanges serviceRanges) {

    /** The port {@link #defaults} listens on. */
    public static final int DEFAULT_PORT = 8080;

    public GatewayConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(serviceRanges, "serviceRanges");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
    }

    /** A gateway allocating from Kubernetes' default ranges ({@link ServiceRanges#defaults()}). */
    public GatewayConfig(String bootstrapServers, String host, int port, Path stateDir) {
        this(bootstrapServers, host, port, stateDir, ServiceRanges.defaults());
    }

    /** A gateway whose change log keeps its state in a new temporary directory (restored from Kafka at each start). */
    public GatewayConfig(String bootstrapServers, String host, int port) {
        this(bootstrapServers, host, port, temporaryStateDir());
    }

    private static Path temporaryStateDir() {
        try {
            return Files.createTempDirectory("korch-gateway-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory for the change log", e);
        }
    }

    /** Listens on 127.0.0.1:8080. */
    public static GatewayConfig defaults(String bootstrapServers) {
        return new GatewayConfig(bootstrapServers, "127.0.0.1", DEFAULT_PORT);
    }
}

package io.korch.cli.dev;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link DevCluster}.
 *
 * @param nodes                number of node agents, named {@code node-1}..{@code node-N}
 * @param dataDir              where Kafka's data ({@code kafka/}) and the Streams state stores live; kept across restarts
 * @param externalKafka        bootstrap servers of an existing Kafka cluster to use instead of the embedded broker, or null
 * @param apiPort              the API port on 127.0.0.1; 0 picks a free one
 * @param kafkaPort            the embedded broker's port on 127.0.0.1; 0 picks a free one
 * @param nodeGracePeriod      how long a node may miss heartbeats before it is declared NotReady
 * @param allowProcessFallback whether agents may run containers as local processes when Docker is unreachable
 */
public record DevClusterOptions(int nodes, Path dataDir, String externalKafka, int apiPort, int kafkaPort,
                                Duration nodeGracePeriod, boolean allowProcessFallback) {

    public static final int DEFAULT_NODES = 2;
    public static final int DEFAULT_API_PORT = 8080;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final Duration DEFAULT_NODE_GRACE_PERIOD = Duration.ofSeconds(5);

    public DevClusterOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(nodeGracePeriod, "nodeGracePeriod");
        if (nodes < 0) {
            throw new IllegalArgumentException("--nodes must be 0 or more, not " + nodes);
        }
        checkPort("--port", apiPort);
        checkPort("--kafka-port", kafkaPort);
        if (nodeGracePeriod.isNegative() || nodeGracePeriod.isZero()) {
            throw new IllegalArgumentException("--node-grace-period must be positive, not " + nodeGracePeriod);
        }
    }

    /** The defaults of {@code korch dev}: 2 nodes, data in {@code ~/.korch/dev}, ports 8080 and 9092, 5 s grace. */
    public static DevClusterOptions defaults() {
        return new DevClusterOptions(DEFAULT_NODES, defaultDataDir(), null, DEFAULT_API_PORT, DEFAULT_KAFKA_PORT,
                DEFAULT_NODE_GRACE_PERIOD, true);
    }

    /** Like {@link #defaults()} but with data in {@code dataDir} and free ports: for tests. */
    public static DevClusterOptions ephemeral(Path dataDir) {
        return new DevClusterOptions(DEFAULT_NODES, dataDir, null, 0, 0, DEFAULT_NODE_GRACE_PERIOD, true);
    }

    /** {@code ~/.korch/dev}. */
    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".korch", "dev");
    }

    public DevClusterOptions withNodes(int count) {
        return new DevClusterOptions(count, dataDir, externalKafka, apiPort, kafkaPort, nodeGracePeriod, allowProcessFallback);
    }

    public DevClusterOptions withDataDir(Path dir) {
        return new DevClusterOptions(nodes, dir, externalKafka, apiPort, kafkaPort, nodeGracePeriod, allowProcessFallback);
    }

    public DevClusterOptions withExternalKafka(String bootstrapServers) {
        return new DevClusterOptions(nodes, dataDir, bootstrapServers, apiPort, kafkaPort, nodeGracePeriod, allowProcessFallback);
    }

    public DevClusterOptions withApiPort(int port) {
        return new DevClusterOptions(nodes, dataDir, externalKafka, port, kafkaPort, nodeGracePeriod, allowProcessFallback);
    }

    public DevClusterOptions withKafkaPort(int port) {
        return new DevClusterOptions(nodes, dataDir, externalKafka, apiPort, port, nodeGracePeriod, allowProcessFallback);
    }

    public DevClusterOptions withNodeGracePeriod(Duration grace) {
        return new DevClusterOptions(nodes, dataDir, externalKafka, apiPort, kafkaPort, grace, allowProcessFallback);
    }

    public DevClusterOptions withAllowProcessFallback(boolean allow) {
        return new DevClusterOptions(nodes, dataDir, externalKafka, apiPort, kafkaPort, nodeGracePeriod, allow);
    }

    /** The name of the {@code i}-th node, counting from 1. */
    public static String nodeName(int i) {
        return "node-" + i;
    }

    private static void checkPort(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " must be a port number (0-65535), not " + port);
        }
    }
}

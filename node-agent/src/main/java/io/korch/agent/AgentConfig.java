package io.korch.agent;

import io.korch.agent.proxy.ProxyMode;
import io.korch.model.Names;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one node agent.
 *
 * @param bootstrapServers  the Kafka cluster holding the korch topics
 * @param nodeName          the node's name: key of its Node and its assignment
 * @param labels            node labels in addition to {@code kubernetes.io/hostname}
 * @param cpuMillis         cpu capacity in millicores, or null for the host's processors × 1000
 * @param memoryBytes       memory capacity in bytes, or null for the host's total memory
 * @param heartbeatInterval how often the Node record is written
 * @param dataDir           where the agent keeps its pods' volumes ({@code pods/<uid>/volumes/...}); null for
 *                          {@code ~/.korch/agent/<nodeName>}
 * @param serverPort        the loopback port of the agent's logs and exec server, 0 for a free one
 * @param nodeProxy         whether the agent (with the Docker runtime) runs the node's Service network: the
 *                          local route of the Service CIDR, the node proxy and the cluster DNS
 * @param metricsInterval   how often the resource use of the node and its pods is sampled and published
 *                          ({@code korch.metrics.pods}, {@code korch.metrics.nodes})
 * @param proxyMode         how the node proxy carries Service traffic: {@link ProxyMode#IPTABLES} (kernel NAT, the
 *                          default, the user-space proxy where iptables cannot be used) or {@link ProxyMode#USERSPACE}
 */
public record AgentConfig(
        String bootstrapServers,
        String nodeName,
        Map<String, String> labels,
        Long cpuMillis,
        Long memoryBytes,
        Duration heartbeatInterval,
        Path dataDir,
        int serverPort,
        boolean nodeProxy,
        Duration metricsInterval,
        ProxyMode proxyMode) {

    /** As metrics-server's resolution. */
    public static final Duration DEFAULT_METRICS_INTERVAL = Duration.ofSeconds(15);

    public AgentConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(nodeName, "nodeName");
        String nameError = Names.checkDns1123Subdomain(nodeName);
        if (nameError != null) {
            throw new IllegalArgumentException("invalid node name \"" + nodeName + "\": " + nameError);
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        if (cpuMillis != null && cpuMillis <= 0) {
            throw new IllegalArgumentException("cpuMillis must be positive: " + cpuMillis);
        }
        if (memoryBytes != null && memoryBytes <= 0) {
            throw new IllegalArgumentException("memoryBytes must be positive: " + memoryBytes);
        }
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeatInterval must be positive: " + heartbeatInterval);
        }
        if (serverPort < 0 || serverPort > 65535) {
            throw new IllegalArgumentException("serverPort must be between 0 and 65535: " + serverPort);
        }
        Objects.requireNonNull(metricsInterval, "metricsInterval");
        if (metricsInterval.isNegative() || metricsInterval.isZero()) {
            throw new IllegalArgumentException("metricsInterval must be positive: " + metricsInterval);
        }
        Objects.requireNonNull(proxyMode, "proxyMode");
        if (dataDir == null) {
            dataDir = Path.of(System.getProperty("user.home"), ".korch", "agent", nodeName);
        }
    }

    /** Settings with the default proxy mode, {@link ProxyMode#IPTABLES}. */
    public AgentConfig(String bootstrapServers, String nodeName, Map<String, String> labels, Long cpuMillis,
                       Long memoryBytes, Duration heartbeatInterval, Path dataDir, int serverPort, boolean nodeProxy,
                       Duration metricsInterval) {
        this(bootstrapServers, nodeName, labels, cpuMillis, memoryBytes, heartbeatInterval, dataDir, serverPort,
                nodeProxy, metricsInterval, ProxyMode.IPTABLES);
    }

    /** Settings sampling resource use every {@link #DEFAULT_METRICS_INTERVAL}. */
    public AgentConfig(String bootstrapServers, String nodeName, Map<String, String> labels, Long cpuMillis,
                       Long memoryBytes, Duration heartbeatInterval, Path dataDir, int serverPort, boolean nodeProxy) {
        this(bootstrapServers, nodeName, labels, cpuMillis, memoryBytes, heartbeatInterval, dataDir, serverPort,
                nodeProxy, DEFAULT_METRICS_INTERVAL);
    }

    /** Settings with the node proxy on. */
    public AgentConfig(String bootstrapServers, String nodeName, Map<String, String> labels, Long cpuMillis,
                       Long memoryBytes, Duration heartbeatInterval, Path dataDir, int serverPort) {
        this(bootstrapServers, nodeName, labels, cpuMillis, memoryBytes, heartbeatInterval, dataDir, serverPort, true);
    }

    /** Settings with the default data directory, {@code ~/.korch/agent/<nodeName>}, and the server on a free port. */
    public AgentConfig(String bootstrapServers, String nodeName, Map<String, String> labels, Long cpuMillis,
                       Long memoryBytes, Duration heartbeatInterval) {
        this(bootstrapServers, nodeName, labels, cpuMillis, memoryBytes, heartbeatInterval, null, 0);
    }

    /** These settings with the pods' volumes kept under {@code dir}. */
    public AgentConfig withDataDir(Path dir) {
        return new AgentConfig(bootstrapServers, nodeName, labels, cpuMillis, memoryBytes, heartbeatInterval, dir,
                serverPort, nodeProxy, metricsInterval, proxyMode);
    }

    /** These settings with the node proxy on or off. */
    public AgentConfig withNodeProxy(boolean on) {
        return new AgentConfig(bootstrapServers, nodeName, labels, cpuMillis, memoryBytes, heartbeatInterval, dataDir,
                serverPort, on, metricsInterval, proxyMode);
    }

    /** These settings with resource use sampled every {@code interval}. */
    public AgentConfig withMetricsInterval(Duration interval) {
        return new AgentConfig(bootstrapServers, nodeName, labels, cpuMillis, memoryBytes, heartbeatInterval, dataDir,
                serverPort, nodeProxy, interval, proxyMode);
    }

    /** These settings with the node proxy carrying Service traffic as {@code mode} says. */
    public AgentConfig withProxyMode(ProxyMode mode) {
        return new AgentConfig(bootstrapServers, nodeName, labels, cpuMillis, memoryBytes, heartbeatInterval, dataDir,
                serverPort, nodeProxy, metricsInterval, mode);
    }

    /** The directory of the pods' directories. */
    public Path podsDir() {
        return dataDir.resolve("pods");
    }

    /**
     * No extra labels, the host's capacity, a heartbeat every second, the default data directory, a free port,
     * the node proxy on, resource use sampled every {@link #DEFAULT_METRICS_INTERVAL}.
     */
    public static AgentConfig defaults(String bootstrapServers, String nodeName) {
        return new AgentConfig(bootstrapServers, nodeName, Map.of(), null, null, Duration.ofSeconds(1), null, 0, true,
                DEFAULT_METRICS_INTERVAL);
    }
}

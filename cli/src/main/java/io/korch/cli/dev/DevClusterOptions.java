package io.korch.cli.dev;

import io.korch.agent.AgentConfig;
import io.korch.agent.proxy.ProxyMode;
import io.korch.controllers.autoscaler.AutoscalerConfig;
import io.korch.controllers.nodelifecycle.NodeEviction;
import io.korch.topics.TopicAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link DevCluster}.
 *
 * @param nodes                number of node agents, named {@code node-1}..{@code node-N}
 * @param dataDir              where Kafka's data ({@code kafka/}), the Streams state stores and the agents' pod
 *                             volumes ({@code agents/NODE/}) live; kept across restarts
 * @param externalKafka        bootstrap servers of an existing Kafka cluster to use instead of the embedded broker, or null
 * @param apiPort              the API port on 127.0.0.1; 0 picks a free one
 * @param kafkaPort            the embedded broker's port on 127.0.0.1; 0 picks a free one
 * @param nodeGracePeriod      how long a node may miss heartbeats before it is declared NotReady
 * @param nodeEviction         how fast the pods of NotReady nodes are evicted; with Kubernetes' defaults a lost node
 *                             of the two or three of a dev cluster is evicted at once, and none when every node is lost
 * @param allowProcessFallback whether agents may run containers as local processes when Docker is unreachable
 * @param partitions           partitions of each topic it creates
 * @param controllers          controller instances run in the process (one consumer group); 0 runs none
 * @param schedulers           scheduler instances run in the process (one consumer group); 0 runs none
 * @param changeLogRetention   how long {@code korch.changes} keeps every change, or null to leave it as it is
 *                             (7 days on a new cluster)
 * @param metricsInterval      how often the agents sample and publish the resource use of their pods and nodes
 * @param hpaSyncPeriod        how often the autoscaler controller syncs every HorizontalPodAutoscaler
 * @param hpaDownscaleStabilization the scale-down stabilization window of autoscalers that set none
 * @param proxyMode            how the agents' node proxies carry Service traffic
 */
public record DevClusterOptions(int nodes, Path dataDir, String externalKafka, int apiPort, int kafkaPort,
                                Duration nodeGracePeriod, NodeEviction nodeEviction, boolean allowProcessFallback,
                                int partitions, int controllers, int schedulers, Duration changeLogRetention,
                                Duration metricsInterval, Duration hpaSyncPeriod, Duration hpaDownscaleStabilization,
                                ProxyMode proxyMode) {

    public static final int DEFAULT_NODES = 2;
    public static final Duration DEFAULT_NODE_GRACE_PERIOD = Duration.ofSeconds(5);

    public DevClusterOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(nodeGracePeriod, "nodeGracePeriod");
        Objects.requireNonNull(nodeEviction, "nodeEviction");
        requireNotNegative("--nodes", nodes);
        requireNotNegative("--controllers", controllers);
        requireNotNegative("--schedulers", schedulers);
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, not " + partitions);
        }
        checkPort("--port", apiPort);
        checkPort("--kafka-port", kafkaPort);
        if (nodeGracePeriod.isNegative() || nodeGracePeriod.isZero()) {
            throw new IllegalArgumentException("--node-grace-period must be positive, not " + nodeGracePeriod);
        }
        Objects.requireNonNull(metricsInterval, "metricsInterval");
        Objects.requireNonNull(proxyMode, "proxyMode");
        Objects.requireNonNull(hpaSyncPeriod, "hpaSyncPeriod");
        Objects.requireNonNull(hpaDownscaleStabilization, "hpaDownscaleStabilization");
        if (metricsInterval.isNegative() || metricsInterval.isZero()) {
            throw new IllegalArgumentException("--metrics-interval must be positive, not " + metricsInterval);
        }
        if (changeLogRetention != null && (changeLogRetention.isNegative() || changeLogRetention.isZero())) {
            throw new IllegalArgumentException("--change-log-retention must be positive, not " + changeLogRetention);
        }
    }

    /** Options with the autoscaler controller's default sync period and scale-down stabilization. */
    public DevClusterOptions(int nodes, Path dataDir, String externalKafka, int apiPort, int kafkaPort,
                             Duration nodeGracePeriod, NodeEviction nodeEviction, boolean allowProcessFallback,
                             int partitions, int controllers, int schedulers, Duration changeLogRetention,
                             Duration metricsInterval) {
        this(nodes, dataDir, externalKafka, apiPort, kafkaPort, nodeGracePeriod, nodeEviction, allowProcessFallback,
                partitions, controllers, schedulers, changeLogRetention, metricsInterval,
                AutoscalerConfig.DEFAULT_SYNC_PERIOD, AutoscalerConfig.DEFAULT_SCALE_DOWN_STABILIZATION,
                ProxyMode.IPTABLES);
    }

    /** Options with the default proxy mode. */
    public DevClusterOptions(int nodes, Path dataDir, String externalKafka, int apiPort, int kafkaPort,
                             Duration nodeGracePeriod, NodeEviction nodeEviction, boolean allowProcessFallback,
                             int partitions, int controllers, int schedulers, Duration changeLogRetention,
                             Duration metricsInterval, Duration hpaSyncPeriod, Duration hpaDownscaleStabilization) {
        this(nodes, dataDir, externalKafka, apiPort, kafkaPort, nodeGracePeriod, nodeEviction, allowProcessFallback,
                partitions, controllers, schedulers, changeLogRetention, metricsInterval, hpaSyncPeriod,
                hpaDownscaleStabilization, ProxyMode.IPTABLES);
    }

    /** Two nodes, data in {@code dataDir}, free ports and the default grace period: for tests. */
    public static DevClusterOptions ephemeral(Path dataDir) {
        return new DevClusterOptions(DEFAULT_NODES, dataDir, null, 0, 0, DEFAULT_NODE_GRACE_PERIOD, NodeEviction.DEFAULTS, true,
                TopicAdmin.DEFAULT_PARTITIONS, 1, 1, null, AgentConfig.DEFAULT_METRICS_INTERVAL);
    }

    public DevClusterOptions withNodes(int count) {
        return new DevClusterOptions(count, dataDir, externalKafka, apiPort, kafkaPort, nodeGracePeriod, nodeEviction,
                allowProcessFallback, partitions, controllers, schedulers, changeLogRetention, metricsInterval,
                hpaSyncPeriod, hpaDownscaleStabilization, proxyMode);
    }

    public DevClusterOptions withNodeGracePeriod(Duration grace) {
        return new DevClusterOptions(nodes, dataDir, externalKafka, apiPort, kafkaPort, grace, nodeEviction,
                allowProcessFallback, partitions, controllers, schedulers, changeLogRetention, metricsInterval,
                hpaSyncPeriod, hpaDownscaleStabilization, proxyMode);
    }

    public DevClusterOptions withAllowProcessFallback(boolean allow) {
        return new DevClusterOptions(nodes, dataDir, externalKafka, apiPort, kafkaPort, nodeGracePeriod, nodeEviction, allow,
                partitions, controllers, schedulers, changeLogRetention, metricsInterval,
                hpaSyncPeriod, hpaDownscaleStabilization, proxyMode);
    }

    public DevClusterOptions withPartitions(int count) {
        return new DevClusterOptions(nodes, dataDir, externalKafka, apiPort, kafkaPort, nodeGracePeriod, nodeEviction,
                allowProcessFallback, count, controllers, schedulers, changeLogRetention, metricsInterval,
                hpaSyncPeriod, hpaDownscaleStabilization, proxyMode);
    }

    /** Runs {@code controllerCount} controller and {@code schedulerCount} scheduler instances in the process. */
    public DevClusterOptions withInstances(int controllerCount, int schedulerCount) {
        return new DevClusterOptions(nodes, dataDir, externalKafka, apiPort, kafkaPort, nodeGracePeriod, nodeEviction,
                allowProcessFallback, partitions, controllerCount, schedulerCount, changeLogRetention, metricsInterval,
                hpaSyncPeriod, hpaDownscaleStabilization, proxyMode);
    }

    /** Agents that sample resource use every {@code interval}. */
    public DevClusterOptions withMetricsInterval(Duration interval) {
        return new DevClusterOptions(nodes, dataDir, externalKafka, apiPort, kafkaPort, nodeGracePeriod, nodeEviction,
                allowProcessFallback, partitions, controllers, schedulers, changeLogRetention, interval,
                hpaSyncPeriod, hpaDownscaleStabilization, proxyMode);
    }

    /** The autoscaler controller syncs every {@code syncPeriod} and stabilizes scale-downs over {@code downscaleStabilization}. */
    public DevClusterOptions withAutoscaler(Duration syncPeriod, Duration downscaleStabilization) {
        return new DevClusterOptions(nodes, dataDir, externalKafka, apiPort, kafkaPort, nodeGracePeriod, nodeEviction,
                allowProcessFallback, partitions, controllers, schedulers, changeLogRetention, metricsInterval,
                syncPeriod, downscaleStabilization, proxyMode);
    }

    /** Agents whose node proxies carry Service traffic as {@code mode} says. */
    public DevClusterOptions withProxyMode(ProxyMode mode) {
        return new DevClusterOptions(nodes, dataDir, externalKafka, apiPort, kafkaPort, nodeGracePeriod, nodeEviction,
                allowProcessFallback, partitions, controllers, schedulers, changeLogRetention, metricsInterval,
                hpaSyncPeriod, hpaDownscaleStabilization, mode);
    }

    /** The name of the {@code i}-th node, counting from 1. */
    public static String nodeName(int i) {
        return "node-" + i;
    }

    private static void requireNotNegative(String option, int count) {
        if (count < 0) {
            throw new IllegalArgumentException(option + " must be 0 or more, not " + count);
        }
    }

    private static void checkPort(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " must be a port number (0-65535), not " + port);
        }
    }
}

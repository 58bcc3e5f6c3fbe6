package io.korch.controllers;

import io.korch.controllers.autoscaler.AutoscalerConfig;
import io.korch.controllers.nodelifecycle.NodeEviction;
import io.korch.model.Cidr;
import io.korch.model.ClusterNetwork;
import io.korch.streams.SkipRule;
import io.korch.streams.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run the controllers.
 *
 * @param bootstrapServers the Kafka cluster holding the korch topics
 * @param applicationId    the Kafka Streams application id: consumer group and prefix of the changelog topics;
 *                         the node-lifecycle controller runs as {@link #nodeLifecycleApplicationId()}
 * @param stateDir         where the local state stores live
 * @param nodeGracePeriod  how long a node may stay silent before the node-lifecycle controller declares it NotReady
 * @param nodeEviction     how fast the pods of NotReady nodes are evicted, by disruption mode
 * @param clusterCidr      the pod network, of which the node IPAM controller gives each node a
 *                         {@value ClusterNetwork#NODE_CIDR_PREFIX} share
 * @param autoscaler       how the autoscaler controller syncs, and the API gateway it scales through; it runs as
 *                         {@link #autoscalerApplicationId()}
 */
public record ControllersConfig(String bootstrapServers, String applicationId, Path stateDir, Duration nodeGracePeriod,
                                NodeEviction nodeEviction, Cidr clusterCidr, AutoscalerConfig autoscaler) {

    /** The application id of the standard deployment. */
    public static final String DEFAULT_APPLICATION_ID = "korch-controllers";
    /** The standard node grace period: five missed one-second heartbeats. */
    public static final Duration DEFAULT_NODE_GRACE_PERIOD = Duration.ofSeconds(5);
    /** What {@link #nodeLifecycleApplicationId()} appends to the application id. */
    public static final String NODE_LIFECYCLE_SUFFIX = "-node-lifecycle";
    /** What {@link #networkApplicationId()} appends to the application id. */
    public static final String NETWORK_SUFFIX = "-network";
    /** What {@link #autoscalerApplicationId()} appends to the application id. */
    public static final String AUTOSCALER_SUFFIX = "-autoscaler";
    /**
     * The processing errors the controllers skip: only a {@link ReconcileException}, raised while a
     * step was planned and before it wrote a store or forwarded a record (see {@link Effects}), so
     * skipping its record leaves no partial step behind. Any other error fails the application.
     */
    public static final SkipRule SKIP_RULE = SkipRule.exceptionsOfType(ReconcileException.class);

    public ControllersConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(nodeGracePeriod, "nodeGracePeriod");
        Objects.requireNonNull(nodeEviction, "nodeEviction");
        Objects.requireNonNull(clusterCidr, "clusterCidr");
        Objects.requireNonNull(autoscaler, "autoscaler");
        if (clusterCidr.prefix() > ClusterNetwork.NODE_CIDR_PREFIX) {
            throw new IllegalArgumentException("the cluster CIDR " + clusterCidr + " is smaller than one /"
                    + ClusterNetwork.NODE_CIDR_PREFIX + " node share");
        }
        if (nodeGracePeriod.isNegative() || nodeGracePeriod.isZero()) {
            throw new IllegalArgumentException("nodeGracePeriod must be positive, not " + nodeGracePeriod);
        }
    }

    /** A configuration whose autoscaler controller has Kubernetes' defaults and scales through {@link AutoscalerConfig#DEFAULT_SERVER}. */
    public ControllersConfig(String bootstrapServers, String applicationId, Path stateDir, Duration nodeGracePeriod,
                             NodeEviction nodeEviction, Cidr clusterCidr) {
        this(bootstrapServers, applicationId, stateDir, nodeGracePeriod, nodeEviction, clusterCidr,
                AutoscalerConfig.defaults(AutoscalerConfig.DEFAULT_SERVER));
    }

    /** A configuration with the default cluster CIDR, {@value ClusterNetwork#CLUSTER_CIDR}. */
    public ControllersConfig(String bootstrapServers, String applicationId, Path stateDir, Duration nodeGracePeriod,
                             NodeEviction nodeEviction) {
        this(bootstrapServers, applicationId, stateDir, nodeGracePeriod, nodeEviction,
                Cidr.parse(ClusterNetwork.CLUSTER_CIDR));
    }

    /** A configuration with Kubernetes' default eviction rates and thresholds ({@link NodeEviction#DEFAULTS}). */
    public ControllersConfig(String bootstrapServers, String applicationId, Path stateDir, Duration nodeGracePeriod) {
        this(bootstrapServers, applicationId, stateDir, nodeGracePeriod, NodeEviction.DEFAULTS);
    }

    /** The standard configuration: application id {@value #DEFAULT_APPLICATION_ID}, node grace period 5 s. */
    public static ControllersConfig defaults(String bootstrapServers, Path stateDir) {
        return new ControllersConfig(bootstrapServers, DEFAULT_APPLICATION_ID, stateDir, DEFAULT_NODE_GRACE_PERIOD);
    }

    /** The application id, and consumer group, of the node-lifecycle controller: {@code <applicationId>-node-lifecycle}. */
    public String nodeLifecycleApplicationId() {
        return applicationId + NODE_LIFECYCLE_SUFFIX;
    }

    /** This configuration with the pod network {@code cidr}. */
    public ControllersConfig withClusterCidr(Cidr cidr) {
        return new ControllersConfig(bootstrapServers, applicationId, stateDir, nodeGracePeriod, nodeEviction, cidr,
                autoscaler);
    }

    /** This configuration with the autoscaler controller run by {@code settings}. */
    public ControllersConfig withAutoscaler(AutoscalerConfig settings) {
        return new ControllersConfig(bootstrapServers, applicationId, stateDir, nodeGracePeriod, nodeEviction,
                clusterCidr, settings);
    }

    /** The application id, and consumer group, of the autoscaler controller: {@code <applicationId>-autoscaler}. */
    public String autoscalerApplicationId() {
        return applicationId + AUTOSCALER_SUFFIX;
    }

    /** The Streams settings of the autoscaler controller, as a dynamic group member. */
    public StreamsSettings autoscalerStreams() {
        return new StreamsSettings(bootstrapServers, autoscalerApplicationId(), stateDir, SKIP_RULE);
    }

    /** The application id, and consumer group, of the endpoints and node IPAM controllers: {@code <applicationId>-network}. */
    public String networkApplicationId() {
        return applicationId + NETWORK_SUFFIX;
    }

    /**
     * The Streams settings of the endpoints and node IPAM controllers, as a dynamic group member:
     * those of the controllers under {@link #networkApplicationId()}.
     */
    public StreamsSettings networkStreams() {
        return new StreamsSettings(bootstrapServers, networkApplicationId(), stateDir, SKIP_RULE);
    }

    /** The Streams settings of the deployment and replicaset controllers, as a dynamic group member. */
    public StreamsSettings streams() {
        return new StreamsSettings(bootstrapServers, applicationId, stateDir, SKIP_RULE);
    }

    /**
     * The Streams settings of the node-lifecycle controller, as a dynamic group member: those of the
     * controllers under {@link #nodeLifecycleApplicationId()}, so that it has its own consumer group,
     * thread and commits. It reads every heartbeat, so it is nearly always in a transaction
     * ({@link StreamsSettings#alwaysCommitting}).
     */
    public StreamsSettings nodeLifecycleStreams() {
        return new StreamsSettings(bootstrapServers, nodeLifecycleApplicationId(), stateDir, SKIP_RULE).alwaysCommitting();
    }
}

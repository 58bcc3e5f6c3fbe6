package io.korch.controllers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run the controllers.
 *
 * @param bootstrapServers the Kafka cluster holding the korch topics
 * @param applicationId    the Kafka Streams application id: consumer group and prefix of the changelog topics
 * @param stateDir         where the local state stores live
 * @param nodeGracePeriod  how long a node may stay silent before the node-lifecycle controller declares it NotReady
 */
public record ControllersConfig(String bootstrapServers, String applicationId, Path stateDir, Duration nodeGracePeriod) {

    /** The application id of the standard deployment. */
    public static final String DEFAULT_APPLICATION_ID = "korch-controllers";
    /** The standard node grace period: five missed one-second heartbeats. */
    public static final Duration DEFAULT_NODE_GRACE_PERIOD = Duration.ofSeconds(5);

    public ControllersConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(nodeGracePeriod, "nodeGracePeriod");
        if (nodeGracePeriod.isNegative() || nodeGracePeriod.isZero()) {
            throw new IllegalArgumentException("nodeGracePeriod must be positive, not " + nodeGracePeriod);
        }
    }

    /** The standard configuration: application id {@value #DEFAULT_APPLICATION_ID}, node grace period 5 s. */
    public static ControllersConfig defaults(String bootstrapServers, Path stateDir) {
        return new ControllersConfig(bootstrapServers, DEFAULT_APPLICATION_ID, stateDir, DEFAULT_NODE_GRACE_PERIOD);
    }
}

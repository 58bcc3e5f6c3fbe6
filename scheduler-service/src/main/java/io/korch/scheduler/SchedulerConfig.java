package io.korch.scheduler;

import io.korch.scheduler.framework.NodeSampling;
import io.korch.streams.StreamsSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run the scheduler.
 *
 * @param bootstrapServers the Kafka cluster holding the korch topics
 * @param applicationId    the Kafka Streams application id: consumer group, prefix of internal topics
 * @param stateDir         where the local state stores live
 * @param nodeSampling     how many feasible nodes are enough for one pod in a large cluster
 */
public record SchedulerConfig(String bootstrapServers, String applicationId, Path stateDir, NodeSampling nodeSampling) {

    /** The application id of the standard deployment. */
    public static final String DEFAULT_APPLICATION_ID = "korch-scheduler";

    public SchedulerConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(nodeSampling, "nodeSampling");
    }

    /** A configuration with adaptive node sampling, as kube-scheduler's default. */
    public SchedulerConfig(String bootstrapServers, String applicationId, Path stateDir) {
        this(bootstrapServers, applicationId, stateDir, NodeSampling.ADAPTIVE);
    }

    /** The standard configuration: application id {@value #DEFAULT_APPLICATION_ID}. */
    public static SchedulerConfig defaults(String bootstrapServers, Path stateDir) {
        return new SchedulerConfig(bootstrapServers, DEFAULT_APPLICATION_ID, stateDir);
    }

    /** The Streams settings of the scheduler: a dynamic group member skipping by {@link SchedulerTopology#SKIP_RULE}. */
    public StreamsSettings streams() {
        return new StreamsSettings(bootstrapServers, applicationId, stateDir, SchedulerTopology.SKIP_RULE);
    }
}

package io.korch.cli.commands;

import io.korch.controllers.nodelifecycle.NodeEviction;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The node-lifecycle options of the commands that run the controllers (controllers, dev): the grace
 * period, and how fast the pods of NotReady nodes are evicted, with Kubernetes' names and defaults.
 */
public final class NodeLifecycleOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--node-grace-period", paramLabel = "DURATION", defaultValue = "5s",
            converter = Converters.DurationConverter.class,
            description = "How long a node may miss heartbeats before it is NotReady (default: ${DEFAULT-VALUE}).")
    Duration nodeGracePeriod;

    @Option(names = "--node-eviction-rate", paramLabel = "NODES_PER_S", defaultValue = "0.1",
            description = "Nodes per second whose pods are evicted while few nodes are NotReady (default: ${DEFAULT-VALUE}).")
    double nodeEvictionRate;

    @Option(names = "--secondary-node-eviction-rate", paramLabel = "NODES_PER_S", defaultValue = "0.01",
            description = "Nodes per second whose pods are evicted in a partial disruption of a large cluster; "
                    + "a small one evicts none then (default: ${DEFAULT-VALUE}).")
    double secondaryNodeEvictionRate;

    @Option(names = "--unhealthy-zone-threshold", paramLabel = "FRACTION", defaultValue = "0.55",
            description = "Share of NotReady nodes (more than 2) from which the cluster is in a partial disruption "
                    + "(default: ${DEFAULT-VALUE}).")
    double unhealthyZoneThreshold;

    @Option(names = "--large-cluster-size-threshold", paramLabel = "NODES", defaultValue = "50",
            description = "A cluster of more nodes than this is large: it keeps evicting slowly in a partial disruption "
                    + "(default: ${DEFAULT-VALUE}).")
    int largeClusterSizeThreshold;

    /** How long a node may miss heartbeats before it is NotReady. */
    public Duration nodeGracePeriod() {
        return nodeGracePeriod;
    }

    /**
     * How fast the pods of NotReady nodes are evicted.
     *
     * @throws ParameterException naming the options when a rate or threshold is out of range
     */
    public NodeEviction nodeEviction() {
        try {
            return new NodeEviction(nodeEvictionRate, secondaryNodeEvictionRate, unhealthyZoneThreshold,
                    largeClusterSizeThreshold);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid node eviction options: " + e.getMessage(), e);
        }
    }
}

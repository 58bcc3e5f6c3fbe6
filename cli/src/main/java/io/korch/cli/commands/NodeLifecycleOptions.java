package io.korch.cli.commands;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The node-lifecycle option of the commands that run the controllers (controllers, dev). */
public final class NodeLifecycleOptions {

    @Option(names = "--node-grace-period", paramLabel = "DURATION", defaultValue = "5s",
            converter = Converters.DurationConverter.class,
            description = "How long a node may miss heartbeats before it is NotReady (default: ${DEFAULT-VALUE}).")
    Duration nodeGracePeriod;

    /** How long a node may miss heartbeats before it is NotReady. */
    public Duration nodeGracePeriod() {
        return nodeGracePeriod;
    }
}

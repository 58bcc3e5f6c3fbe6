package io.korch.cli.commands;

import io.korch.agent.hollow.HollowNodes;
import io.korch.agent.hollow.HollowNodesConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code korch hollow-nodes --kafka HOST:PORT --count N}: runs N simulated nodes in this process until
 * stopped, as Kubernetes' kubemark does. They register and heartbeat like real agents and report every pod
 * bound to them Running at once, with no container runtime; for load tests of the control plane.
 */
@Command(name = "hollow-nodes", sortOptions = false,
        description = "Run simulated nodes that register, heartbeat and report their pods Running, without containers.")
public final class HollowNodesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Option(names = "--count", required = true, paramLabel = "N", converter = Converters.PositiveIntConverter.class,
            description = "How many nodes to run.")
    private int count;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = HollowNodesConfig.DEFAULT_PREFIX,
            description = "Start of every node name; nodes are PREFIX1 to PREFIXN (default: ${DEFAULT-VALUE}).")
    private String prefix;

    @Option(names = "--cpu", paramLabel = "QUANTITY", defaultValue = "8", converter = Converters.CpuConverter.class,
            description = "CPU capacity of each node (default: ${DEFAULT-VALUE}).")
    private long cpuMillis;

    @Option(names = "--memory", paramLabel = "QUANTITY", defaultValue = "32Gi",
            converter = Converters.MemoryConverter.class,
            description = "Memory capacity of each node (default: ${DEFAULT-VALUE}).")
    private long memoryBytes;

    @Option(names = "--pods", paramLabel = "N", defaultValue = "110", converter = Converters.PositiveIntConverter.class,
            description = "Pods each node accepts (default: ${DEFAULT-VALUE}).")
    private int pods;

    @Option(names = "--heartbeat-interval", paramLabel = "DURATION", defaultValue = "1s",
            converter = Converters.DurationConverter.class,
            description = "How often every node reports itself (default: ${DEFAULT-VALUE}).")
    private Duration heartbeatInterval;

    @Override
    public Integer call() {
        QuietLogs.apply();
        HollowNodesConfig config = new HollowNodesConfig(kafka.bootstrapServers(), count, prefix, cpuMillis,
                memoryBytes, pods, heartbeatInterval);
        kafka.prepareTopics();
        HollowNodes nodes = HollowNodes.start(config);
        List<String> names = nodes.nodeNames();
        return UntilStopped.announceAndAwait(spec, "hollow-nodes", "korch hollow nodes " + names.get(0) + " to "
                + names.get(names.size() - 1) + " (" + names.size() + ") running against " + kafka.bootstrapServers(),
                nodes::close);
    }
}

package io.korch.cli.commands;

import io.korch.agent.AgentConfig;
import io.korch.agent.NodeAgent;
import io.korch.agent.runtime.ContainerRuntime;
import io.korch.agent.runtime.ContainerRuntimes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code korch agent --kafka HOST:PORT --name NODE}: runs one node agent until stopped. Killing
 * this process is how a node is lost: heartbeats stop, the containers keep running, and the
 * cluster moves the node's pods elsewhere after the grace period.
 */
@Command(name = "agent", sortOptions = false, description = "Run a node agent (the kubelet of korch) for one node.")
public final class AgentCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Option(names = "--name", required = true, paramLabel = "NODE", description = "The node's name.")
    private String name;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A node label. Repeatable.")
    private Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--cpu", paramLabel = "QUANTITY", converter = Converters.CpuConverter.class,
            description = "CPU capacity, e.g. 2 or 1500m (default: the host's processors).")
    private Long cpuMillis;

    @Option(names = "--memory", paramLabel = "QUANTITY", converter = Converters.MemoryConverter.class,
            description = "Memory capacity, e.g. 4Gi (default: the host's memory).")
    private Long memoryBytes;

    @Option(names = "--heartbeat-interval", paramLabel = "DURATION", defaultValue = "1s",
            converter = Converters.DurationConverter.class,
            description = "How often the node reports itself (default: ${DEFAULT-VALUE}).")
    private Duration heartbeatInterval;

    @Option(names = "--metrics-interval", paramLabel = "DURATION", defaultValue = "15s",
            converter = Converters.DurationConverter.class,
            description = "How often the CPU and memory use of the node and its pods is sampled (default: ${DEFAULT-VALUE}).")
    private Duration metricsInterval;

    @Option(names = "--server-port", paramLabel = "PORT", defaultValue = "0",
            description = "The loopback port serving the node's container logs and exec (default: a free port).")
    private int serverPort;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the pods' volumes are kept (default: ~/.korch/agent/NODE).")
    private Path dataDir;

    @Option(names = "--no-proxy", negatable = false,
            description = "Run no node proxy and DNS: the node's pods reach no Service (they need root to run).")
    private boolean noProxy;

    @Mixin
    private ProxyModeOptions proxyMode;

    @Mixin
    private ContainerRuntimeOptions runtimeOptions;

    @Override
    public Integer call() {
        QuietLogs.apply();
        AgentConfig config = new AgentConfig(kafka.bootstrapServers(), name, labels, cpuMillis, memoryBytes,
                heartbeatInterval, dataDir, serverPort).withNodeProxy(!noProxy).withMetricsInterval(metricsInterval)
                .withProxyMode(proxyMode.mode());
        PrintWriter out = spec.commandLine().getOut();
        kafka.prepareTopics();
        ContainerRuntime runtime = ContainerRuntimes.detect(runtimeOptions.allowProcessFallback(), warning -> {
            out.println(warning);
            out.flush();
        });
        NodeAgent agent;
        try {
            agent = NodeAgent.start(config, runtime);
        } catch (RuntimeException e) {
            closeRuntime(runtime, e);
            throw e;
        }
        return UntilStopped.announceAndAwait(spec, "agent",
                "korch agent of node " + agent.nodeName() + " running against " + kafka.bootstrapServers()
                        + " (metrics at " + agent.metricsUrl() + ")", () -> {
                    agent.close();
                    closeRuntime(runtime, null);
                });
    }

    private static void closeRuntime(ContainerRuntime runtime, RuntimeException pending) {
        try {
            runtime.close();
        } catch (Exception e) {
            if (pending != null) {
                pending.addSuppressed(e);
            } else {
                throw new IllegalStateException("cannot close the container runtime: " + e.getMessage(), e);
            }
        }
    }
}

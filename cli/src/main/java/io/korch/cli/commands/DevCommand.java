package io.korch.cli.commands;

import io.korch.cli.KorchCommand;
import io.korch.cli.dev.DevCluster;
import io.korch.cli.dev.DevClusterOptions;
import io.korch.cli.dev.Progress;
import io.korch.topics.TopicAdmin;
import java.io.PrintStream;
import java.time.Duration;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code korch dev}: a whole cluster in this process ({@link DevCluster}) — a real Kafka broker,
 * the gateway, the controllers, the scheduler and N node agents — printing the addresses to use
 * once it is ready, and stopping everything cleanly on Ctrl-C.
 */
@Command(name = "dev", sortOptions = false,
        description = "Start a complete korch cluster in this process: Kafka, API, controllers, scheduler and nodes.")
public final class DevCommand implements Callable<Integer> {

    @ParentCommand
    private KorchCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "2",
            description = "Number of node agents, node-1..node-N; 0 runs none (default: ${DEFAULT-VALUE}).")
    private int nodes;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.korch/dev",
            description = "Where Kafka's data and the state stores are kept across restarts (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster instead of starting a broker in the process.")
    private String externalKafka;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "The API port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    private int apiPort;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
            description = "The embedded Kafka broker's port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    private int kafkaPort;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + TopicAdmin.DEFAULT_PARTITIONS,
            description = "Partitions of each topic, when the topics are created (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--controllers", paramLabel = "N", defaultValue = "1",
            description = "Controller instances run in this process; 0 runs none, so that they run as"
                    + " separate processes (default: ${DEFAULT-VALUE}).")
    private int controllers;

    @Option(names = "--schedulers", paramLabel = "N", defaultValue = "1",
            description = "Scheduler instances run in this process; 0 runs none (default: ${DEFAULT-VALUE}).")
    private int schedulers;

    @Option(names = "--change-log-retention", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "How long korch.changes keeps every change, for watch, history and time travel"
                    + " (for example 7d or 12h; default: 7 days on a new cluster, unchanged on an existing one).")
    private Duration changeLogRetention;

    @Mixin
    private NodeLifecycleOptions nodeLifecycle;

    @Mixin
    private ContainerRuntimeOptions runtimeOptions;

    @Override
    public Integer call() {
        // The progress lines are the dev cluster's report; the services' INFO logs would break them up.
        QuietLogs.apply();
        DevClusterOptions options = new DevClusterOptions(nodes, dataDir, externalKafka, apiPort, kafkaPort,
                nodeLifecycle.nodeGracePeriod(), nodeLifecycle.nodeEviction(), runtimeOptions.allowProcessFallback(),
                partitions, controllers, schedulers, changeLogRetention);
        PrintStream out = root.context().stdout();
        DevCluster cluster = DevCluster.start(options, out);
        cluster.onFailure(component -> UntilStopped.failAndExit(spec.commandLine().getErr(),
                "the " + component + " stopped working (see the log above); stopping korch"));
        out.println();
        out.println("korch API: " + cluster.apiUrl());
        out.println("Kafka bootstrap: " + cluster.bootstrapServers());
        out.println();
        out.println("Try: ./korch get nodes    (or --server " + cluster.apiUrl() + ")");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        return UntilStopped.await("dev", () -> new Progress(out).step("stopping korch", cluster::close),
                spec.commandLine().getErr());
    }
}

package io.korch.cli.commands;

import io.korch.cli.KorchCommand;
import io.korch.cli.dev.DevCluster;
import io.korch.cli.config.KorchHome;
import io.korch.cli.config.KubeConfig;
import io.korch.cli.dev.DevClusterOptions;
import io.korch.cli.dev.DevKubeconfig;
import io.korch.cli.dev.Progress;
import io.korch.topics.TopicAdmin;
import java.io.PrintStream;
import java.time.Duration;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
 *
 * <p>Once the API listens it writes a kubeconfig for the cluster ({@link DevKubeconfig}, by
 * default {@code ~/.korch/dev/kubeconfig}) for kubectl, and merges the same {@code korch-dev}
 * context into {@code ~/.korch/config} for korch, current when no other context is.
 */
@Command(name = "dev", sortOptions = false,
        description = {"Start a complete korch cluster in this process: Kafka, API, controllers, scheduler and nodes.",
                "",
                "Once the API listens, it writes a kubeconfig whose cluster, user and context are named korch-dev"
                        + " (default ~/.korch/dev/kubeconfig; KUBECONFIG=that-file kubectl get pods), and adds the"
                        + " korch-dev context to ~/.korch/config, which korch reads: it becomes the current context"
                        + " when none is set, so plain korch commands talk to this cluster; a context you chose stays"
                        + " current (korch config use-context korch-dev switches). The files stay after Ctrl-C."
                        + " KORCH_HOME moves ~/.korch."})
public final class DevCommand implements Callable<Integer> {

    @ParentCommand
    private KorchCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "2",
            description = "Number of node agents, node-1..node-N; 0 runs none (default: ${DEFAULT-VALUE}).")
    private int nodes;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where Kafka's data and the state stores are kept across restarts (default: ~/.korch/dev).")
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

    @Option(names = "--metrics-interval", paramLabel = "DURATION", defaultValue = "15s",
            converter = Converters.DurationConverter.class,
            description = "How often the agents sample the CPU and memory use of pods and nodes (default: ${DEFAULT-VALUE}).")
    private Duration metricsInterval;

    @Option(names = "--kubeconfig-path", paramLabel = "FILE",
            description = "Where to write the cluster's kubeconfig (default: ~/.korch/dev/kubeconfig).")
    private Path kubeconfigPath;

    @Option(names = "--write-kubeconfig", negatable = true, defaultValue = "true", fallbackValue = "true", arity = "0..1",
            paramLabel = "true|false",
            description = "Write the kubeconfig and add the korch-dev context to ~/.korch/config"
                    + " (default: ${DEFAULT-VALUE}; --write-kubeconfig=false writes neither).")
    private boolean writeKubeconfig;

    @Mixin
    private NodeLifecycleOptions nodeLifecycle;

    @Mixin
    private AutoscalerOptions autoscaler;

    @Mixin
    private ProxyModeOptions proxyMode;

    @Mixin
    private ContainerRuntimeOptions runtimeOptions;

    @Override
    public Integer call() {
        // The progress lines are the dev cluster's report; the services' INFO logs would break them up.
        QuietLogs.apply();
        KorchHome home = root.context().korchHome();
        Path data = dataDir != null ? dataDir : home.devDir();
        DevClusterOptions options = new DevClusterOptions(nodes, data, externalKafka, apiPort, kafkaPort,
                nodeLifecycle.nodeGracePeriod(), nodeLifecycle.nodeEviction(), runtimeOptions.allowProcessFallback(),
                partitions, controllers, schedulers, changeLogRetention, metricsInterval, autoscaler.syncPeriod(),
                autoscaler.downscaleStabilization()).withProxyMode(proxyMode.mode());
        PrintStream out = root.context().stdout();
        DevCluster cluster = DevCluster.start(options, out);
        cluster.onFailure(component -> UntilStopped.failAndExit(spec.commandLine().getErr(),
                "the " + component + " stopped working (see the log above); stopping korch"));
        out.println();
        out.println("korch API: " + cluster.apiUrl());
        out.println("Kafka bootstrap: " + cluster.bootstrapServers());
        out.println("metrics: " + cluster.metricsUrls().entrySet().stream()
                .map(component -> component.getKey() + " " + component.getValue())
                .collect(Collectors.joining(", ")));
        String hint = "./korch get nodes    (or --server " + cluster.apiUrl() + ")";
        if (writeKubeconfig) {
            hint = writeKubeconfigs(cluster.apiUrl(), home, out);
        }
        out.println();
        out.println("Try: " + hint);
        out.println("Press Ctrl-C to stop.");
        out.flush();
        return UntilStopped.await("dev", () -> new Progress(out).step("stopping korch", cluster::close),
                spec.commandLine().getErr());
    }

    /**
     * Writes the standalone kubeconfig and merges the context into korch's config, saying where;
     * returns the command to try.
     */
    private String writeKubeconfigs(String apiUrl, KorchHome home, PrintStream out) {
        Path standalone = (kubeconfigPath != null ? kubeconfigPath : home.devKubeconfig()).toAbsolutePath();
        DevKubeconfig.standalone(apiUrl).write(standalone);
        out.println("kubeconfig: " + standalone + "  (KUBECONFIG=" + standalone + " kubectl get pods)");
        Path korchConfig = home.config();
        DevKubeconfig.Merge merge = DevKubeconfig.merge(KubeConfig.read(korchConfig), apiUrl);
        merge.config().write(korchConfig);
        if (merge.madeCurrent()) {
            out.println("korch context: " + DevKubeconfig.NAME + " (current) in " + korchConfig);
            return "./korch get nodes";
        }
        out.println("korch context: " + DevKubeconfig.NAME + " in " + korchConfig + "; the current context stays \""
                + merge.otherCurrent() + "\" (korch config use-context " + DevKubeconfig.NAME + " switches)");
        return "./korch --context " + DevKubeconfig.NAME + " get nodes";
    }
}

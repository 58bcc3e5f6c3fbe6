package io.korch.cli.commands;

import io.korch.prometheus.MetricsServer;
import io.korch.scheduler.SchedulerApp;
import io.korch.scheduler.SchedulerConfig;
import io.korch.scheduler.framework.NodeSampling;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code korch scheduler --kafka HOST:PORT}: runs the scheduler until stopped. */
@Command(name = "scheduler", sortOptions = false, description = "Run the scheduler (Kafka Streams) against a Kafka cluster.")
public final class SchedulerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Mixin
    private MetricsOptions metrics;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.korch",
            description = "Where the state stores live, under DIR/scheduler (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = SchedulerConfig.DEFAULT_APPLICATION_ID,
            description = "The Kafka Streams application id (default: ${DEFAULT-VALUE}).")
    private String applicationId;

    @Option(names = "--percentage-of-nodes-to-score", paramLabel = "P", defaultValue = "0",
            description = "Stop filtering nodes for a pod once this share of the cluster's nodes fit it, as"
                    + " kube-scheduler does; 0 is adaptive (50% less 1% per 125 nodes, at least 5% or 100 nodes),"
                    + " 100 filters every node (default: ${DEFAULT-VALUE}).")
    private int percentageOfNodesToScore;

    @Override
    public Integer call() {
        kafka.prepareTopics();
        SchedulerApp scheduler = SchedulerApp.start(
                new SchedulerConfig(kafka.bootstrapServers(), applicationId, dataDir.resolve("scheduler"),
                        new NodeSampling(percentageOfNodesToScore)));
        MetricsServer metricsServer;
        try {
            metricsServer = metrics.serve(scheduler.meters());
        } catch (RuntimeException e) {
            scheduler.close();
            throw e;
        }
        scheduler.onFailure(() -> UntilStopped.failAndExit(spec.commandLine().getErr(),
                "the scheduler stopped working (see the log above)"));
        return UntilStopped.announceAndAwait(spec, "scheduler",
                "korch scheduler running against " + kafka.bootstrapServers() + " (metrics at " + metricsServer.url() + ")",
                () -> {
                    metricsServer.close();
                    scheduler.close();
                });
    }
}

package io.korch.cli.commands;

import io.korch.controllers.ControllersApp;
import io.korch.controllers.ControllersConfig;
import io.korch.model.Cidr;
import io.korch.model.ClusterNetwork;
import io.korch.prometheus.MetricsServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code korch controllers --kafka HOST:PORT}: runs the deployment, replicaset, node-lifecycle,
 * endpoints and node IPAM controllers until stopped — the node-lifecycle controller
 * ({@code <application-id>-node-lifecycle}) and the network controllers
 * ({@code <application-id>-network}) as Streams applications of their own beside the others.
 */
@Command(name = "controllers", sortOptions = false,
        description = "Run the controllers (Kafka Streams) against a Kafka cluster.")
public final class ControllersCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.korch",
            description = "Where the state stores live, under DIR/controllers (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Mixin
    private NodeLifecycleOptions nodeLifecycle;

    @Mixin
    private MetricsOptions metrics;

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = ControllersConfig.DEFAULT_APPLICATION_ID,
            description = "The Kafka Streams application id (default: ${DEFAULT-VALUE}).")
    private String applicationId;

    @Option(names = "--cluster-cidr", paramLabel = "CIDR", defaultValue = ClusterNetwork.CLUSTER_CIDR,
            description = "The pod network, of which each node is given a /" + ClusterNetwork.NODE_CIDR_PREFIX
                    + " (default: ${DEFAULT-VALUE}).")
    private String clusterCidr;

    @Option(names = "--server", paramLabel = "URL", defaultValue = "http://localhost:8080",
            description = "The API gateway through which the autoscaler controller sets its targets' scale"
                    + " (default: ${DEFAULT-VALUE}).")
    private URI server;

    @Mixin
    private AutoscalerOptions autoscaler;

    private Cidr parsedClusterCidr() {
        try {
            return Cidr.parse(clusterCidr);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--cluster-cidr: " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        ControllersConfig config = new ControllersConfig(kafka.bootstrapServers(), applicationId,
                dataDir.resolve("controllers"), nodeLifecycle.nodeGracePeriod(), nodeLifecycle.nodeEviction())
                .withClusterCidr(parsedClusterCidr())
                .withAutoscaler(autoscaler.config(server));
        kafka.prepareTopics();
        ControllersApp controllers = ControllersApp.start(config);
        MetricsServer metricsServer;
        try {
            metricsServer = metrics.serve(controllers.meters());
        } catch (RuntimeException e) {
            controllers.close();
            throw e;
        }
        controllers.onFailure(() -> UntilStopped.failAndExit(spec.commandLine().getErr(),
                "the controllers stopped working (see the log above)"));
        return UntilStopped.announceAndAwait(spec, "controllers",
                "korch controllers running against " + kafka.bootstrapServers() + " (metrics at " + metricsServer.url() + ")",
                () -> {
                    metricsServer.close();
                    controllers.close();
                });
    }
}

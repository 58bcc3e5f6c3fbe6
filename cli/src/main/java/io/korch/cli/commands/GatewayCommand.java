package io.korch.cli.commands;

import io.korch.cli.dev.Ports;
import io.korch.gateway.GatewayApp;
import io.korch.gateway.GatewayConfig;
import io.korch.gateway.allocation.ServiceRanges;
import io.korch.model.ClusterNetwork;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code korch gateway --kafka HOST:PORT}: runs the API gateway alone until stopped, allocating
 * Services' cluster IPs from {@code --service-cidr} and node ports from
 * {@code --service-node-port-range}.
 */
@Command(name = "gateway", sortOptions = false, description = "Run the API gateway against a Kafka cluster.")
public final class GatewayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "The HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.korch",
            description = "Where its member of the change log keeps its state, under DIR/gateway-PORT"
                    + " (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--service-cidr", paramLabel = "CIDR", defaultValue = ClusterNetwork.SERVICE_CIDR,
            description = "The Service network ClusterIPs are allocated from; the same on every gateway and node"
                    + " (default: ${DEFAULT-VALUE}).")
    private String serviceCidr;

    @Option(names = "--service-node-port-range", paramLabel = "LOW-HIGH",
            defaultValue = ClusterNetwork.NODE_PORT_MIN + "-" + ClusterNetwork.NODE_PORT_MAX,
            description = "The ports NodePort Services are given (default: ${DEFAULT-VALUE}).")
    private String nodePortRange;

    @Override
    public Integer call() {
        ServiceRanges ranges;
        try {
            ranges = ServiceRanges.parse(serviceCidr, nodePortRange);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Ports.requireFree(host, port, "--port");
        kafka.prepareTopics();
        GatewayApp gateway = GatewayApp.start(new GatewayConfig(kafka.bootstrapServers(), host, port,
                dataDir.resolve("gateway-" + port), ranges));
        return UntilStopped.announceAndAwait(spec, "gateway",
                "korch API: " + gateway.url() + " (metrics at " + gateway.metricsUrl() + ")",
                gateway::close);
    }
}

package io.korch.cli.commands;

import io.korch.cli.dev.Ports;
import io.korch.gateway.GatewayApp;
import io.korch.gateway.GatewayConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code korch gateway --kafka HOST:PORT}: runs the API gateway alone until stopped. */
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

    @Override
    public Integer call() {
        Ports.requireFree(host, port, "--port");
        kafka.prepareTopics();
        GatewayApp gateway = GatewayApp.start(new GatewayConfig(kafka.bootstrapServers(), host, port,
                dataDir.resolve("gateway-" + port)));
        return UntilStopped.announceAndAwait(spec, "gateway", "korch API: " + gateway.url(), gateway::close);
    }
}

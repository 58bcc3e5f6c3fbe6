package io.korch.cli.commands;

import io.korch.prometheus.MetricsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Option;

/** Where a service without an HTTP server of its own (the controllers, the scheduler) serves {@code GET /metrics}. */
public final class MetricsOptions {

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "0",
            description = "The port of GET /metrics, in the Prometheus text format; 0 picks a free one, printed at"
                    + " start (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The address GET /metrics listens on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
    String host;

    /** Serves {@code registry} where the options say. */
    public MetricsServer serve(PrometheusMeterRegistry registry) {
        return MetricsServer.start(host, port, registry);
    }
}

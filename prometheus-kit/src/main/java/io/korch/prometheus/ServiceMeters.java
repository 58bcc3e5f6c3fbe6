package io.korch.prometheus;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The meter registry of one korch service instance (a gateway, a controllers instance, a
 * scheduler, a node agent): what its {@code GET /metrics} serves, in the Prometheus text format.
 *
 * <p>Each instance has a registry of its own, so that several of them in one JVM ({@code korch
 * dev}) each show only their own counts; the JVM and process basics (memory, threads, CPU,
 * uptime) are in every one of them. Meters are named in Micrometer's dotted style
 * ({@code korch.apiserver.request}); the registry writes them the Prometheus way
 * ({@code korch_apiserver_request_total}, {@code _seconds} for timers).
 */
public final class ServiceMeters {

    /**
     * The upper bounds of the buckets of every latency histogram, from 1 ms to 30 s: bounded, so
     * that a histogram has 16 series per set of labels, whatever the service measures.
     */
    public static final Duration[] LATENCY_BUCKETS = Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500,
            5000, 10000, 30000).map(Duration::ofMillis).toArray(Duration[]::new);

    private ServiceMeters() {
    }

    /** A new registry holding the JVM and process basics. */
    public static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }
}

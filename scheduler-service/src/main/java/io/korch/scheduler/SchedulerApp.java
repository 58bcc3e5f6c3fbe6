package io.korch.scheduler;

import io.korch.scheduler.metrics.SchedulingMeters;
import io.korch.scheduler.view.ClusterView;
import io.korch.serde.KafkaSchemaStore;
import io.korch.prometheus.ServiceMeters;
import io.korch.streams.StreamsClient;
import io.korch.streams.StreamsMeters;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.korch.streams.StreamsConfigs;
import io.korch.streams.StreamsRole;
import io.korch.topics.TopicAdmin;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.apache.kafka.streams.KafkaStreams.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scheduler: checks that its input topics are co-partitioned, publishes the writer
 * schemas, starts the {@link SchedulerTopology} as a Kafka Streams application
 * ({@link StreamsClient}) and stops it on {@link #close()}. Assumes the korch topics exist.
 *
 * <p>An unexpected error in the stream thread shuts the Streams client down (state ERROR): that is
 * logged at ERROR, {@link #healthy()} turns false and the hooks given to {@link #onFailure} run, so
 * the launcher can stop the process rather than live on without placing pods.
 */
public final class SchedulerApp implements AutoCloseable {

    /** How long {@link #start} waits for the application to reach RUNNING. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final StreamsRole ROLE = new StreamsRole("scheduler", "no pod is placed",
            STARTUP_TIMEOUT, CLOSE_TIMEOUT);
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerApp.class);

    private final StreamsClient streams;
    private final PrometheusMeterRegistry meters;

    private SchedulerApp(StreamsClient streams, PrometheusMeterRegistry meters) {
        this.streams = streams;
        this.meters = meters;
    }

    /** This instance's meters ({@code korch_scheduler_schedule_attempts_total}, consumer lag, ...), for {@code GET /metrics}. */
    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /**
     * Starts the scheduler and returns once it is RUNNING.
     *
     * @throws IllegalStateException when its topics are not co-partitioned, or the scheduler
     *     fails or does not reach RUNNING within {@link #STARTUP_TIMEOUT}
     */
    public static SchedulerApp start(SchedulerConfig config) {
        return start(config, Clock.systemUTC(), new Random());
    }

    /** Starts the scheduler with the given clock and tie-breaking generator; see {@link #start(SchedulerConfig)}. */
    public static SchedulerApp start(SchedulerConfig config, Clock clock, RandomGenerator random) {
        try {
            TopicAdmin.requireCoPartitioned(config.bootstrapServers(), SchedulerTopology.INPUTS, "scheduler");
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cannot start the scheduler: " + e.getMessage(), e);
        }
        KafkaSchemaStore.publishAndInstall(config.bootstrapServers());
        PrometheusMeterRegistry meters = ServiceMeters.registry();
        StreamsClient streams = StreamsClient.start(ROLE, SchedulerTopology.topology(clock,
                StandardPipeline.create(random, config.nodeSampling()), new ClusterView()),
                new SchedulingMeters(meters).addTo(StreamsMeters.withRegistry(StreamsConfigs.of(config.streams()), meters)));
        LOG.info("scheduler running against {}", config.bootstrapServers());
        return new SchedulerApp(streams, meters);
    }

    /** The state of the underlying Streams application. */
    public State state() {
        return streams.state();
    }

    /**
     * True while the scheduler places pods: its Streams application is running or rebalancing.
     * False once it failed (state ERROR) or was closed.
     */
    public boolean healthy() {
        return streams.healthy();
    }

    /**
     * Runs {@code hook} once if the scheduler fails after start (its Streams application reaches
     * ERROR or stops without {@link #close()}), or at once if it already has. The hook runs on a
     * thread of its own, so it may {@link #close()} this scheduler or stop the process. Closing the
     * scheduler does not run it.
     */
    public void onFailure(Runnable hook) {
        streams.onFailure(Objects.requireNonNull(hook, "hook"));
    }

    /**
     * Stops scheduling and leaves the consumer group, so a scheduler started next takes over at
     * once instead of after the session timeout. Bindings and assignments already written stay in
     * Kafka.
     */
    @Override
    public void close() {
        streams.close();
    }
}

package io.korch.scheduler;

import io.korch.serde.KafkaSchemaStore;
import io.korch.topics.TopicAdmin;
import io.korch.scheduler.view.ClusterView;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scheduler: checks that its input topics have one partition each, publishes the writer
 * schemas, starts the {@link SchedulerTopology} as a Kafka Streams application and stops it on
 * {@link #close()}. Assumes the korch topics exist.
 *
 * <p>An unexpected error in the stream thread shuts the Streams client down (state ERROR): that is
 * logged at ERROR, {@link #healthy()} turns false and the hooks given to {@link #onFailure} run, so
 * the launcher can stop the process rather than live on without placing pods.
 */
public final class SchedulerApp implements AutoCloseable {

    /** How long {@link #start} waits for the application to reach RUNNING. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerApp.class);

    private final KafkaStreams streams;
    private final FailureWatch failures;

    private SchedulerApp(KafkaStreams streams, FailureWatch failures) {
        this.streams = streams;
        this.failures = failures;
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
        KafkaStreams streams = new KafkaStreams(SchedulerTopology.topology(clock,
                StandardPipeline.create(random, config.nodeSampling()), new ClusterView()), StreamsConfigs.of(config));
        CountDownLatch settled = new CountDownLatch(1);
        FailureWatch failures = new FailureWatch();
        streams.setStateListener((newState, oldState) -> {
            LOG.info("scheduler {} -> {}", oldState, newState);
            failures.onChange(newState, oldState);
            if (newState == State.RUNNING || newState == State.ERROR || newState == State.PENDING_SHUTDOWN) {
                settled.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("scheduler stopped by an unexpected error", e);
            failures.uncaught(e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        try {
            if (!settled.await(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw startFailed(streams, "it did not reach RUNNING within " + STARTUP_TIMEOUT.toSeconds()
                        + " s (state " + streams.state() + "); is Kafka reachable at " + config.bootstrapServers()
                        + " and do the korch topics exist?", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw startFailed(streams, "interrupted while starting", e);
        }
        if (streams.state() != State.RUNNING) {
            throw startFailed(streams, "it stopped in state " + streams.state(), failures.cause());
        }
        LOG.info("scheduler running against {}", config.bootstrapServers());
        return new SchedulerApp(streams, failures);
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
        return streams.state().isRunningOrRebalancing() && !failures.failed();
    }

    /**
     * Runs {@code hook} once if the scheduler fails after start (its Streams application reaches
     * ERROR), or at once if it already has. The hook runs on a thread of its own, so it may
     * {@link #close()} this scheduler or stop the process. Closing the scheduler does not run it.
     */
    public void onFailure(Runnable hook) {
        failures.onFailure(Objects.requireNonNull(hook, "hook"));
    }

    /**
     * Stops scheduling and leaves the consumer group, so a scheduler started next takes over at
     * once instead of after the session timeout. Bindings and assignments already written stay in
     * Kafka.
     */
    @Override
    public void close() {
        closeAndLeave(streams);
    }

    private static void closeAndLeave(KafkaStreams streams) {
        streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true));
    }

    private static IllegalStateException startFailed(KafkaStreams streams, String why, Throwable cause) {
        closeAndLeave(streams);
        return new IllegalStateException("cannot start the scheduler: " + why, cause);
    }
}

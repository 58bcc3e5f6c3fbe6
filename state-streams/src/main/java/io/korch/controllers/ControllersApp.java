package io.korch.controllers;

import io.korch.serde.KafkaSchemaStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the controllers ({@link ControllersTopology}) as one Kafka Streams application: publishes the
 * writer schemas, starts the streams client as a static group member whose identity is kept in the
 * state directory, waits until it runs, and stops it on {@link #close()}. An unexpected error in a
 * stream thread is logged and shuts the client down.
 */
public final class ControllersApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControllersApp.class);
    /** Bounds {@link #start}: joining the group, creating changelog topics, restoring stores. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;

    private ControllersApp(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * Starts the controllers and returns once the streams application is RUNNING. The korch topics
     * must exist.
     *
     * @throws IllegalStateException with the reason when it fails or does not run within 90 seconds
     */
    public static ControllersApp start(ControllersConfig config) {
        KafkaSchemaStore.publishAndInstall(config.bootstrapServers());
        String instanceId = InstanceId.of(config.stateDir(), config.applicationId());
        KafkaStreams streams =
                new KafkaStreams(ControllersTopology.topology(config), StreamsConfigs.of(config, instanceId));
        CompletableFuture<Void> running = new CompletableFuture<>();
        streams.setStateListener((newState, oldState) -> {
            LOG.debug("controllers: {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.RUNNING) {
                running.complete(null);
            } else if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.PENDING_ERROR) {
                running.completeExceptionally(new IllegalStateException("the controllers stopped with an error"));
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("controllers failed; shutting them down", e);
            running.completeExceptionally(e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        try {
            running.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            streams.close(CLOSE_TIMEOUT);
            throw new IllegalStateException("interrupted while starting the controllers", e);
        } catch (ExecutionException e) {
            streams.close(CLOSE_TIMEOUT);
            throw new IllegalStateException("the controllers failed to start on " + config.bootstrapServers()
                    + " (do the korch topics exist?): " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            streams.close(CLOSE_TIMEOUT);
            throw new IllegalStateException("the controllers did not reach RUNNING within "
                    + START_TIMEOUT.toSeconds() + " s on " + config.bootstrapServers() + "; state " + streams.state(), e);
        }
        LOG.info("controllers running (application id {}, node grace period {})",
                config.applicationId(), config.nodeGracePeriod());
        return new ControllersApp(streams);
    }

    /** The state of the streams client: RUNNING or REBALANCING while healthy. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Stops the controllers, committing what they processed. The instance leaves the consumer group
     * at once, so another instance, or this one restarted, takes its tasks over without waiting for
     * the 45 s the broker takes to give a silent member up, during which no controller would run.
     */
    @Override
    public void close() {
        streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true));
    }
}

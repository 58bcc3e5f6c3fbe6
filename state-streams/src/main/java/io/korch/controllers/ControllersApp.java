package io.korch.controllers;

import io.korch.serde.KafkaSchemaStore;
import io.korch.topics.TopicAdmin;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the controllers ({@link ControllersTopology}) as one Kafka Streams application: checks that
 * every input topic has one partition, publishes the writer schemas, starts the streams client as a
 * static group member whose identity is kept in the state directory, waits until it runs, and stops
 * it on {@link #close()}. An unexpected error in a stream thread is logged and shuts the client down;
 * a client that reaches ERROR, or stops without {@link #close()}, is no longer {@link #healthy()},
 * is logged at ERROR and calls the {@link #onFailure} listeners, so that the launcher can stop the
 * process instead of living on without controllers.
 */
public final class ControllersApp implements AutoCloseable {

    /** Bounds {@link #start}: joining the group, creating changelog topics, restoring stores. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(ControllersApp.class);

    private final KafkaStreams streams;
    private final StreamsHealth health;

    private ControllersApp(KafkaStreams streams, StreamsHealth health) {
        this.streams = streams;
        this.health = health;
    }

    /**
     * Starts the controllers and returns once the streams application is RUNNING. The korch topics
     * must exist, each input topic ({@link ControllersTopology#INPUT_TOPICS}) with one partition.
     *
     * @throws IllegalStateException with the reason when an input topic is missing or has several
     *                               partitions, or the application fails or does not run within 90 seconds
     */
    public static ControllersApp start(ControllersConfig config) {
        return start(config, Ids.random());
    }

    /** {@link #start(ControllersConfig)}, taking uids and pod name suffixes from {@code ids}. */
    static ControllersApp start(ControllersConfig config, Ids ids) {
        TopicAdmin.requireCoPartitioned(config.bootstrapServers(), ControllersTopology.INPUT_TOPICS, "controllers");
        KafkaSchemaStore.publishAndInstall(config.bootstrapServers());
        String instanceId = InstanceId.of(config.stateDir(), config.applicationId());
        KafkaStreams streams =
                new KafkaStreams(ControllersTopology.topology(config, ids), StreamsConfigs.of(config, instanceId));
        StreamsHealth health = new StreamsHealth(StreamsHealth::onNewThread);
        streams.setStateListener(health);
        streams.setUncaughtExceptionHandler(health::uncaught);
        streams.start();
        try {
            health.running().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAfterFailedStart(streams, health);
            throw new IllegalStateException("interrupted while starting the controllers", e);
        } catch (ExecutionException e) {
            closeAfterFailedStart(streams, health);
            throw new IllegalStateException("the controllers failed to start on " + config.bootstrapServers()
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            closeAfterFailedStart(streams, health);
            throw new IllegalStateException("the controllers did not reach RUNNING within "
                    + START_TIMEOUT.toSeconds() + " s on " + config.bootstrapServers() + "; state " + streams.state(), e);
        }
        LOG.info("controllers running (application id {}, node grace period {})",
                config.applicationId(), config.nodeGracePeriod());
        return new ControllersApp(streams, health);
    }

    private static void closeAfterFailedStart(KafkaStreams streams, StreamsHealth health) {
        health.closing();
        streams.close(CLOSE_TIMEOUT);
    }

    /** The state of the streams client: RUNNING or REBALANCING while healthy. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Whether the controllers run: the streams client is RUNNING or REBALANCING and has never
     * reached ERROR. False for good once they failed, and after {@link #close()}.
     */
    public boolean healthy() {
        return health.healthy();
    }

    /**
     * Runs {@code listener} once, on a thread of its own, when the streams client reaches ERROR or
     * shuts down without {@link #close()}; at once if that already happened. A launcher uses it to
     * stop the process, since a failed client never recovers by itself.
     */
    public void onFailure(Runnable listener) {
        health.onFailure(listener);
    }

    /**
     * Stops the controllers, committing what they processed. The instance leaves the consumer group
     * at once, so another instance, or this one restarted, takes its tasks over without waiting for
     * the 45 s the broker takes to give a silent member up, during which no controller would run.
     */
    @Override
    public void close() {
        health.closing();
        streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true));
    }
}

package io.korch.streams;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.Topology;

/**
 * One running Kafka Streams client of a korch service: {@link #start} creates it from a topology
 * and its configuration, wires its {@link StreamsHealth} in as state listener and uncaught
 * exception handler, and returns once it is RUNNING ({@link #launch} and {@link #awaitRunning}
 * do the same in two steps); {@link #close()} stops it and leaves the group.
 *
 * <p>An unexpected error in a stream thread is logged and shuts the client down; a client that
 * reaches ERROR, or stops without {@link #close()}, is no longer {@link #healthy()} and calls its
 * {@link #onFailure} listeners once, so that the launcher can stop the process instead of living on
 * without it.
 */
public final class StreamsClient implements AutoCloseable {

    private final StreamsRole role;
    private final KafkaStreams streams;
    private final StreamsHealth health;
    /** The bootstrap servers, for the messages of a failed start. */
    private final Object kafka;
    private final List<Meter> meters = new ArrayList<>();
    private MeterRegistry registry;

    private StreamsClient(StreamsRole role, KafkaStreams streams, StreamsHealth health, Object kafka) {
        this.role = role;
        this.streams = streams;
        this.health = health;
        this.kafka = kafka;
    }

    /**
     * Starts {@code topology} with {@code props} and returns once it is RUNNING. When {@code props}
     * hold a meter registry ({@link StreamsMeters#withRegistry}), the client's meters are in it until {@link #close()}.
     *
     * @throws IllegalStateException with the reason when the client fails, or does not reach
     *                               RUNNING within the role's start timeout; it is closed then
     */
    public static StreamsClient start(StreamsRole role, Topology topology, Properties props) {
        return launch(role, topology, props).awaitRunning();
    }

    /**
     * Starts {@code topology} with {@code props} and returns at once, for a service that starts
     * several clients together and then waits for each ({@link #awaitRunning}): their group joins
     * and store restores overlap instead of adding up.
     */
    public static StreamsClient launch(StreamsRole role, Topology topology, Properties props) {
        KafkaStreams streams = new KafkaStreams(topology, props);
        StreamsHealth health = new StreamsHealth(role);
        streams.setStateListener(health);
        streams.setUncaughtExceptionHandler(health::uncaught);
        StreamsClient client = new StreamsClient(role, streams, health, props.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        streams.start();
        client.registry = StreamsMeters.registryOf(props);
        if (client.registry != null) {
            client.meters.addAll(StreamsMeters.bind(client, props, client.registry));
        }
        return client;
    }

    /**
     * Returns this client once it is RUNNING.
     *
     * @throws IllegalStateException with the reason when the client fails, or does not reach
     *                               RUNNING within the role's start timeout; it is closed then
     */
    public StreamsClient awaitRunning() {
        try {
            health.running().get(role.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return this;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw startFailed("interrupted while starting", e);
        } catch (ExecutionException e) {
            throw startFailed("it failed on " + kafka + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw startFailed("it did not reach RUNNING within " + role.startTimeout().toSeconds()
                    + " s (state " + streams.state() + "); is Kafka reachable at " + kafka
                    + " and do the korch topics exist?", e);
        }
    }

    /** The state of the client: RUNNING or REBALANCING while healthy. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * The offsets this client's own active tasks last committed, per input partition: what its
     * stores hold, as far as this instance knows. A task that moved to another instance, or that this
     * instance lost without noticing yet, shows this instance's view, never the group's.
     */
    public Map<TopicPartition, Long> committedOffsetsOfActiveTasks() {
        Map<TopicPartition, Long> committed = new HashMap<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                committed.putAll(task.committedOffsets());
            }
        }
        return committed;
    }

    /** The client's Kafka metrics: of its consumers, producers and stream threads. */
    public Map<MetricName, ? extends Metric> metrics() {
        return streams.metrics();
    }

    /** Whether the client runs or rebalances and has never failed; false for good once it failed, and after {@link #close()}. */
    public boolean healthy() {
        return health.healthy();
    }

    /**
     * Runs {@code listener} once, on a thread of its own, when the client reaches ERROR or shuts
     * down without {@link #close()}; at once if that already happened. Closing the client does not run it.
     */
    public void onFailure(Runnable listener) {
        health.onFailure(listener);
    }

    /**
     * Stops the client, committing what it processed, and leaves the consumer group at once, so
     * another instance, or this one restarted, takes its tasks over without waiting for the broker
     * to give a silent member up.
     */
    @Override
    public void close() {
        health.closing();
        meters.forEach(meter -> registry.remove(meter));
        meters.clear();
        streams.close(new KafkaStreams.CloseOptions().timeout(role.closeTimeout()).leaveGroup(true));
    }

    /**
     * Closes {@code clients} at the same time, each on a thread of its own, as {@link #close()} does;
     * returns once all are closed. Several clients of one service commit and leave their groups in
     * parallel instead of one after the other.
     */
    public static void closeAll(List<StreamsClient> clients) {
        List<Thread> closing = clients.stream()
                .map(client -> new Thread(client::close, "korch-close-" + client.role.name()))
                .toList();
        closing.forEach(Thread::start);
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private IllegalStateException startFailed(String why, Throwable cause) {
        close();
        return new IllegalStateException("cannot start the " + role.name() + ": " + why, cause);
    }
}

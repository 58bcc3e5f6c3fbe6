package io.korch.controllers;

import io.korch.controllers.nodelifecycle.CommittedReadPositions;
import io.korch.controllers.nodelifecycle.NodeLifecycleController;
import io.korch.serde.KafkaSchemaStore;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the controllers as two Kafka Streams applications side by side: the node-lifecycle
 * controller ({@link NodeLifecycleController#topology}, application id
 * {@link ControllersConfig#nodeLifecycleApplicationId()}) with the {@link CommittedReadPositions}
 * it judges silence by, and the deployment and replicaset controllers ({@link ControllersTopology}).
 * Apart, the node-lifecycle controller has its own consumer group, thread and commits, so a backlog
 * of the others never delays its reading of heartbeats.
 *
 * <p>It checks that every input topic has one partition, publishes the writer schemas, starts each
 * streams client as a static group member whose identity is kept in the state directory, waits
 * until both run, and stops them on {@link #close()}. An unexpected error in a stream thread is
 * logged and shuts that client down; a client that reaches ERROR, or stops without {@link #close()},
 * makes the controllers no longer {@link #healthy()}, is logged at ERROR and calls the
 * {@link #onFailure} listeners once, so that the launcher can stop the process instead of living on
 * with part of the controllers.
 */
public final class ControllersApp implements AutoCloseable {

    /** Bounds {@link #start}: joining the group, creating changelog topics, restoring stores. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(ControllersApp.class);

    /** One running streams client and what follows its health. */
    private record Client(String name, KafkaStreams streams, StreamsHealth health) {

        void close() {
            health.closing();
            streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true));
        }
    }

    private final Client nodeLifecycle;
    private final CommittedReadPositions readPositions;
    private final Client controllers;

    private ControllersApp(Client nodeLifecycle, CommittedReadPositions readPositions, Client controllers) {
        this.nodeLifecycle = nodeLifecycle;
        this.readPositions = readPositions;
        this.controllers = controllers;
    }

    /**
     * Starts the controllers and returns once both streams applications are RUNNING. The korch
     * topics must exist, each input topic ({@link ControllersTopology#INPUT_TOPICS},
     * {@link NodeLifecycleController#INPUTS}) with one partition.
     *
     * @throws IllegalStateException with the reason when an input topic is missing or has several
     *                               partitions, or an application fails or does not run within 90 seconds
     */
    public static ControllersApp start(ControllersConfig config) {
        return start(config, Ids.random());
    }

    /** {@link #start(ControllersConfig)}, taking uids and pod name suffixes from {@code ids}. */
    static ControllersApp start(ControllersConfig config, Ids ids) {
        List<Topic<?, ?>> inputs = new ArrayList<>(NodeLifecycleController.INPUTS);
        inputs.addAll(ControllersTopology.INPUT_TOPICS);
        TopicAdmin.requireCoPartitioned(config.bootstrapServers(), inputs, "controllers");
        KafkaSchemaStore.publishAndInstall(config.bootstrapServers());
        CommittedReadPositions readPositions = CommittedReadPositions.start(
                config.bootstrapServers(), config.nodeLifecycleApplicationId(), Topics.NODES.name());
        Client nodeLifecycle;
        try {
            nodeLifecycle = startClient("node-lifecycle controller", config,
                    NodeLifecycleController.topology(config.nodeGracePeriod(), config.nodeEviction(), readPositions),
                    StreamsConfigs.nodeLifecycle(config,
                            InstanceId.of(config.stateDir(), config.nodeLifecycleApplicationId())));
        } catch (RuntimeException e) {
            readPositions.close();
            throw e;
        }
        Client controllers;
        try {
            controllers = startClient("controllers", config, ControllersTopology.topology(config, ids),
                    StreamsConfigs.of(config, InstanceId.of(config.stateDir(), config.applicationId())));
        } catch (RuntimeException e) {
            nodeLifecycle.close();
            readPositions.close();
            throw e;
        }
        LOG.info("controllers running (application ids {} and {}, node grace period {}, {})",
                config.applicationId(), config.nodeLifecycleApplicationId(), config.nodeGracePeriod(),
                config.nodeEviction());
        return new ControllersApp(nodeLifecycle, readPositions, controllers);
    }

    private static Client startClient(String name, ControllersConfig config, Topology topology, Properties props) {
        KafkaStreams streams = new KafkaStreams(topology, props);
        StreamsHealth health = new StreamsHealth(name, StreamsHealth::onNewThread);
        streams.setStateListener(health);
        streams.setUncaughtExceptionHandler(health::uncaught);
        streams.start();
        Client client = new Client(name, streams, health);
        try {
            health.running().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return client;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new IllegalStateException("interrupted while starting the " + name, e);
        } catch (ExecutionException e) {
            client.close();
            throw new IllegalStateException("the " + name + " failed to start on " + config.bootstrapServers()
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            client.close();
            throw new IllegalStateException("the " + name + " did not reach RUNNING within "
                    + START_TIMEOUT.toSeconds() + " s on " + config.bootstrapServers() + "; state " + streams.state(), e);
        }
    }

    /** The state of the deployment and replicaset controllers' streams client: RUNNING or REBALANCING while healthy. */
    public KafkaStreams.State state() {
        return controllers.streams().state();
    }

    /** The state of the node-lifecycle controller's streams client. */
    public KafkaStreams.State nodeLifecycleState() {
        return nodeLifecycle.streams().state();
    }

    /**
     * Whether the controllers run: both streams clients are RUNNING or REBALANCING and neither has
     * ever reached ERROR. False for good once one failed, and after {@link #close()}.
     */
    public boolean healthy() {
        return nodeLifecycle.health().healthy() && controllers.health().healthy();
    }

    /**
     * Runs {@code listener} once, on a thread of its own, when either streams client reaches ERROR
     * or shuts down without {@link #close()}; at once if that already happened. A launcher uses it
     * to stop the process, since a failed client never recovers by itself.
     */
    public void onFailure(Runnable listener) {
        AtomicBoolean ran = new AtomicBoolean();
        Runnable once = () -> {
            if (ran.compareAndSet(false, true)) {
                listener.run();
            }
        };
        nodeLifecycle.health().onFailure(once);
        controllers.health().onFailure(once);
    }

    /**
     * Stops the controllers, committing what they processed, then the node-lifecycle controller.
     * Each instance leaves its consumer group at once, so another instance, or this one restarted,
     * takes its tasks over without waiting for the 45 s the broker takes to give a silent member
     * up, during which no controller would run.
     */
    @Override
    public void close() {
        controllers.close();
        nodeLifecycle.close();
        readPositions.close();
    }
}

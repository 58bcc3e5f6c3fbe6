package io.korch.controllers;

import io.korch.controllers.autoscaler.AutoscalerController;
import io.korch.controllers.autoscaler.HttpScaleClient;
import io.korch.controllers.nodelifecycle.CommittedReadPositions;
import io.korch.controllers.nodelifecycle.NodeLifecycleController;
import io.korch.serde.KafkaSchemaStore;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import io.korch.prometheus.ServiceMeters;
import io.korch.streams.StreamsClient;
import io.korch.streams.StreamsMeters;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.korch.streams.StreamsConfigs;
import io.korch.streams.StreamsRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the controllers as four Kafka Streams applications side by side: the node-lifecycle
 * controller ({@link NodeLifecycleController#topology}, application id
 * {@link ControllersConfig#nodeLifecycleApplicationId()}) with the {@link CommittedReadPositions}
 * it judges silence by, the deployment and replicaset controllers ({@link ControllersTopology}),
 * and the network controllers, endpoints and node IPAM ({@link NetworkTopology}, application id
 * {@link ControllersConfig#networkApplicationId()}), and the autoscaler controller
 * ({@link AutoscalerController}, application id {@link ControllersConfig#autoscalerApplicationId()}),
 * which scales Deployments through the API gateway. Apart, each has its own consumer group,
 * thread and commits, so a backlog of the others never delays its reading of heartbeats or of
 * pods' readiness.
 *
 * <p>It checks that the input topics are co-partitioned, publishes the writer schemas, starts each
 * streams client ({@link StreamsClient}) as a static group member whose identity is kept in the
 * state directory, all at once, waits until all run, and stops them on {@link #close()}. A client that fails
 * makes the controllers no longer {@link #healthy()} and calls the {@link #onFailure} listeners
 * once, so that the launcher can stop the process instead of living on with part of the controllers.
 */
public final class ControllersApp implements AutoCloseable {

    /** Bounds the start of each client: joining the group, creating changelog topics, restoring stores. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final StreamsRole NODE_LIFECYCLE = new StreamsRole("node-lifecycle controller",
            "no node is judged Ready or NotReady and no pod is evicted", START_TIMEOUT, CLOSE_TIMEOUT);
    private static final StreamsRole CONTROLLERS = new StreamsRole("controllers",
            "no Deployment or ReplicaSet is reconciled", START_TIMEOUT, CLOSE_TIMEOUT);
    private static final StreamsRole NETWORK = new StreamsRole("network controllers",
            "no EndpointSlice follows its pods and no node is given its pod CIDR", START_TIMEOUT, CLOSE_TIMEOUT);
    private static final StreamsRole AUTOSCALER = new StreamsRole("autoscaler controller",
            "no HorizontalPodAutoscaler scales its target", START_TIMEOUT, CLOSE_TIMEOUT);

    private static final Logger LOG = LoggerFactory.getLogger(ControllersApp.class);

    private final StreamsClient nodeLifecycle;
    private final CommittedReadPositions readPositions;
    private final StreamsClient controllers;
    private final StreamsClient network;
    private final StreamsClient autoscaler;
    private final PrometheusMeterRegistry meters;

    private ControllersApp(StreamsClient nodeLifecycle, CommittedReadPositions readPositions,
                           StreamsClient controllers, StreamsClient network, StreamsClient autoscaler,
                           PrometheusMeterRegistry meters) {
        this.meters = meters;
        this.nodeLifecycle = nodeLifecycle;
        this.readPositions = readPositions;
        this.controllers = controllers;
        this.network = network;
        this.autoscaler = autoscaler;
    }

    /**
     * Starts the controllers and returns once the four streams applications are RUNNING. The korch
     * topics must exist, the input topics ({@link ControllersTopology#INPUT_TOPICS},
     * {@link NodeLifecycleController#INPUTS}, {@link NetworkTopology#INPUT_TOPICS}) co-partitioned.
     *
     * @throws IllegalStateException with the reason when an input topic is missing or not
     *                               co-partitioned, or an application fails or does not run within 90 seconds
     */
    public static ControllersApp start(ControllersConfig config) {
        return start(config, Ids.random());
    }

    /** {@link #start(ControllersConfig)}, taking uids and pod name suffixes from {@code ids}. */
    static ControllersApp start(ControllersConfig config, Ids ids) {
        List<Topic<?, ?>> inputs = new ArrayList<>(NodeLifecycleController.INPUTS);
        inputs.addAll(ControllersTopology.INPUT_TOPICS);
        inputs.addAll(NetworkTopology.INPUT_TOPICS);
        inputs.addAll(AutoscalerController.INPUTS);
        TopicAdmin.requireCoPartitioned(config.bootstrapServers(), inputs, "controllers");
        KafkaSchemaStore.publishAndInstall(config.bootstrapServers());
        PrometheusMeterRegistry meters = ServiceMeters.registry();
        // the heartbeat log standing still for half a grace period is the log's fault, not the nodes'
        CommittedReadPositions readPositions = CommittedReadPositions.start(config.bootstrapServers(),
                config.nodeLifecycleApplicationId(), Topics.NODES.name(), config.nodeGracePeriod().dividedBy(2));
        // the four clients join their groups and restore their stores at the same time
        List<StreamsClient> launched = new ArrayList<>();
        StreamsClient nodeLifecycle;
        StreamsClient controllers;
        StreamsClient network;
        StreamsClient autoscaler;
        try {
            nodeLifecycle = launch(launched, NODE_LIFECYCLE,
                    NodeLifecycleController.topology(config.nodeGracePeriod(), config.nodeEviction(), readPositions),
                    StreamsMeters.withRegistry(StreamsConfigs.of(config.nodeLifecycleStreams().asStaticMember()), meters));
            controllers = launch(launched, CONTROLLERS, ControllersTopology.topology(config, ids),
                    StreamsMeters.withRegistry(StreamsConfigs.of(config.streams().asStaticMember()), meters));
            network = launch(launched, NETWORK, NetworkTopology.topology(config, ids),
                    StreamsMeters.withRegistry(StreamsConfigs.of(config.networkStreams().asStaticMember()), meters));
            autoscaler = launch(launched, AUTOSCALER,
                    AutoscalerController.topology(config.autoscaler(), new HttpScaleClient(config.autoscaler().server())),
                    StreamsMeters.withRegistry(StreamsConfigs.of(config.autoscalerStreams().asStaticMember()), meters));
            nodeLifecycle.awaitRunning();
            // heartbeats are judged against how far this instance's own tasks have read, never the group
            readPositions.followCommitsOf(nodeLifecycle::committedOffsetsOfActiveTasks);
            controllers.awaitRunning();
            network.awaitRunning();
            autoscaler.awaitRunning();
        } catch (RuntimeException e) {
            StreamsClient.closeAll(launched);
            readPositions.close();
            throw e;
        }
        LOG.info("controllers running (application ids {}, {} and {}, node grace period {}, {}, cluster CIDR {})",
                config.applicationId(), config.nodeLifecycleApplicationId(), config.networkApplicationId(),
                config.nodeGracePeriod(), config.nodeEviction(), config.clusterCidr());
        return new ControllersApp(nodeLifecycle, readPositions, controllers, network, autoscaler, meters);
    }

    /** This instance's meters ({@code korch_controller_reconcile_total}, consumer lag, ...), for {@code GET /metrics}. */
    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** The state of the deployment and replicaset controllers' streams client: RUNNING or REBALANCING while healthy. */
    public KafkaStreams.State state() {
        return controllers.state();
    }

    /** The state of the node-lifecycle controller's streams client. */
    public KafkaStreams.State nodeLifecycleState() {
        return nodeLifecycle.state();
    }

    /** The state of the network controllers' streams client. */
    public KafkaStreams.State networkState() {
        return network.state();
    }

    /**
     * Whether the controllers run: every streams client is RUNNING or REBALANCING and none has
     * ever reached ERROR. False for good once one failed, and after {@link #close()}.
     */
    public boolean healthy() {
        return nodeLifecycle.healthy() && controllers.healthy() && network.healthy() && autoscaler.healthy();
    }

    /**
     * Runs {@code listener} once, on a thread of its own, when any streams client reaches ERROR
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
        nodeLifecycle.onFailure(once);
        controllers.onFailure(once);
        network.onFailure(once);
        autoscaler.onFailure(once);
    }

    /**
     * Stops the autoscaler, the network controllers and the workload controllers at the same time,
     * each committing what it processed, then the node-lifecycle controller.
     * Each leaves its consumer group at once, so another instance, or this one restarted, takes its
     * tasks over without waiting for the broker to give a silent member up.
     */
    @Override
    public void close() {
        StreamsClient.closeAll(List.of(autoscaler, network, controllers));
        nodeLifecycle.close();
        readPositions.close();
    }

    private static StreamsClient launch(List<StreamsClient> launched, StreamsRole role, Topology topology,
                                        Properties props) {
        StreamsClient client = StreamsClient.launch(role, topology, props);
        launched.add(client);
        return client;
    }
}

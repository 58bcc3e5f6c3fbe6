package io.korch.controllers.nodelifecycle;

import io.korch.streams.TopicSinks;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The node-lifecycle controller's topology, which runs as a Kafka Streams application of its own
 * (see {@link io.korch.controllers.ControllersApp}), and the global node-health view the other
 * controllers read.
 *
 * <pre>
 * korch.nodes ──▶ {@value #PROCESSOR} [{@value #STORE}] ──▶ korch.node-health, korch.events
 *                   ▲ how far korch.nodes has been read ({@link ReadPositions})
 *
 * (in the controllers' topology)
 * korch.node-health ──▶ {@value #HEALTH_UPDATER} ──▶ global store {@value #HEALTH_STORE}
 * </pre>
 *
 * <p>It is an application of its own so that its consumer, thread and commits never wait behind
 * the backlog of the other controllers: a heartbeat is read as soon as it is written, however busy
 * the deployment and replicaset controllers are. Each task judges the nodes of one partition of
 * {@code korch.nodes}; the disruption mode is the whole cluster's, counted over the global store of
 * every node's verdict.
 *
 * <p>Nodes are keyed by node name and pods by namespace/name, so a node's verdict and the pods bound
 * to it live on different partitions; every controllers instance therefore reads the whole verdict
 * topic into a global store.
 */
public final class NodeLifecycleController {

    public static final String SOURCE = "nodes-source";
    public static final String PROCESSOR = "node-lifecycle-controller";
    /** Node name → its latest heartbeat and the verdict published last. */
    public static final String STORE = "node-lifecycle";
    public static final String HEALTH_SINK = "node-health-sink";
    public static final String EVENTS_SINK = "node-events-sink";
    public static final String HEALTH_SOURCE = "node-health-source";
    public static final String HEALTH_UPDATER = "node-health-updater";
    /** Global store: node name → {@link io.korch.api.NodeHealth}, the published verdict of every node. */
    public static final String HEALTH_STORE = "node-health";
    /** The topics its processor reads. */
    public static final List<Topic<?, ?>> INPUTS = List.of(Topics.NODES);
    /** How often nodes are judged again and evictions paced. */
    public static final Duration CHECK_INTERVAL = Duration.ofMillis(250);

    private NodeLifecycleController() {
    }

    /**
     * The node-lifecycle application's topology.
     *
     * @param grace     how long a node may stay silent
     * @param eviction  how fast the pods of NotReady nodes are evicted
     * @param positions how far {@code korch.nodes} has been read
     */
    public static Topology topology(Duration grace, NodeEviction eviction, ReadPositions positions) {
        Topology topology = new Topology();
        addTo(topology, grace, eviction, positions);
        // the disruption mode is the whole cluster's: every task reads every node's verdict
        addHealthStoreTo(topology);
        return topology;
    }

    /** Adds the node-lifecycle controller to {@code topology}. */
    public static void addTo(Topology topology, Duration grace, NodeEviction eviction, ReadPositions positions) {
        topology.addSource(SOURCE, Topics.NODES.keySerde().deserializer(), Topics.NODES.valueSerde().deserializer(),
                Topics.NODES.name());
        topology.addProcessor(PROCESSOR, () -> new NodeLifecycleProcessor(grace, eviction, positions), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Topics.NODE_HEALTH.keySerde(), Topics.NODE_HEALTH.valueSerde()), PROCESSOR);
        TopicSinks.add(topology, HEALTH_SINK, Topics.NODE_HEALTH, PROCESSOR);
        TopicSinks.add(topology, EVENTS_SINK, Topics.EVENTS, PROCESSOR);
    }

    /** Adds the global store {@value #HEALTH_STORE} of every node's published verdict, which the replicaset controller reads. */
    public static void addHealthStoreTo(Topology topology) {
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HEALTH_STORE),
                        Topics.NODE_HEALTH.keySerde(), Topics.NODE_HEALTH.valueSerde()).withLoggingDisabled(),
                HEALTH_SOURCE, Topics.NODE_HEALTH.keySerde().deserializer(),
                Topics.NODE_HEALTH.valueSerde().deserializer(), Topics.NODE_HEALTH.name(), HEALTH_UPDATER,
                NodeHealthUpdater::new);
    }
}

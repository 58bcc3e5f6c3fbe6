package io.korch.controllers.nodelifecycle;

import io.korch.streams.TopicSinks;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The node-lifecycle controller's part of the controllers topology, and the global node-health view
 * the other controllers read.
 *
 * <pre>
 * korch.nodes ──▶ {@value #PROCESSOR} [{@value #STORE}] ──▶ korch.node-health, korch.events
 * korch.node-health ──▶ {@value #HEALTH_UPDATER} ──▶ global store {@value #HEALTH_STORE}
 * </pre>
 *
 * <p>Nodes are keyed by node name and pods by namespace/name, so a node's verdict and the pods bound
 * to it live on different partitions; every instance therefore reads the whole verdict topic into a
 * global store.
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
    /** The topics its processor reads; the global store reads {@code korch.node-health} on every instance. */
    public static final List<Topic<?, ?>> INPUTS = List.of(Topics.NODES);
    /** How often heartbeats are checked against the wall clock. */
    public static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

    private NodeLifecycleController() {
    }

    /** Adds the node-lifecycle controller, with grace period {@code grace}, and the global node-health store. */
    public static void addTo(Topology topology, Duration grace) {
        topology.addSource(SOURCE, Topics.NODES.keySerde().deserializer(), Topics.NODES.valueSerde().deserializer(),
                Topics.NODES.name());
        topology.addProcessor(PROCESSOR, () -> new NodeLifecycleProcessor(grace), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Topics.NODE_HEALTH.keySerde(), Topics.NODE_HEALTH.valueSerde()), PROCESSOR);
        TopicSinks.add(topology, HEALTH_SINK, Topics.NODE_HEALTH, PROCESSOR);
        TopicSinks.add(topology, EVENTS_SINK, Topics.EVENTS, PROCESSOR);

        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HEALTH_STORE),
                        Topics.NODE_HEALTH.keySerde(), Topics.NODE_HEALTH.valueSerde()).withLoggingDisabled(),
                HEALTH_SOURCE, Topics.NODE_HEALTH.keySerde().deserializer(),
                Topics.NODE_HEALTH.valueSerde().deserializer(), Topics.NODE_HEALTH.name(), HEALTH_UPDATER,
                NodeHealthUpdater::new);
    }
}

package io.korch.scheduler.view;

import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;

/**
 * Feeds a {@link ClusterView} from global stores: every scheduler process reads all partitions of
 * {@code korch.nodes}, {@code korch.node-specs}, {@code korch.node-health} and
 * {@code korch.pod-assignments} on its global stream thread.
 *
 * <p>The stores are in memory and not logged, so each start reads the topics from their beginning,
 * through these processors, before any placer or binder task runs: the view is whole from the first
 * placement on. Kafka Streams wants a store for every global source; the view is the state, so the
 * stores stay empty rather than hold a second copy of every node and bound pod.
 */
public final class ClusterViewFeed {

    public static final String NODES_STORE = "scheduler-view-nodes";
    public static final String NODE_SPECS_STORE = "scheduler-view-node-specs";
    public static final String NODE_HEALTH_STORE = "scheduler-view-node-health";
    public static final String ASSIGNMENTS_STORE = "scheduler-view-assignments";

    private ClusterViewFeed() {
    }

    /** Adds the four global stores that keep {@code view} up to date. */
    public static void addTo(Topology topology, ClusterView view) {
        add(topology, Topics.NODES, NODES_STORE, view::onNode);
        add(topology, Topics.NODE_SPECS, NODE_SPECS_STORE, view::onNodeSpec);
        add(topology, Topics.NODE_HEALTH, NODE_HEALTH_STORE, view::onHealth);
        add(topology, Topics.POD_ASSIGNMENTS, ASSIGNMENTS_STORE, view::onAssignment);
    }

    private static <V> void add(Topology topology, Topic<String, V> topic, String store, BiConsumer<String, V> apply) {
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store), topic.keySerde(), topic.valueSerde())
                        .withLoggingDisabled(),
                store + "-source", topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name(),
                store + "-feed", () -> new Feed<>(apply));
    }

    /** Hands each record of one global source to the view. */
    private record Feed<V>(BiConsumer<String, V> apply) implements Processor<String, V, Void, Void> {

        @Override
        public void process(Record<String, V> record) {
            if (record.key() != null) {
                apply.accept(record.key(), record.value());
            }
        }
    }
}

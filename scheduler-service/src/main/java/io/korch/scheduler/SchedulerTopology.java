package io.korch.scheduler;

import io.korch.scheduler.SchedulerInput.HealthChanged;
import io.korch.scheduler.SchedulerInput.NodeChanged;
import io.korch.scheduler.SchedulerInput.NodeSpecChanged;
import io.korch.scheduler.SchedulerInput.PodChanged;
import io.korch.scheduler.framework.SchedulingPipeline;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The scheduler's Kafka Streams topology.
 *
 * <pre>
 *  korch.pods ─────────┐
 *  korch.owned.pods ───┤
 *  korch.nodes ────────┤ tag  ┌───────────────────────┐ ──▶ korch.bindings    (per pod)
 *  korch.node-specs ───┼────▶ │  SchedulingProcessor  │ ──▶ korch.assignments (per node)
 *  korch.node-health ──┘      └───────────────────────┘ ──▶ korch.events
 *                      pods, bindings, nodes, node-specs, node-health stores
 * </pre>
 *
 * <p>A node is placed on as the cluster sees it: its agent's record ({@code korch.nodes}) merged
 * with what users declared about it ({@code korch.node-specs}) by {@link io.korch.model.NodeViews#merge}.
 *
 * <p>All five inputs feed one processor, so one task sees every pod and every node and never
 * overcommits a node. That holds while the input topics have one partition each, as the
 * development cluster creates them; scheduling over several partitions needs node reservations
 * shared between tasks and is not built yet ({@code docs/roadmap.md}). {@link SchedulerApp#start}
 * refuses to run on input topics with more partitions.
 */
public final class SchedulerTopology {

    /** Name of the scheduling processor. */
    public static final String PROCESSOR = "scheduler";
    /** Sink of {@code korch.bindings}. */
    public static final String BINDINGS_SINK = "bindings-sink";
    /** Sink of {@code korch.assignments}. */
    public static final String ASSIGNMENTS_SINK = "assignments-sink";
    /** Sink of {@code korch.events}. */
    public static final String EVENTS_SINK = "events-sink";

    /** The topics the scheduler reads; each must have exactly one partition. */
    public static final List<Topic<String, ?>> INPUTS =
            List.of(Topics.PODS, Topics.OWNED_PODS, Topics.NODES, Topics.NODE_SPECS, Topics.NODE_HEALTH);

    private SchedulerTopology() {
    }

    /**
     * Builds the topology.
     *
     * @param clock  stamps bindings and events
     * @param random breaks ties between equally scored nodes
     */
    public static Topology topology(Clock clock, RandomGenerator random) {
        SchedulingPipeline pipeline = StandardPipeline.create(random);
        Topology topology = new Topology();
        String pods = addTaggedSource(topology, Topics.PODS, PodChanged::new);
        String ownedPods = addTaggedSource(topology, Topics.OWNED_PODS, PodChanged::new);
        String nodes = addTaggedSource(topology, Topics.NODES, NodeChanged::new);
        String nodeSpecs = addTaggedSource(topology, Topics.NODE_SPECS, NodeSpecChanged::new);
        String health = addTaggedSource(topology, Topics.NODE_HEALTH, HealthChanged::new);

        topology.addProcessor(PROCESSOR, () -> new SchedulingProcessor(pipeline, clock),
                pods, ownedPods, nodes, nodeSpecs, health);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                SchedulingProcessor.PODS_STORE), Topics.PODS.keySerde(), Topics.PODS.valueSerde()), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                SchedulingProcessor.BINDINGS_STORE), Topics.BINDINGS.keySerde(), Topics.BINDINGS.valueSerde()), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                SchedulingProcessor.NODES_STORE), Topics.NODES.keySerde(), Topics.NODES.valueSerde()), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                SchedulingProcessor.NODE_SPECS_STORE), Topics.NODE_SPECS.keySerde(), Topics.NODE_SPECS.valueSerde()),
                PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                SchedulingProcessor.NODE_HEALTH_STORE), Topics.NODE_HEALTH.keySerde(), Topics.NODE_HEALTH.valueSerde()),
                PROCESSOR);

        addSink(topology, BINDINGS_SINK, Topics.BINDINGS);
        addSink(topology, ASSIGNMENTS_SINK, Topics.ASSIGNMENTS);
        addSink(topology, EVENTS_SINK, Topics.EVENTS);
        return topology;
    }

    /** Reads {@code topic} and tags its records; returns the name of the tagging processor. */
    private static <V> String addTaggedSource(Topology topology, Topic<String, V> topic, Function<V, SchedulerInput> tag) {
        String source = topic.name() + "-source";
        String tagger = topic.name() + "-tag";
        topology.addSource(source, topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name());
        topology.addProcessor(tagger, () -> new InputTagger<>(tag), source);
        return tagger;
    }

    private static <V> void addSink(Topology topology, String name, Topic<String, V> topic) {
        topology.addSink(name, topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(), PROCESSOR);
    }
}

package io.korch.scheduler;

import io.korch.scheduler.SchedulerInput.OutcomeArrived;
import io.korch.scheduler.SchedulerInput.PodChanged;
import io.korch.scheduler.binder.BinderProcessor;
import io.korch.scheduler.framework.SchedulingPipeline;
import io.korch.scheduler.placer.PlacerProcessor;
import io.korch.scheduler.view.ClusterView;
import io.korch.scheduler.view.ClusterViewFeed;
import io.korch.streams.SkipRule;
import io.korch.streams.TopicSinks;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The scheduler's Kafka Streams topology: placers partitioned like the pods, binders partitioned
 * like the nodes, and a view of the whole cluster that every process keeps.
 *
 * <pre>
 *  korch.pods ────────┐                       ┌──▶ korch.bindings, korch.events
 *  korch.owned.pods ──┼─▶ placer (by namespace)┤
 *  korch.bind-outcomes┘        ▲               └──▶ korch.bind-requests ──▶ binder (by node)
 *                              │                                             │
 *                              └──────────── korch.bind-outcomes ◀───────────┤
 *                                                                            ▼
 *  korch.nodes, korch.node-specs, korch.node-health,         korch.pod-assignments (node/ns/name)
 *  korch.pod-assignments ──▶ global stores ──▶ ClusterView (read by placers and binders)
 * </pre>
 *
 * <p>This is optimistic concurrency, as Nomad's plan applier, without a single leader: a placer
 * chooses from its process's {@link ClusterView}, which may lag; the binder that owns the chosen node
 * checks the pod against its own exact count of the node and accepts or refuses; a refused pod goes
 * back to its placer, which plans it again. Any number of scheduler processes share the placer and
 * binder tasks as one consumer group, and no node is ever given more than it has.
 */
public final class SchedulerTopology {

    /** Name of the placer processor. */
    public static final String PLACER = "placer";
    /** Name of the binder processor. */
    public static final String BINDER = "binder";
    /** Sink of {@code korch.bindings}. */
    public static final String BINDINGS_SINK = "bindings-sink";
    /** Sink of {@code korch.bind-requests}. */
    public static final String REQUESTS_SINK = "bind-requests-sink";
    /** Sink of {@code korch.bind-outcomes}. */
    public static final String OUTCOMES_SINK = "bind-outcomes-sink";
    /** Sink of {@code korch.pod-assignments}. */
    public static final String ASSIGNMENTS_SINK = "pod-assignments-sink";
    /** Sink of {@code korch.events}. */
    public static final String EVENTS_SINK = "events-sink";

    /**
     * The processing errors the scheduler skips, so that one unexpected error does not stop all
     * placement: those the placer or the binder throws (on a record, or the placer in a retry round),
     * since each computes everything that can throw before it writes anything (see its Javadoc).
     * Kafka's own exceptions, and any error in another node (the input taggers, the sinks), which
     * make no such promise, fail the task and abort its transaction.
     */
    public static final SkipRule SKIP_RULE = SkipRule.inProcessors(PLACER, BINDER);

    /** The topics the scheduler's tasks and its view read; all must be co-partitioned. */
    public static final List<Topic<String, ?>> INPUTS = List.of(Topics.PODS, Topics.OWNED_PODS, Topics.BIND_OUTCOMES,
            Topics.BIND_REQUESTS, Topics.NODES, Topics.NODE_SPECS, Topics.NODE_HEALTH, Topics.POD_ASSIGNMENTS);

    private SchedulerTopology() {
    }

    /**
     * Builds the topology, with a {@link ClusterView} of its own: each scheduler process has one.
     *
     * @param clock  stamps bindings, requests and events
     * @param random breaks ties between equally scored nodes
     */
    public static Topology topology(Clock clock, RandomGenerator random) {
        return topology(clock, StandardPipeline.create(random), new ClusterView());
    }

    /** Builds the topology around {@code pipeline} and {@code view}. */
    public static Topology topology(Clock clock, SchedulingPipeline pipeline, ClusterView view) {
        Topology topology = new Topology();
        ClusterViewFeed.addTo(topology, view);

        String pods = addTaggedSource(topology, Topics.PODS, PodChanged::new);
        String ownedPods = addTaggedSource(topology, Topics.OWNED_PODS, PodChanged::new);
        String outcomes = addTaggedSource(topology, Topics.BIND_OUTCOMES, OutcomeArrived::new);
        topology.addProcessor(PLACER, () -> new PlacerProcessor(view, pipeline, clock), pods, ownedPods, outcomes);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PlacerProcessor.PODS_STORE),
                Topics.PODS.keySerde(), Topics.PODS.valueSerde()), PLACER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                PlacerProcessor.BINDINGS_STORE), Topics.BINDINGS.keySerde(), Topics.BINDINGS.valueSerde()), PLACER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                PlacerProcessor.REQUESTS_STORE), Topics.BIND_REQUESTS.keySerde(), Topics.BIND_REQUESTS.valueSerde()),
                PLACER);
        TopicSinks.add(topology, BINDINGS_SINK, Topics.BINDINGS, PLACER);
        TopicSinks.add(topology, REQUESTS_SINK, Topics.BIND_REQUESTS, PLACER);
        TopicSinks.add(topology, EVENTS_SINK, Topics.EVENTS, PLACER);

        String requests = Topics.BIND_REQUESTS.name() + "-source";
        topology.addSource(requests, Topics.BIND_REQUESTS.keySerde().deserializer(),
                Topics.BIND_REQUESTS.valueSerde().deserializer(), Topics.BIND_REQUESTS.name());
        topology.addProcessor(BINDER, () -> new BinderProcessor(view, pipeline.filters(), clock), requests);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BinderProcessor.PODS_STORE),
                Topics.POD_ASSIGNMENTS.keySerde(), Topics.POD_ASSIGNMENTS.valueSerde()), BINDER);
        TopicSinks.add(topology, ASSIGNMENTS_SINK, Topics.POD_ASSIGNMENTS, BINDER);
        TopicSinks.add(topology, OUTCOMES_SINK, Topics.BIND_OUTCOMES, BINDER);
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
}

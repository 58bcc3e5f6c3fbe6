package io.korch.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.api.Node;
import io.korch.api.NodeAssignment;
import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.scheduler.SchedulerInput.NodeChanged;
import io.korch.scheduler.SchedulerInput.PodChanged;
import io.korch.scheduler.framework.FilterPlugin;
import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.PodInfo;
import io.korch.scheduler.framework.SchedulingPipeline;
import io.korch.scheduler.testing.Nodes;
import io.korch.scheduler.testing.Pods;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The processor alone with a MockProcessorContext: restart from stores, re-initialisation, failures
 * while planning, and the retry timer fired by hand.
 */
class SchedulingProcessorTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final String EXPLODE = "test/explode";

    private final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
    private final SchedulingProcessor processor = new SchedulingProcessor(
            StandardPipeline.create(new Random(0)), Clock.fixed(NOW, ZoneOffset.UTC));
    private KeyValueStore<String, Pod> pods;
    private KeyValueStore<String, PodBinding> bindings;
    private KeyValueStore<String, Node> nodes;
    private KeyValueStore<String, Node> nodeSpecs;

    @BeforeEach
    void addStores() {
        pods = store(SchedulingProcessor.PODS_STORE, Topics.PODS);
        bindings = store(SchedulingProcessor.BINDINGS_STORE, Topics.BINDINGS);
        nodes = store(SchedulingProcessor.NODES_STORE, Topics.NODES);
        nodeSpecs = store(SchedulingProcessor.NODE_SPECS_STORE, Topics.NODE_SPECS);
        store(SchedulingProcessor.NODE_HEALTH_STORE, Topics.NODE_HEALTH);
    }

    @Test
    void retriesPendingPodsEverySecondOfWallClockTime() {
        processor.init(context);

        assertThat(context.scheduledPunctuators()).singleElement().satisfies(punctuator -> {
            assertThat(punctuator.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
            assertThat(punctuator.getInterval()).isEqualTo(SchedulingProcessor.RETRY_INTERVAL);
        });
    }

    @Test
    void rebuildsItsBookkeepingFromTheStoresAndPlacesPendingPodsOnTheNextRetry() {
        // given stores left by an earlier run: a node, a pod bound to it and a pod not placed yet
        nodes.put("node-1", Nodes.node("node-1").cpu("2").build());
        Pods bound = Pods.pod("bound").cpu("1500m");
        pods.put(bound.key(), bound.build());
        bindings.put(bound.key(), PodBinding.newBuilder().setPodUid(bound.build().getMetadata().getUid())
                .setNodeName("node-1").setTimestamp(NOW).build());
        Pods waiting = Pods.pod("waiting").cpu("500m");
        pods.put(waiting.key(), waiting.build());

        // when
        processor.init(context);

        // then the bound pod counts on its node and the other one waits
        assertThat(processor.nodes().get("node-1").requestedCpuMillis()).isEqualTo(1500);
        assertThat(processor.pending()).containsExactly(waiting.key());
        assertThat(context.forwarded()).isEmpty();

        // when the retry timer fires
        CapturedPunctuator retry = context.scheduledPunctuators().get(0);
        retry.getPunctuator().punctuate(NOW.toEpochMilli());

        // then the waiting pod is bound next to the other one, without overcommitting the node
        List<CapturedForward<? extends String, ? extends SpecificRecord>> forwarded = context.forwarded();
        assertThat(forwarded).filteredOn(f -> SchedulerTopology.ASSIGNMENTS_SINK.equals(f.childName().orElse(null)))
                .singleElement()
                .satisfies(f -> assertThat(((NodeAssignment) f.record().value()).getPods())
                        .extracting(pod -> pod.getMetadata().getName()).containsExactly("bound", "waiting"));
        assertThat(processor.pending()).isEmpty();
        assertThat(processor.nodes().get("node-1").requestedCpuMillis()).isEqualTo(2000);
    }

    @Test
    void rebuildsEachNodeFromItsRecordAndItsDeclaration() {
        // given stores left by an earlier run: a labelled node, a cordoned one and a deleted one
        nodes.put("labelled", Nodes.node("labelled").build());
        nodeSpecs.put("labelled", Nodes.declared("labelled").label("disk", "ssd").build());
        nodes.put("cordoned", Nodes.node("cordoned").build());
        nodeSpecs.put("cordoned", Nodes.declared("cordoned").unschedulable().build());
        nodes.put("deleted", Nodes.node("deleted").build());
        nodeSpecs.put("deleted", Nodes.declared("deleted").deleted(NOW).build());

        // when
        processor.init(context);

        // then each node is as the merge of its two records says
        assertThat(processor.nodes().candidates()).extracting(NodeInfo::name).containsExactly("cordoned", "labelled");
        assertThat(processor.nodes().get("labelled").labels()).containsEntry("disk", "ssd");
        assertThat(processor.nodes().get("cordoned").node().getSpec().getUnschedulable()).isTrue();
    }

    @Test
    void leavesStoredValuesUntouchedWhenBindingACopy() {
        // given
        processor.init(context);
        processor.process(new Record<>("node-1", new NodeChanged(Nodes.node("node-1").build()), 0L));
        Pods web = Pods.pod("web");

        // when
        processor.process(new Record<>(web.key(), new PodChanged(web.build()), 0L));

        // then the stored pod is the declared one; only the assignment carries spec.nodeName
        assertThat(pods.get(web.key()).getSpec().getNodeName()).isNull();
        assertThat(bindings.get(web.key()).getNodeName()).isEqualTo("node-1");
    }

    @Test
    void forgetsPlacementsTheStoresNoLongerHoldWhenReinitialised() {
        // given a run that bound one pod and left another pending
        nodes.put("node-1", Nodes.node("node-1").cpu("2").build());
        processor.init(context);
        Pods web = Pods.pod("web").cpu("1");
        Pods big = Pods.pod("big").cpu("4");
        processor.process(new Record<>(web.key(), new PodChanged(web.build()), 0L));
        processor.process(new Record<>(big.key(), new PodChanged(big.build()), 0L));
        assertThat(processor.nodes().get("node-1").podCount()).isEqualTo(1);
        assertThat(processor.pending()).containsExactly(big.key());

        // when its transaction aborts, so the stores are back at the last commit, and Kafka Streams
        // re-initialises the same processor instance
        pods.delete(web.key());
        pods.delete(big.key());
        bindings.delete(web.key());
        bindings.delete(big.key());
        processor.close();
        processor.init(context);

        // then nothing of the aborted run is left in memory, and one retry timer runs
        assertThat(processor.nodes().get("node-1").podCount()).isZero();
        assertThat(processor.nodes().get("node-1").requestedCpuMillis()).isZero();
        assertThat(processor.pending()).isEmpty();
        assertThat(context.scheduledPunctuators()).filteredOn(punctuator -> !punctuator.cancelled()).hasSize(1);
    }

    @Test
    void leavesNoTraceWhenPlanningAPodThrows() {
        // given a node and a pipeline with a filter that throws on some pods, as a bug would
        SchedulingProcessor fragile = withFilterThatThrowsOnExplodingPods();
        fragile.init(context);
        fragile.process(new Record<>("node-1", new NodeChanged(Nodes.node("node-1").build()), 0L));
        context.resetForwards();
        Pods bomb = Pods.pod("bomb").label(EXPLODE, "true");

        // when
        assertThatThrownBy(() -> fragile.process(new Record<>(bomb.key(), new PodChanged(bomb.build()), 0L)))
                .hasMessage("bug in a filter");

        // then nothing was stored, written or counted, so the record can be skipped
        assertThat(pods.get(bomb.key())).isNull();
        assertThat(bindings.get(bomb.key())).isNull();
        assertThat(context.forwarded()).isEmpty();
        assertThat(fragile.pending()).isEmpty();
        assertThat(fragile.nodes().get("node-1").podCount()).isZero();
    }

    @Test
    void keepsAnOlderPodOnItsNodeWhenPlanningItsSuccessorThrows() {
        // given pod web (uid a) bound to node-1
        SchedulingProcessor fragile = withFilterThatThrowsOnExplodingPods();
        fragile.init(context);
        fragile.process(new Record<>("node-1", new NodeChanged(Nodes.node("node-1").build()), 0L));
        Pod older = Pods.pod("web").uid("a").build();
        fragile.process(new Record<>("default/web", new PodChanged(older), 0L));
        PodBinding binding = bindings.get("default/web");
        context.resetForwards();

        // when a new pod of the same name (uid b) comes and planning it throws
        Pod newer = Pods.pod("web").uid("b").label(EXPLODE, "true").build();
        assertThatThrownBy(() -> fragile.process(new Record<>("default/web", new PodChanged(newer), 0L)))
                .hasMessage("bug in a filter");

        // then the older pod is still where it was, in memory, in the stores and in the outputs
        assertThat(fragile.nodes().get("node-1").pod("default/web").uid()).isEqualTo("a");
        assertThat(pods.get("default/web")).isEqualTo(older);
        assertThat(bindings.get("default/web")).isEqualTo(binding);
        assertThat(context.forwarded()).isEmpty();
    }

    @Test
    void dropsAPendingPodWhosePlanningThrowsSoThePodsBehindItAreStillPlaced() {
        // given three pods waiting while no node is registered, the middle one making a filter throw
        SchedulingProcessor fragile = withFilterThatThrowsOnExplodingPods();
        fragile.init(context);
        Pods first = Pods.pod("a");
        Pods bomb = Pods.pod("b").label(EXPLODE, "true");
        Pods last = Pods.pod("c");
        for (Pods pod : List.of(first, bomb, last)) {
            fragile.process(new Record<>(pod.key(), new PodChanged(pod.build()), 0L));
        }
        assertThat(fragile.pending()).containsExactlyInAnyOrder(first.key(), bomb.key(), last.key());

        // when a node registers and the retry round it starts throws at the middle pod
        assertThatThrownBy(() -> fragile.process(
                new Record<>("node-1", new NodeChanged(Nodes.node("node-1").build()), 0L)))
                .hasMessage("bug in a filter");

        // then the pod before it is bound whole, the failing one is no longer retried, the last still waits
        assertThat(bindings.get(first.key()).getNodeName()).isEqualTo("node-1");
        assertThat(fragile.nodes().get("node-1").pod(first.key())).isNotNull();
        assertThat(nodes.get("node-1")).isNotNull();
        assertThat(fragile.pending()).containsExactly(last.key());

        // when the next retry round runs, then the last pod is placed too
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(NOW.toEpochMilli());
        assertThat(bindings.get(last.key()).getNodeName()).isEqualTo("node-1");
        assertThat(fragile.pending()).isEmpty();
    }

    /** A processor whose pipeline starts with a filter that throws for pods labelled {@value #EXPLODE}. */
    private static SchedulingProcessor withFilterThatThrowsOnExplodingPods() {
        SchedulingPipeline standard = StandardPipeline.create(new Random(0));
        FilterPlugin buggy = new FilterPlugin() {
            @Override
            public String name() {
                return "Buggy";
            }

            @Override
            public List<String> filter(PodInfo pod, NodeInfo node) {
                if (pod.pod().getMetadata().getLabels().containsKey(EXPLODE)) {
                    throw new IllegalStateException("bug in a filter");
                }
                return List.of();
            }
        };
        List<FilterPlugin> filters = new ArrayList<>(List.of(buggy));
        filters.addAll(standard.filters());
        return new SchedulingProcessor(new SchedulingPipeline(filters, standard.scores(), new Random(0)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private <V> KeyValueStore<String, V> store(String name, Topic<String, V> topic) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(name), topic.keySerde(), topic.valueSerde())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}

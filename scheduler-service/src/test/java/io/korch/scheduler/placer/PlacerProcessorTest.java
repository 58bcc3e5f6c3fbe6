package io.korch.scheduler.placer;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.BindOutcome;
import io.korch.api.BindRequest;
import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.scheduler.SchedulerInput;
import io.korch.scheduler.SchedulerInput.OutcomeArrived;
import io.korch.scheduler.SchedulerInput.PodChanged;
import io.korch.scheduler.SchedulerTopology;
import io.korch.scheduler.StandardPipeline;
import io.korch.scheduler.view.ClusterView;
import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;
import io.korch.topics.Keys;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The placer alone with a MockProcessorContext and a hand-fed view: the answer of a binder that
 * refuses (another placer took the capacity first), restart from stores, and the timers.
 */
class PlacerProcessorTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
    private final ClusterView view = new ClusterView();
    private final PlacerProcessor placer =
            new PlacerProcessor(view, StandardPipeline.create(new Random(0)), Clock.fixed(NOW, ZoneOffset.UTC));
    private KeyValueStore<String, Pod> pods;
    private KeyValueStore<String, PodBinding> bindings;
    private KeyValueStore<String, BindRequest> requests;

    @BeforeEach
    void addStores() {
        pods = store(PlacerProcessor.PODS_STORE, Topics.PODS);
        bindings = store(PlacerProcessor.BINDINGS_STORE, Topics.BINDINGS);
        requests = store(PlacerProcessor.REQUESTS_STORE, Topics.BIND_REQUESTS);
    }

    @Test
    void retriesEverySecondAndWatchesTheViewEveryTenthOfASecond() {
        placer.init(context);

        assertThat(context.scheduledPunctuators()).extracting(p -> p.getType()).containsOnly(PunctuationType.WALL_CLOCK_TIME);
        assertThat(context.scheduledPunctuators()).extracting(p -> p.getInterval())
                .containsExactlyInAnyOrder(PlacerProcessor.RETRY_INTERVAL, PlacerProcessor.VIEW_CHECK_INTERVAL);
    }

    @Test
    void requestsTheNodeItChoseAndReservesItInTheView() {
        view.onNode("node-1", Nodes.node("node-1").cpu("2").build());
        placer.init(context);
        Pods web = Pods.pod("web").cpu("1500m");

        placer.process(new Record<String, SchedulerInput>(web.key(), new PodChanged(web.build()), 0));

        assertThat(requestsTo()).containsExactly(Keys.onNode("node-1", web.key()));
        assertThat(requests.get(web.key()).getPod().getSpec().getNodeName()).isEqualTo("node-1");
        assertThat(requestedCpu("node-1")).isEqualTo(1500);
        assertThat(bindings.get(web.key())).isNull();
    }

    @Test
    void placesARefusedPodOnAnotherNodeAtOnce() {
        // given a pod requested on node-1 (as this placer's view allowed) and a second node that fits it
        view.onNode("node-1", Nodes.node("node-1").cpu("1").build());
        view.onNode("node-2", Nodes.node("node-2").cpu("1").build());
        placer.init(context);
        Pods late = Pods.pod("late").cpu("1");
        String first = requestFor(late);

        // when that node's binder refuses it: another placer took its last cpu first
        context.resetForwards();
        placer.process(outcome(late, first, false, "Insufficient cpu"));

        // then it is requested on the other node, and the refused node's reservation is dropped
        String other = first.equals("node-1") ? "node-2" : "node-1";
        assertThat(requestsTo()).containsExactly(Keys.onNode(other, late.key()));
        assertThat(requestedCpu(first)).isZero();
        assertThat(bindings.get(late.key())).isNull();
    }

    @Test
    void explainsARefusedPodThatFitsNowhereElseAndKeepsItPending() {
        // given a pod requested on the only node
        view.onNode("node-1", Nodes.node("node-1").cpu("1").build());
        placer.init(context);
        Pods late = Pods.pod("late").cpu("1");
        assertThat(requestFor(late)).isEqualTo("node-1");

        // when the binder refuses it
        context.resetForwards();
        placer.process(outcome(late, "node-1", false, "Insufficient cpu"));

        // then it stays pending with the reason, and no other request goes out
        assertThat(requestsTo()).isEmpty();
        assertThat(bindings.get(late.key()).getReason()).isEqualTo(PlacerProcessor.UNSCHEDULABLE);
        assertThat(placer.pending()).containsExactly(late.key());
    }

    @Test
    void writesTheBindingAndAScheduledEventOnceTheBinderAccepts() {
        view.onNode("node-1", Nodes.node("node-1").build());
        placer.init(context);
        Pods web = Pods.pod("web");
        requestFor(web);
        context.resetForwards();

        placer.process(outcome(web, "node-1", true, null));

        assertThat(bindings.get(web.key()).getNodeName()).isEqualTo("node-1");
        assertThat(requests.get(web.key())).isNull();
        assertThat(forwardedTo(SchedulerTopology.EVENTS_SINK)).hasSize(1);
    }

    @Test
    void ignoresAnAnswerAboutARequestNoLongerInFlight() {
        view.onNode("node-1", Nodes.node("node-1").build());
        placer.init(context);
        Pods web = Pods.pod("web");
        requestFor(web);
        placer.process(new Record<String, SchedulerInput>(web.key(), new PodChanged(null), 0));
        context.resetForwards();

        placer.process(outcome(web, "node-1", true, null));

        assertThat(context.forwarded()).isEmpty();
        assertThat(bindings.get(web.key())).isNull();
    }

    @Test
    void reservesItsRequestsInFlightAgainWhenReinitialised() {
        // given a request in flight left by an earlier run
        view.onNode("node-1", Nodes.node("node-1").cpu("2").build());
        Pods web = Pods.pod("web").cpu("1500m");
        pods.put(web.key(), web.build());
        requests.put(web.key(), BindRequest.newBuilder().setPod(web.nodeName("node-1").build())
                .setRequestedAt(NOW).build());

        // when
        placer.init(context);

        // then its node counts it, and it is not planned again
        assertThat(requestedCpu("node-1")).isEqualTo(1500);
        assertThat(placer.pending()).isEmpty();
    }

    /** Sends {@code pod} through the placer; returns the node it was requested on. */
    private String requestFor(Pods pod) {
        placer.process(new Record<String, SchedulerInput>(pod.key(), new PodChanged(pod.build()), 0));
        List<String> sent = requestsTo();
        assertThat(sent).hasSize(1);
        return Keys.nodeOf(sent.get(0));
    }

    private Record<String, SchedulerInput> outcome(Pods pod, String node, boolean accepted, String reason) {
        BindOutcome outcome = BindOutcome.newBuilder().setPodUid(pod.build().getMetadata().getUid()).setNodeName(node)
                .setAccepted(accepted).setReason(reason).setTimestamp(NOW).build();
        return new Record<>(Keys.outcome(pod.key(), node), new OutcomeArrived(outcome), 0);
    }

    private long requestedCpu(String node) {
        return view.read(nodes -> nodes.get(node) == null ? 0L : nodes.get(node).requestedCpuMillis());
    }

    private List<String> requestsTo() {
        return forwardedTo(SchedulerTopology.REQUESTS_SINK).stream()
                .filter(f -> f.record().value() != null)
                .map(f -> (String) f.record().key())
                .toList();
    }

    private List<CapturedForward<? extends String, ? extends SpecificRecord>> forwardedTo(String sink) {
        return context.forwarded().stream().filter(f -> sink.equals(f.childName().orElse(null))).toList();
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

package io.korch.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Event;
import io.korch.api.Node;
import io.korch.api.NodeHealth;
import io.korch.testkit.Nodes;
import io.korch.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The node-lifecycle processor on {@link MockProcessorContext}: records located at offsets of
 * partition 0, how far that partition has been read set by hand, punctuators fired by hand.
 */
class NodeLifecycleProcessorTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private MockProcessorContext<String, SpecificRecord> context;
    private NodeLifecycleProcessor processor;
    private long offset;
    /** How far partition 0 has been read, as the processor is told. */
    private ReadPosition read;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(T0.toEpochMilli());
        KeyValueStore<String, NodeHealth> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(NodeLifecycleController.STORE),
                        Topics.NODE_HEALTH.keySerde(), Topics.NODE_HEALTH.valueSerde())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        processor = new NodeLifecycleProcessor(Duration.ofSeconds(5), NodeEviction.DEFAULTS, partition -> read);
        processor.init(context);
    }

    private List<CapturedForward<? extends String, ? extends SpecificRecord>> forwardedTo(String child) {
        return context.forwarded().stream()
                .filter(forward -> child.equals(forward.childName().orElse(null)))
                .toList();
    }

    private List<NodeHealth> verdicts() {
        return forwardedTo(NodeLifecycleController.HEALTH_SINK).stream().map(f -> (NodeHealth) f.record().value()).toList();
    }

    private List<String> eventReasons() {
        return forwardedTo(NodeLifecycleController.EVENTS_SINK).stream()
                .map(f -> ((Event) f.record().value()).getReason()).toList();
    }

    /** A record of {@code node} read at the next offset, at {@code at}, by a controller caught up with it. */
    private void receive(String nodeName, Node node, Instant at) {
        context.setCurrentSystemTimeMs(at.toEpochMilli());
        context.setRecordMetadata(Topics.NODES.name(), 0, offset);
        offset++;
        read = new ReadPosition(offset - 1, offset, at);
        processor.process(new Record<>(nodeName, node, at.toEpochMilli()));
    }

    private void heartbeat(String nodeName, Instant at) {
        receive(nodeName, Nodes.heartbeat(nodeName, at), at);
    }

    private void heartbeat(Instant at) {
        heartbeat("node-1", at);
    }

    /** Fires the check at {@code at}, the partition caught up and read up to then. */
    private void punctuateAt(Instant at) {
        punctuateAt(at, new ReadPosition(offset, offset, at));
    }

    private void punctuateAt(Instant at, ReadPosition position) {
        read = position;
        context.setCurrentSystemTimeMs(at.toEpochMilli());
        CapturedPunctuator punctuator = context.scheduledPunctuators().get(0);
        punctuator.getPunctuator().punctuate(at.toEpochMilli());
    }

    @Test
    void publishesAReadyVerdictOnFirstSightOnly() {
        // when two heartbeats arrive
        heartbeat(T0);
        heartbeat(T0.plusSeconds(1));

        // then one verdict and one event
        assertThat(verdicts()).singleElement().satisfies(health -> {
            assertThat(health.getReady()).isTrue();
            assertThat(health.getHeartbeatOffset()).isZero();
        });
        assertThat(eventReasons()).containsExactly("NodeReady");
    }

    @Test
    void declaresASilentNodeNotReadyWithItsEvidenceOnceItsPartitionIsReadPastTheGracePeriod() {
        // given a node that sent one heartbeat, at offset 0
        heartbeat(T0);
        context.resetForwards();

        // when the partition is read up to 4 s, then 6 s later, with nothing newer from the node
        punctuateAt(T0.plusSeconds(4));
        assertThat(context.forwarded()).isEmpty();
        punctuateAt(T0.plusSeconds(6), new ReadPosition(120, 121, T0.plusSeconds(6)));

        // then it is NotReady, with the heartbeat and the read position in the verdict and the event
        assertThat(verdicts()).singleElement().satisfies(verdict -> {
            assertThat(verdict.getReady()).isFalse();
            assertThat(verdict.getReason()).isEqualTo("NodeStatusUnknown");
            assertThat(verdict.getHeartbeatOffset()).isZero();
            assertThat(verdict.getReadOffset()).isEqualTo(120L);
            assertThat(verdict.getReadLag()).isEqualTo(1L);
            assertThat(verdict.getReadUpTo()).isEqualTo(T0.plusSeconds(6));
            assertThat(verdict.getMessage()).contains("Last heartbeat at 2025-03-01T12:00:00Z (korch.nodes-0@0)",
                    "read up to 2025-03-01T12:00:06Z", "offset 120, lag 1");
        });
        Event event = (Event) forwardedTo(NodeLifecycleController.EVENTS_SINK).get(0).record().value();
        assertThat(event.getReason()).isEqualTo("NodeNotReady");
        assertThat(event.getMessage()).contains("(korch.nodes-0@0)", "offset 120, lag 1");

        // and a later check publishes nothing new
        context.resetForwards();
        punctuateAt(T0.plusSeconds(7));
        assertThat(verdicts()).isEmpty();
    }

    @Test
    void aLaggingControllerDeclaresNoNodeNotReadyHoweverLateTheWallClock() {
        // given two nodes seen at T0
        heartbeat("node-1", T0);
        heartbeat("node-2", T0);
        context.resetForwards();

        // when the controller, a minute later, has read their partition only up to T0 + 3 s, far behind its end
        for (int second = 1; second <= 60; second++) {
            punctuateAt(T0.plusSeconds(second), new ReadPosition(2, 250_000, T0.plusSeconds(3)));
        }

        // then no node is declared NotReady
        assertThat(context.forwarded()).isEmpty();

        // when it has caught up and nothing newer came from node-1, then node-1 is NotReady
        heartbeat("node-2", T0.plusSeconds(61));
        punctuateAt(T0.plusSeconds(61));
        assertThat(verdicts()).singleElement().satisfies(verdict -> {
            assertThat(verdict.getNodeName()).isEqualTo("node-1");
            assertThat(verdict.getReady()).isFalse();
        });
    }

    @Test
    void evictsThePodsOfTheLostNodeOfATwoNodeClusterAtOnce() {
        // given two nodes
        heartbeat("node-1", T0);
        heartbeat("node-2", T0);
        context.resetForwards();

        // when node-2 falls silent
        for (int second = 1; second <= 6; second++) {
            heartbeat("node-1", T0.plusSeconds(second));
            punctuateAt(T0.plusSeconds(second));
        }

        // then it is NotReady with its pods to be evicted, in one verdict; the mode stays Normal
        assertThat(verdicts()).singleElement().satisfies(verdict -> {
            assertThat(verdict.getNodeName()).isEqualTo("node-2");
            assertThat(verdict.getReady()).isFalse();
            assertThat(verdict.getEvictPods()).isTrue();
            assertThat(verdict.getEvictionTime()).isEqualTo(T0.plusSeconds(6));
        });
        assertThat(eventReasons()).containsExactly("NodeNotReady", "DeletingAllPods");

        // and when it is back, it is Ready and its pods stay
        context.resetForwards();
        heartbeat("node-2", T0.plusSeconds(7));
        assertThat(verdicts()).singleElement().satisfies(verdict -> {
            assertThat(verdict.getReady()).isTrue();
            assertThat(verdict.getEvictPods()).isFalse();
        });
    }

    @Test
    void aLoneNodeLostIsAFullDisruptionWithoutEviction() {
        heartbeat(T0);
        context.resetForwards();

        punctuateAt(T0.plusSeconds(6));

        assertThat(verdicts()).singleElement().satisfies(verdict -> {
            assertThat(verdict.getReady()).isFalse();
            assertThat(verdict.getEvictPods()).isFalse();
        });
        assertThat(eventReasons()).containsExactly("NodeNotReady", "FullDisruption");

        // and when it is back, the cluster is Normal again
        context.resetForwards();
        heartbeat(T0.plusSeconds(7));
        punctuateAt(T0.plusSeconds(7));
        assertThat(eventReasons()).containsExactly("NodeReady", "Normal");
    }

    @Test
    void tombstonesTheVerdictOfADeletedNode() {
        heartbeat(T0);
        context.resetForwards();

        receive("node-1", null, T0);

        var health = forwardedTo(NodeLifecycleController.HEALTH_SINK);
        assertThat(health).hasSize(1);
        assertThat(health.get(0).record().value()).isNull();
    }

    @Test
    void aNodeThatSaysItsRuntimeIsDownStaysNotReadyWhileItHeartbeats() {
        // given a Ready node, and another one so that losing it is no full disruption
        heartbeat("node-2", T0);
        heartbeat(T0);
        context.resetForwards();

        // when its next heartbeat says its container runtime is down
        receive("node-1", Nodes.runtimeDown("node-1", T0.plusSeconds(1), "no docker"), T0.plusSeconds(1));

        // then it is NotReady for that reason, with an event
        assertThat(verdicts()).singleElement().satisfies(verdict -> {
            assertThat(verdict.getReady()).isFalse();
            assertThat(verdict.getReason()).isEqualTo("ContainerRuntimeDown");
            assertThat(verdict.getMessage()).startsWith("container runtime is down: no docker. Last heartbeat at "
                    + "2025-03-01T12:00:01Z (korch.nodes-0@2)");
        });
        assertThat(eventReasons()).containsExactly("NodeNotReady");

        // and neither the checks nor more such heartbeats change that, once its pods are evicted
        punctuateAt(T0.plusSeconds(1).plusMillis(250));
        assertThat(eventReasons()).containsExactly("NodeNotReady", "DeletingAllPods");
        context.resetForwards();
        for (int second = 2; second <= 8; second++) {
            heartbeat("node-2", T0.plusSeconds(second));
            punctuateAt(T0.plusSeconds(second).minusMillis(500));
            receive("node-1", Nodes.runtimeDown("node-1", T0.plusSeconds(second), "no docker"), T0.plusSeconds(second));
        }
        assertThat(context.forwarded()).isEmpty();

        // when it then falls silent for the grace period, the new reason is published, without an event
        heartbeat("node-2", T0.plusSeconds(14));
        punctuateAt(T0.plusSeconds(14));
        assertThat(verdicts()).singleElement().satisfies(verdict -> {
            assertThat(verdict.getReason()).isEqualTo("NodeStatusUnknown");
            assertThat(verdict.getEvictPods()).isTrue();
        });
        assertThat(eventReasons()).isEmpty();
    }

    @Test
    void aHeartbeatOlderThanTheOneKnownDoesNotOverruleIt() {
        // given a node that said at T0 + 2 s that its runtime is down
        heartbeat(T0);
        receive("node-1", Nodes.runtimeDown("node-1", T0.plusSeconds(2), "no docker"), T0.plusSeconds(2));
        context.resetForwards();

        // when a Ready heartbeat sent before it arrives late
        receive("node-1", Nodes.heartbeat("node-1", T0.plusSeconds(1)), T0.plusSeconds(2));

        // then the node stays NotReady
        assertThat(context.forwarded()).isEmpty();
    }
}

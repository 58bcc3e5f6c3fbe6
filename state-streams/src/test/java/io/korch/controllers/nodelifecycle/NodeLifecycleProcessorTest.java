package io.korch.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Event;
import io.korch.api.NodeHealth;
import io.korch.controllers.testing.Nodes;
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

class NodeLifecycleProcessorTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private MockProcessorContext<String, SpecificRecord> context;
    private NodeLifecycleProcessor processor;

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
        processor = new NodeLifecycleProcessor(Duration.ofSeconds(5));
        processor.init(context);
    }

    private List<CapturedForward<? extends String, ? extends SpecificRecord>> forwardedTo(String child) {
        return context.forwarded().stream()
                .filter(forward -> child.equals(forward.childName().orElse(null)))
                .toList();
    }

    private void heartbeat(Instant at) {
        context.setCurrentSystemTimeMs(at.toEpochMilli());
        processor.process(new Record<>("node-1", Nodes.heartbeat("node-1", at), at.toEpochMilli()));
    }

    private void punctuateAt(Instant at) {
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
        var health = forwardedTo(NodeLifecycleController.HEALTH_SINK);
        assertThat(health).hasSize(1);
        assertThat(((NodeHealth) health.get(0).record().value()).getReady()).isTrue();
        var events = forwardedTo(NodeLifecycleController.EVENTS_SINK);
        assertThat(events).extracting(e -> ((Event) e.record().value()).getReason()).containsExactly("NodeReady");
    }

    @Test
    void declaresASilentNodeNotReadyWhenThePunctuatorFiresAfterTheGracePeriod() {
        // given a node that sent one heartbeat
        heartbeat(T0);
        context.resetForwards();

        // when the wall clock passes 4 s, then 6 s without heartbeats
        punctuateAt(T0.plusSeconds(4));
        assertThat(context.forwarded()).isEmpty();
        punctuateAt(T0.plusSeconds(6));

        // then
        var health = forwardedTo(NodeLifecycleController.HEALTH_SINK);
        assertThat(health).hasSize(1);
        NodeHealth verdict = (NodeHealth) health.get(0).record().value();
        assertThat(verdict.getReady()).isFalse();
        assertThat(verdict.getReason()).isEqualTo("NodeStatusUnknown");
        assertThat(forwardedTo(NodeLifecycleController.EVENTS_SINK))
                .extracting(e -> ((Event) e.record().value()).getReason()).containsExactly("NodeNotReady");

        // and a later punctuation publishes nothing new
        context.resetForwards();
        punctuateAt(T0.plusSeconds(7));
        assertThat(context.forwarded()).isEmpty();
    }

    @Test
    void doesNotDeclareANodeLostWhileReadingABacklogOfHeartbeats() {
        // given a controller that, after a pause, processes a heartbeat sent 30 s ago
        context.setCurrentSystemTimeMs(T0.plusSeconds(30).toEpochMilli());
        processor.process(new Record<>("node-1", Nodes.heartbeat("node-1", T0), T0.toEpochMilli()));
        context.resetForwards();

        // when the punctuator fires before the backlog is read
        punctuateAt(T0.plusSeconds(31));
        punctuateAt(T0.plusSeconds(33));

        // then nothing is declared
        assertThat(forwardedTo(NodeLifecycleController.HEALTH_SINK)).isEmpty();

        // when the input stays quiet for the grace period (5 s), silence counts from then on
        punctuateAt(T0.plusSeconds(35));
        punctuateAt(T0.plusSeconds(39));
        assertThat(forwardedTo(NodeLifecycleController.HEALTH_SINK)).isEmpty();
        punctuateAt(T0.plusSeconds(41));

        // then
        var health = forwardedTo(NodeLifecycleController.HEALTH_SINK);
        assertThat(health).hasSize(1);
        assertThat(((NodeHealth) health.get(0).record().value()).getReady()).isFalse();
    }

    @Test
    void declaresANodeReadyAgainWhenItsHeartbeatsResume() {
        heartbeat(T0);
        punctuateAt(T0.plusSeconds(10));
        context.resetForwards();

        heartbeat(T0.plusSeconds(11));

        var health = forwardedTo(NodeLifecycleController.HEALTH_SINK);
        assertThat(health).hasSize(1);
        assertThat(((NodeHealth) health.get(0).record().value()).getReady()).isTrue();
    }

    @Test
    void tombstonesTheVerdictOfADeletedNode() {
        heartbeat(T0);
        context.resetForwards();

        processor.process(new Record<>("node-1", null, T0.toEpochMilli()));

        var health = forwardedTo(NodeLifecycleController.HEALTH_SINK);
        assertThat(health).hasSize(1);
        assertThat(health.get(0).record().value()).isNull();
    }

    @Test
    void aNodeThatSaysItsRuntimeIsDownStaysNotReadyWhileItHeartbeats() {
        // given a Ready node
        heartbeat(T0);
        context.resetForwards();

        // when its next heartbeat says its container runtime is down
        context.setCurrentSystemTimeMs(T0.plusSeconds(1).toEpochMilli());
        processor.process(new Record<>("node-1", Nodes.runtimeDown("node-1", T0.plusSeconds(1), "no docker"),
                T0.plusSeconds(1).toEpochMilli()));

        // then it is NotReady for that reason, with an event
        var health = forwardedTo(NodeLifecycleController.HEALTH_SINK);
        assertThat(health).hasSize(1);
        NodeHealth verdict = (NodeHealth) health.get(0).record().value();
        assertThat(verdict.getReady()).isFalse();
        assertThat(verdict.getReason()).isEqualTo("ContainerRuntimeDown");
        assertThat(verdict.getMessage()).isEqualTo("container runtime is down: no docker");
        assertThat(forwardedTo(NodeLifecycleController.EVENTS_SINK))
                .extracting(e -> ((Event) e.record().value()).getReason()).containsExactly("NodeNotReady");

        // and neither the clock nor more such heartbeats change that
        context.resetForwards();
        for (int second = 2; second <= 8; second++) {
            punctuateAt(T0.plusSeconds(second).minusMillis(500));
            context.setCurrentSystemTimeMs(T0.plusSeconds(second).toEpochMilli());
            processor.process(new Record<>("node-1", Nodes.runtimeDown("node-1", T0.plusSeconds(second), "no docker"),
                    T0.plusSeconds(second).toEpochMilli()));
        }
        assertThat(context.forwarded()).isEmpty();

        // when it then falls silent for the grace period, the new reason is published, without an event
        punctuateAt(T0.plusSeconds(14));
        health = forwardedTo(NodeLifecycleController.HEALTH_SINK);
        assertThat(health).hasSize(1);
        assertThat(((NodeHealth) health.get(0).record().value()).getReason()).isEqualTo("NodeStatusUnknown");
        assertThat(forwardedTo(NodeLifecycleController.EVENTS_SINK)).isEmpty();
    }

    @Test
    void aHeartbeatOlderThanTheOneKnownDoesNotOverruleIt() {
        // given a node that said at T0 + 2 s that its runtime is down
        heartbeat(T0);
        context.setCurrentSystemTimeMs(T0.plusSeconds(2).toEpochMilli());
        processor.process(new Record<>("node-1", Nodes.runtimeDown("node-1", T0.plusSeconds(2), "no docker"),
                T0.plusSeconds(2).toEpochMilli()));
        context.resetForwards();

        // when a Ready heartbeat sent before it arrives late
        processor.process(new Record<>("node-1", Nodes.heartbeat("node-1", T0.plusSeconds(1)),
                T0.plusSeconds(1).toEpochMilli()));

        // then the node stays NotReady
        assertThat(context.forwarded()).isEmpty();
    }
}

package io.korch.controllers.nodelifecycle;

import static io.korch.controllers.nodelifecycle.NodeLifecycle.ReadyCondition.READY;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Event;
import io.korch.api.Node;
import io.korch.api.NodeHealth;
import io.korch.api.ObjectMeta;
import io.korch.controllers.nodelifecycle.NodeLifecycle.ReadyCondition;
import io.korch.testkit.Nodes;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The verdict logic alone: heartbeats, read positions and the time are given, no Kafka. */
class NodeLifecycleTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final ReadyCondition RUNTIME_DOWN =
            ReadyCondition.of(Nodes.runtimeDown("node-1", T0, "Cannot connect to the Docker daemon"));

    /** A heartbeat sent at {@code at}, at offset 41 of partition 0. */
    private static Heartbeat heartbeat(Instant at) {
        return new Heartbeat(at, 0, 41);
    }

    /** A controller caught up with its partition at {@code at}: offset 100 of 100. */
    private static ReadPosition caughtUpAt(Instant at) {
        return new ReadPosition(100, 100, at);
    }

    private static NodeHealth assess(NodeHealth previous, Instant heartbeat, ReadyCondition reported, ReadPosition read,
                                     Instant now) {
        return NodeLifecycle.assess("node-1", previous, heartbeat(heartbeat), reported, read, now, GRACE);
    }

    private static NodeHealth ready() {
        return assess(null, T0, READY, caughtUpAt(T0), T0);
    }

    @Test
    void aNodeWithAFreshHeartbeatIsReady() {
        NodeHealth health = assess(null, T0, READY, caughtUpAt(T0.plusSeconds(1)), T0.plusSeconds(1));

        assertThat(health.getNodeName()).isEqualTo("node-1");
        assertThat(health.getReady()).isTrue();
        assertThat(health.getReason()).isEqualTo("KubeletReady");
        assertThat(health.getLastHeartbeatTime()).isEqualTo(T0);
        assertThat(health.getLastTransitionTime()).isEqualTo(T0.plusSeconds(1));
        assertThat(health.getHeartbeatPartition()).isZero();
        assertThat(health.getHeartbeatOffset()).isEqualTo(41L);
        assertThat(health.getReadOffset()).isNull();
        assertThat(health.getEvictPods()).isFalse();
    }

    @Test
    void aNodeWhosePartitionWasReadUpToExactlyTheGracePeriodAfterItsHeartbeatIsStillReady() {
        NodeHealth health = NodeLifecycle.recheck(ready(), caughtUpAt(T0.plus(GRACE)), T0.plusSeconds(9), GRACE);

        assertThat(health.getReady()).isTrue();
    }

    @Test
    void aPartitionReadUpToLessThanAMillisecondPastTheGracePeriodLeavesTheNodeReady() {
        // the evidence is recorded to the millisecond: a verdict must never rest on less than it shows
        NodeHealth health = NodeLifecycle.recheck(ready(), caughtUpAt(T0.plus(GRACE).plusNanos(700_000)),
                T0.plusSeconds(9), GRACE);

        assertThat(health.getReady()).isTrue();
    }

    @Test
    void aCaughtUpControllerDeclaresANodeWithAStaleHeartbeatNotReadyWithItsEvidence() {
        // given a node seen Ready at T0
        NodeHealth ready = ready();

        // when its partition has been read up to 5.8 s after it, caught up at offset 57, and nothing newer came from it
        Instant readUpTo = T0.plusMillis(5_800);
        NodeHealth health = NodeLifecycle.recheck(ready, new ReadPosition(57, 57, readUpTo), T0.plusSeconds(6), GRACE);

        // then it is silent, and the verdict says why
        assertThat(health.getReady()).isFalse();
        assertThat(health.getReason()).isEqualTo("NodeStatusUnknown");
        assertThat(health.getLastHeartbeatTime()).isEqualTo(T0);
        assertThat(health.getLastTransitionTime()).isEqualTo(T0.plusSeconds(6));
        assertThat(health.getHeartbeatOffset()).isEqualTo(41L);
        assertThat(health.getReadOffset()).isEqualTo(57L);
        assertThat(health.getReadLag()).isZero();
        assertThat(health.getReadUpTo()).isEqualTo(readUpTo);
        assertThat(health.getEvictPods()).isFalse();
        assertThat(health.getMessage()).isEqualTo("Kubelet stopped posting node status. Last heartbeat at "
                + "2025-03-01T12:00:00Z (korch.nodes-0@41); korch.nodes-0 read up to 2025-03-01T12:00:05.800Z, "
                + "5.8 s after it, at offset 57, lag 0.");
        assertThat(NodeLifecycle.changed(ready, health)).isTrue();
        assertThat(NodeLifecycle.flipped(ready, health)).isTrue();
    }

    @Test
    void aLaggingControllerDeclaresNoNodeNotReadyHoweverLateTheWallClock() {
        // given a node seen Ready at T0, and a controller a minute later that has read its partition only up to T0 + 3 s
        NodeHealth ready = ready();
        ReadPosition lagging = new ReadPosition(1_000, 250_000, T0.plusSeconds(3));

        // when it checks the node
        NodeHealth health = NodeLifecycle.recheck(ready, lagging, T0.plusSeconds(60), GRACE);

        // then the node is still Ready: the controller has not read far enough to tell
        assertThat(health).isSameAs(ready);
    }

    @Test
    void aControllerThatDoesNotKnowHowFarItReadDeclaresNoNodeSilent() {
        NodeHealth ready = ready();

        assertThat(NodeLifecycle.recheck(ready, null, T0.plusSeconds(60), GRACE)).isSameAs(ready);
        assertThat(NodeLifecycle.recheck(ready, new ReadPosition(0, 10, null), T0.plusSeconds(60), GRACE)).isSameAs(ready);
    }

    @Test
    void aDelayedHeartbeatOlderThanTheGracePeriodAtTheReadPositionIsNodeStatusUnknown() {
        // a heartbeat sent at T0 whose record is read when the partition has been read up to a minute later
        NodeHealth health = assess(null, T0, RUNTIME_DOWN, caughtUpAt(T0.plusSeconds(60)), T0.plusSeconds(60));

        assertThat(health.getReady()).isFalse();
        assertThat(health.getReason()).isEqualTo("NodeStatusUnknown");
        assertThat(health.getMessage()).startsWith("Kubelet stopped posting node status. Last heartbeat at ");
    }

    @Test
    void aNodeIsReadyAgainWhenHeartbeatsResume() {
        NodeHealth silent = NodeLifecycle.recheck(ready(), caughtUpAt(T0.plusSeconds(60)), T0.plusSeconds(60), GRACE);

        NodeHealth health = assess(silent, T0.plusSeconds(61), READY, caughtUpAt(T0.plusSeconds(61)), T0.plusSeconds(61));

        assertThat(silent.getReady()).isFalse();
        assertThat(health.getReady()).isTrue();
        assertThat(health.getMessage()).isEqualTo("kubelet is posting ready status");
        assertThat(health.getReadOffset()).isNull();
        assertThat(NodeLifecycle.changed(silent, health)).isTrue();
    }

    @Test
    void aSilentNodeStaysNotReadyUntilAFreshHeartbeat() {
        NodeHealth silent = NodeLifecycle.recheck(ready(), caughtUpAt(T0.plusSeconds(6)), T0.plusSeconds(6), GRACE);

        assertThat(NodeLifecycle.recheck(silent, caughtUpAt(T0.plusSeconds(61)), T0.plusSeconds(61), GRACE))
                .isSameAs(silent);
        assertThat(NodeLifecycle.recheck(silent, new ReadPosition(0, 0, T0), T0.plusSeconds(61), GRACE)).isSameAs(silent);
    }

    @Test
    void keepsTheTransitionTimeWhileReadinessHolds() {
        NodeHealth first = ready();

        NodeHealth next = assess(first, T0.plusSeconds(3), READY, caughtUpAt(T0.plusSeconds(3)), T0.plusSeconds(3));

        assertThat(next.getLastTransitionTime()).isEqualTo(T0);
        assertThat(next.getLastHeartbeatTime()).isEqualTo(T0.plusSeconds(3));
        assertThat(NodeLifecycle.changed(first, next)).isFalse();
    }

    @Test
    void takesTheHeartbeatFromTheReadyConditionOrElseTheRecordTime() {
        Node withCondition = Nodes.heartbeat("node-1", T0);
        Node bare = Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("node-1").build()).build();

        assertThat(NodeLifecycle.heartbeatTime(withCondition, T0.plusSeconds(9))).isEqualTo(T0);
        assertThat(NodeLifecycle.heartbeatTime(bare, T0.plusSeconds(9))).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void readsWhatTheNodeSaysOfItselfFromItsReadyCondition() {
        Node bare = Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("node-1").build()).build();

        assertThat(ReadyCondition.of(Nodes.heartbeat("node-1", T0)).ready()).isTrue();
        assertThat(RUNTIME_DOWN).isEqualTo(new ReadyCondition(false, "ContainerRuntimeDown",
                "container runtime is down: Cannot connect to the Docker daemon"));
        assertThat(ReadyCondition.of(Nodes.heartbeat("node-1", T0, "False", null, null)))
                .isEqualTo(new ReadyCondition(false, "KubeletNotReady", null));
        assertThat(ReadyCondition.of(Nodes.heartbeat("node-1", T0, "Unknown", "Whatever", "?")).ready()).isFalse();
        assertThat(ReadyCondition.of(bare))
                .isEqualTo(new ReadyCondition(false, "NodeStatusNeverUpdated", "Kubelet never posted node status."));
    }

    @Test
    void aHeartbeatingNodeThatSaysItIsNotReadyIsNotReadyForTheReasonItGivesWithTheEvidenceOfItsFirstSuchHeartbeat() {
        // given a Ready node
        NodeHealth ready = ready();

        // when its next, fresh heartbeat says its container runtime is down
        NodeHealth health = NodeLifecycle.assess("node-1", ready, new Heartbeat(T0.plusSeconds(1), 0, 42), RUNTIME_DOWN,
                new ReadPosition(42, 43, T0.plusMillis(900)), T0.plusSeconds(1), GRACE);

        // then
        assertThat(health.getReady()).isFalse();
        assertThat(health.getReason()).isEqualTo("ContainerRuntimeDown");
        assertThat(health.getMessage()).isEqualTo("container runtime is down: Cannot connect to the Docker daemon. "
                + "Last heartbeat at 2025-03-01T12:00:01Z (korch.nodes-0@42); korch.nodes-0 read up to "
                + "2025-03-01T12:00:00.900Z, 0.1 s before it, at offset 42, lag 1.");
        assertThat(health.getLastHeartbeatTime()).isEqualTo(T0.plusSeconds(1));
        assertThat(health.getLastTransitionTime()).isEqualTo(T0.plusSeconds(1));
        assertThat(NodeLifecycle.changed(ready, health)).isTrue();
        assertThat(NodeLifecycle.flipped(ready, health)).isTrue();

        // and when it says so again, nothing is to be published; when it is Ready again, it is
        NodeHealth again = NodeLifecycle.assess("node-1", health, new Heartbeat(T0.plusSeconds(2), 0, 43), RUNTIME_DOWN,
                caughtUpAt(T0.plusSeconds(2)), T0.plusSeconds(2), GRACE);
        NodeHealth back = assess(again, T0.plusSeconds(3), READY, caughtUpAt(T0.plusSeconds(3)), T0.plusSeconds(3));
        assertThat(NodeLifecycle.changed(health, again)).isFalse();
        assertThat(again.getMessage()).isEqualTo(health.getMessage());
        assertThat(again.getHeartbeatOffset()).isEqualTo(43L);
        assertThat(again.getLastTransitionTime()).isEqualTo(T0.plusSeconds(1));
        assertThat(back.getReady()).isTrue();
        assertThat(back.getReason()).isEqualTo("KubeletReady");
        assertThat(NodeLifecycle.flipped(again, back)).isTrue();
    }

    @Test
    void aNodeWhoseHeartbeatCarriesNoReadyConditionIsNotReady() {
        Node bare = Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("node-1").build()).build();

        NodeHealth health = assess(null, T0, ReadyCondition.of(bare), caughtUpAt(T0), T0);

        assertThat(health.getReady()).isFalse();
        assertThat(health.getReason()).isEqualTo("NodeStatusNeverUpdated");
    }

    @Test
    void aRecheckWithinTheGracePeriodKeepsTheVerdictOfTheLastHeartbeat() {
        NodeHealth ready = ready();
        NodeHealth down = assess(null, T0, RUNTIME_DOWN, caughtUpAt(T0), T0);

        assertThat(NodeLifecycle.recheck(ready, caughtUpAt(T0.plusSeconds(4)), T0.plusSeconds(4), GRACE)).isSameAs(ready);
        assertThat(NodeLifecycle.recheck(down, caughtUpAt(T0.plusSeconds(4)), T0.plusSeconds(4), GRACE)).isSameAs(down);
    }

    @Test
    void aRecheckAfterTheGracePeriodDeclaresTheNodeSilentKeepingItsEviction() {
        // given a node that said its runtime is down, whose pods are being evicted, then fell silent
        NodeHealth down = NodeHealth.newBuilder(assess(null, T0, RUNTIME_DOWN, caughtUpAt(T0), T0))
                .setEvictPods(true).setEvictionTime(T0).build();

        // when its partition has been read past the grace period
        NodeHealth silent = NodeLifecycle.recheck(down, caughtUpAt(T0.plusSeconds(6)), T0.plusSeconds(6), GRACE);

        // then it is NodeStatusUnknown; the readiness did not flip, so the transition time and eviction hold
        assertThat(silent.getReady()).isFalse();
        assertThat(silent.getReason()).isEqualTo("NodeStatusUnknown");
        assertThat(silent.getLastTransitionTime()).isEqualTo(T0);
        assertThat(silent.getLastHeartbeatTime()).isEqualTo(T0);
        assertThat(silent.getEvictPods()).isTrue();
        assertThat(silent.getEvictionTime()).isEqualTo(T0);
        assertThat(NodeLifecycle.changed(down, silent)).isTrue();
        assertThat(NodeLifecycle.flipped(down, silent)).isFalse();
    }

    @Test
    void aNodeIsEvictableOnlyWhenNotReadyWithItsEvictionDue() {
        NodeHealth silent = NodeLifecycle.recheck(ready(), caughtUpAt(T0.plusSeconds(6)), T0.plusSeconds(6), GRACE);
        NodeHealth evicted = NodeHealth.newBuilder(silent).setEvictPods(true).build();

        assertThat(NodeLifecycle.podsEvictable(null)).isFalse();
        assertThat(NodeLifecycle.podsEvictable(ready())).isFalse();
        assertThat(NodeLifecycle.podsEvictable(silent)).isFalse();
        assertThat(NodeLifecycle.podsEvictable(evicted)).isTrue();
    }

    @Test
    void theNodeNotReadyEventCarriesTheEvidence() {
        NodeHealth silent = NodeLifecycle.recheck(ready(), new ReadPosition(57, 60, T0.plusSeconds(6)),
                T0.plusSeconds(6), GRACE);

        Event event = NodeLifecycle.event(silent, T0.plusSeconds(6));

        assertThat(event.getReason()).isEqualTo("NodeNotReady");
        assertThat(event.getMessage()).isEqualTo("Node node-1 status is now: NodeNotReady. Kubelet stopped posting "
                + "node status. Last heartbeat at 2025-03-01T12:00:00Z (korch.nodes-0@41); korch.nodes-0 read up to "
                + "2025-03-01T12:00:06Z, 6.0 s after it, at offset 57, lag 3.");
    }

    @Test
    void readsAVerdictWrittenBeforeHeartbeatsWereLocatedAsPartitionZero() {
        NodeHealth legacy = NodeHealth.newBuilder().setNodeName("node-1").setReady(true).setReason("KubeletReady")
                .setLastTransitionTime(T0).build();

        assertThat(NodeLifecycle.lastHeartbeat(legacy)).isEqualTo(new Heartbeat(T0, 0, Heartbeat.UNKNOWN_OFFSET));
        NodeHealth silent = NodeLifecycle.recheck(legacy, caughtUpAt(T0.plusSeconds(6)), T0.plusSeconds(6), GRACE);
        assertThat(silent.getMessage()).contains("(korch.nodes-0);");
    }

    @Test
    void judgesANodeFromWhenTheHeartbeatLogResumedAfterItStoodStill() {
        // given a node whose last heartbeat came before the whole log stood still, resumed at T0 + 30 s
        NodeHealth ready = ready();
        Instant resumed = T0.plusSeconds(30);

        // then it is not silent for the stall, only once grace has passed since the log resumed
        assertThat(NodeLifecycle.recheck(ready, caughtUpAt(resumed.plusSeconds(3)).withHeartbeatsResumedAt(resumed),
                resumed.plusSeconds(3), GRACE)).isSameAs(ready);
        assertThat(NodeLifecycle.recheck(ready, caughtUpAt(resumed.plus(GRACE).plusSeconds(1))
                .withHeartbeatsResumedAt(resumed), resumed.plusSeconds(9), GRACE).getReady()).isFalse();
    }

    @Test
    void declaresNoNodeSilentWhileTheWholeLogStandsStillThenDeclaresEveryOneAfterAWhile() {
        // given the whole log stood still from T0 + 1 s, right after the node's heartbeat at T0
        NodeHealth ready = ready();
        Instant stalled = T0.plusSeconds(1);
        Instant held = stalled.plus(GRACE.multipliedBy(NodeLifecycle.STALL_HOLD_GRACES));

        // then no verdict while it stands still, up to the hold; then the node is NotReady as any silent one
        assertThat(NodeLifecycle.recheck(ready, caughtUpAt(held).withHeartbeatsStalledSince(stalled), held, GRACE))
                .isSameAs(ready);
        assertThat(NodeLifecycle.recheck(ready, caughtUpAt(held.plusSeconds(1)).withHeartbeatsStalledSince(stalled),
                held.plusSeconds(1), GRACE).getReady()).isFalse();
    }
}

package io.korch.controllers.nodelifecycle;

import static io.korch.controllers.nodelifecycle.NodeLifecycle.ReadyCondition.READY;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Node;
import io.korch.api.NodeHealth;
import io.korch.api.ObjectMeta;
import io.korch.controllers.nodelifecycle.NodeLifecycle.ReadyCondition;
import io.korch.controllers.testing.Nodes;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeLifecycleTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(5);
    /** The controller has been watching for a long time: only the heartbeat counts. */
    private static final Instant LONG_AGO = T0.minus(Duration.ofHours(1));

    @Test
    void aNodeWithAFreshHeartbeatIsReady() {
        NodeHealth health = NodeLifecycle.assess("node-1", null, T0, READY, T0.plusSeconds(1), GRACE, LONG_AGO);

        assertThat(health.getNodeName()).isEqualTo("node-1");
        assertThat(health.getReady()).isTrue();
        assertThat(health.getReason()).isEqualTo("KubeletReady");
        assertThat(health.getLastHeartbeatTime()).isEqualTo(T0);
        assertThat(health.getLastTransitionTime()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void aNodeSilentForExactlyTheGracePeriodIsStillReady() {
        NodeHealth health = NodeLifecycle.assess("node-1", null, T0, READY, T0.plus(GRACE), GRACE, LONG_AGO);

        assertThat(health.getReady()).isTrue();
    }

    @Test
    void aNodeSilentForLongerThanTheGracePeriodIsNotReady() {
        // given a node seen Ready at T0
        NodeHealth ready = NodeLifecycle.assess("node-1", null, T0, READY, T0, GRACE, LONG_AGO);

        // when no heartbeat came for more than the grace period
        Instant later = T0.plus(GRACE).plusMillis(1);
        NodeHealth health = NodeLifecycle.assess("node-1", ready, T0, READY, later, GRACE, LONG_AGO);

        // then
        assertThat(health.getReady()).isFalse();
        assertThat(health.getReason()).isEqualTo("NodeStatusUnknown");
        assertThat(health.getMessage()).isEqualTo("Kubelet stopped posting node status.");
        assertThat(health.getLastHeartbeatTime()).isEqualTo(T0);
        assertThat(health.getLastTransitionTime()).isEqualTo(later);
        assertThat(NodeLifecycle.changed(ready, health)).isTrue();
    }

    @Test
    void aNodeIsReadyAgainWhenHeartbeatsResume() {
        NodeHealth notReady = NodeLifecycle.assess("node-1", null, T0, READY, T0.plusSeconds(60), GRACE, LONG_AGO);

        NodeHealth health = NodeLifecycle.assess("node-1", notReady, T0.plusSeconds(61), READY, T0.plusSeconds(61), GRACE, LONG_AGO);

        assertThat(notReady.getReady()).isFalse();
        assertThat(health.getReady()).isTrue();
        assertThat(NodeLifecycle.changed(notReady, health)).isTrue();
    }

    @Test
    void keepsTheTransitionTimeWhileReadinessHolds() {
        NodeHealth first = NodeLifecycle.assess("node-1", null, T0, READY, T0, GRACE, LONG_AGO);

        NodeHealth next = NodeLifecycle.assess("node-1", first, T0.plusSeconds(3), READY, T0.plusSeconds(3), GRACE, LONG_AGO);

        assertThat(next.getLastTransitionTime()).isEqualTo(T0);
        assertThat(next.getLastHeartbeatTime()).isEqualTo(T0.plusSeconds(3));
        assertThat(NodeLifecycle.changed(first, next)).isFalse();
    }

    @Test
    void countsSilenceOnlyFromWhenTheControllerViewBecameCurrent() {
        // given a controller whose view became current at T0 and a store whose last heartbeat is a minute older
        NodeHealth stored = NodeLifecycle.assess("node-1", null, T0.minusSeconds(60), READY, T0.minusSeconds(60), GRACE, LONG_AGO);

        // when it checks within the grace period of its own start
        NodeHealth health = NodeLifecycle.assess("node-1", stored, T0.minusSeconds(60), READY, T0.plusSeconds(4), GRACE, T0);

        // then the node is not declared lost yet; after the grace period it is
        assertThat(health.getReady()).isTrue();
        assertThat(NodeLifecycle.assess("node-1", stored, T0.minusSeconds(60), READY, T0.plusSeconds(6), GRACE, T0).getReady())
                .isFalse();
    }

    @Test
    void neverDeclaresANodeNotReadyWhileCatchingUp() {
        NodeHealth ready = NodeLifecycle.assess("node-1", null, T0, READY, T0, GRACE, LONG_AGO);

        NodeHealth health = NodeLifecycle.assess("node-1", ready, T0, READY, T0.plusSeconds(60), GRACE, null);

        assertThat(health.getReady()).isTrue();
        assertThat(NodeLifecycle.changed(ready, health)).isFalse();
    }

    @Test
    void aFreshHeartbeatMakesANodeReadyEvenWhileCatchingUp() {
        NodeHealth notReady = NodeLifecycle.assess("node-1", null, T0, READY, T0.plusSeconds(60), GRACE, LONG_AGO);

        NodeHealth stale = NodeLifecycle.assess("node-1", notReady, T0, READY, T0.plusSeconds(61), GRACE, null);
        NodeHealth fresh = NodeLifecycle.assess("node-1", notReady, T0.plusSeconds(61), READY, T0.plusSeconds(61), GRACE, null);

        assertThat(stale.getReady()).isFalse();
        assertThat(fresh.getReady()).isTrue();
    }

    @Test
    void takesTheHeartbeatFromTheReadyConditionOrElseTheRecordTime() {
        Node withCondition = Nodes.heartbeat("node-1", T0);
        Node bare = Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("node-1").build()).build();

        assertThat(NodeLifecycle.heartbeat(withCondition, T0.plusSeconds(9))).isEqualTo(T0);
        assertThat(NodeLifecycle.heartbeat(bare, T0.plusSeconds(9))).isEqualTo(T0.plusSeconds(9));
    }

    private static final ReadyCondition RUNTIME_DOWN =
            ReadyCondition.of(Nodes.runtimeDown("node-1", T0, "Cannot connect to the Docker daemon"));

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
    void aHeartbeatingNodeThatSaysItIsNotReadyIsNotReadyForTheReasonItGives() {
        // given a Ready node
        NodeHealth ready = NodeLifecycle.assess("node-1", null, T0, READY, T0, GRACE, LONG_AGO);

        // when its next, fresh heartbeat says its container runtime is down
        NodeHealth health = NodeLifecycle.assess("node-1", ready, T0.plusSeconds(1), RUNTIME_DOWN, T0.plusSeconds(1),
                GRACE, LONG_AGO);

        // then
        assertThat(health.getReady()).isFalse();
        assertThat(health.getReason()).isEqualTo("ContainerRuntimeDown");
        assertThat(health.getMessage()).isEqualTo("container runtime is down: Cannot connect to the Docker daemon");
        assertThat(health.getLastHeartbeatTime()).isEqualTo(T0.plusSeconds(1));
        assertThat(health.getLastTransitionTime()).isEqualTo(T0.plusSeconds(1));
        assertThat(NodeLifecycle.changed(ready, health)).isTrue();
        assertThat(NodeLifecycle.flipped(ready, health)).isTrue();

        // and when it says so again, nothing is to be published; when it is Ready again, it is
        NodeHealth again = NodeLifecycle.assess("node-1", health, T0.plusSeconds(2), RUNTIME_DOWN, T0.plusSeconds(2),
                GRACE, LONG_AGO);
        NodeHealth back = NodeLifecycle.assess("node-1", again, T0.plusSeconds(3), READY, T0.plusSeconds(3),
                GRACE, LONG_AGO);
        assertThat(NodeLifecycle.changed(health, again)).isFalse();
        assertThat(again.getLastTransitionTime()).isEqualTo(T0.plusSeconds(1));
        assertThat(back.getReady()).isTrue();
        assertThat(back.getReason()).isEqualTo("KubeletReady");
        assertThat(NodeLifecycle.flipped(again, back)).isTrue();
    }

    @Test
    void aNodeWhoseHeartbeatCarriesNoReadyConditionIsNotReady() {
        Node bare = Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("node-1").build()).build();

        NodeHealth health = NodeLifecycle.assess("node-1", null, T0, ReadyCondition.of(bare), T0, GRACE, LONG_AGO);

        assertThat(health.getReady()).isFalse();
        assertThat(health.getReason()).isEqualTo("NodeStatusNeverUpdated");
    }

    @Test
    void aStaleHeartbeatIsNodeStatusUnknownWhateverTheNodeSaidInIt() {
        NodeHealth health = NodeLifecycle.assess("node-1", null, T0, RUNTIME_DOWN, T0.plusSeconds(60), GRACE, LONG_AGO);

        assertThat(health.getReady()).isFalse();
        assertThat(health.getReason()).isEqualTo("NodeStatusUnknown");
        assertThat(health.getMessage()).isEqualTo("Kubelet stopped posting node status.");
    }

    @Test
    void aRecheckWithinTheGracePeriodKeepsTheVerdictOfTheLastHeartbeat() {
        NodeHealth ready = NodeLifecycle.assess("node-1", null, T0, READY, T0, GRACE, LONG_AGO);
        NodeHealth down = NodeLifecycle.assess("node-1", null, T0, RUNTIME_DOWN, T0, GRACE, LONG_AGO);

        assertThat(NodeLifecycle.recheck(ready, T0.plusSeconds(4), GRACE, LONG_AGO)).isSameAs(ready);
        assertThat(NodeLifecycle.recheck(down, T0.plusSeconds(4), GRACE, LONG_AGO)).isSameAs(down);
    }

    @Test
    void aRecheckAfterTheGracePeriodDeclaresTheNodeSilent() {
        // given a node that said its runtime is down, then fell silent
        NodeHealth down = NodeLifecycle.assess("node-1", null, T0, RUNTIME_DOWN, T0, GRACE, LONG_AGO);

        // when the grace period has passed
        NodeHealth silent = NodeLifecycle.recheck(down, T0.plusSeconds(6), GRACE, LONG_AGO);

        // then it is NodeStatusUnknown; the readiness did not flip, so the transition time holds
        assertThat(silent.getReady()).isFalse();
        assertThat(silent.getReason()).isEqualTo("NodeStatusUnknown");
        assertThat(silent.getLastTransitionTime()).isEqualTo(T0);
        assertThat(silent.getLastHeartbeatTime()).isEqualTo(T0);
        assertThat(NodeLifecycle.changed(down, silent)).isTrue();
        assertThat(NodeLifecycle.flipped(down, silent)).isFalse();
    }

    @Test
    void aSilentNodeIsNotReadyAgainWhenTheControllerViewBecomesCurrentAgain() {
        // given a node declared silent at T0 + 6 s
        NodeHealth ready = NodeLifecycle.assess("node-1", null, T0, READY, T0, GRACE, LONG_AGO);
        NodeHealth silent = NodeLifecycle.recheck(ready, T0.plusSeconds(6), GRACE, LONG_AGO);

        // when the controller lagged, and its view became current again at T0 + 60 s
        Instant watchingSince = T0.plusSeconds(60);

        // then the node stays NotReady: only a fresh heartbeat revives it
        assertThat(NodeLifecycle.recheck(silent, T0.plusSeconds(61), GRACE, watchingSince)).isSameAs(silent);
        assertThat(NodeLifecycle.assess("node-1", silent, T0, READY, T0.plusSeconds(61), GRACE, watchingSince).getReady())
                .isFalse();
    }
}

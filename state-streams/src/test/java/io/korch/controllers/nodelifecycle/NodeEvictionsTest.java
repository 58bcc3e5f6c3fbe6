package io.korch.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Event;
import io.korch.api.NodeHealth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeEvictionsTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private static NodeHealth ready(String name) {
        return NodeHealth.newBuilder().setNodeName(name).setReady(true).setReason("KubeletReady")
                .setLastHeartbeatTime(T0).setLastTransitionTime(T0).build();
    }

    /** A node NotReady since {@code T0 + secondsLater}. */
    private static NodeHealth notReady(String name, int secondsLater) {
        return NodeHealth.newBuilder().setNodeName(name).setReady(false).setReason("NodeStatusUnknown")
                .setLastHeartbeatTime(T0).setLastTransitionTime(T0.plusSeconds(secondsLater)).build();
    }

    private static NodeHealth evicted(NodeHealth health) {
        return NodeHealth.newBuilder(health).setEvictPods(true).setEvictionTime(T0).build();
    }

    /** A cluster of {@code size} nodes whose first {@code lost} are NotReady. */
    private static List<NodeHealth> cluster(int size, int lost) {
        return IntStream.range(0, size)
                .mapToObj(i -> i < lost ? notReady(String.format("node-%04d", i), i) : ready(String.format("node-%04d", i)))
                .toList();
    }

    @ParameterizedTest(name = "{1} of {0} nodes lost: {2}, {3} evicted at once")
    @CsvSource({
            "2, 1, NORMAL, 1",                  // the dev cluster losing a node: evicted at once
            "3, 1, NORMAL, 1",
            "3, 3, FULL_DISRUPTION, 0",
            "10, 2, NORMAL, 1",                 // two lost: one now, the next 10 s later
            "10, 6, PARTIAL_DISRUPTION, 0",     // small cluster: evictions stop
            "200, 120, PARTIAL_DISRUPTION, 1",  // large cluster: at the secondary rate
            "200, 200, FULL_DISRUPTION, 0",
    })
    void evictsAtThePaceOfTheClustersMode(int size, int lost, DisruptionMode mode, int evictedAtOnce) {
        NodeEvictions.Plan plan = NodeEvictions.plan(cluster(size, lost), null, null, NodeEviction.DEFAULTS, T0);

        assertThat(plan.mode()).isEqualTo(mode);
        assertThat(plan.verdicts()).hasSize(evictedAtOnce).allSatisfy(health -> {
            assertThat(health.getEvictPods()).isTrue();
            assertThat(health.getEvictionTime()).isEqualTo(T0);
        });
    }

    @Test
    void evictsTheLongestNotReadyFirstThenOneEveryTenSeconds() {
        // given two lost nodes of ten, node-0001 NotReady before node-0000
        List<NodeHealth> verdicts = new ArrayList<>(cluster(10, 0).subList(2, 10));
        verdicts.add(notReady("node-0000", 5));
        verdicts.add(notReady("node-0001", 1));

        // when the first round runs
        NodeEvictions.Plan first = NodeEvictions.plan(verdicts, null, null, NodeEviction.DEFAULTS, T0);

        // then node-0001 goes first, with an event
        assertThat(first.verdicts()).extracting(NodeHealth::getNodeName).containsExactly("node-0001");
        assertThat(first.events()).extracting(Event::getReason).containsExactly("DeletingAllPods");
        assertThat(first.events().get(0).getMessage()).isEqualTo("Deleting all Pods from Node node-0001.");

        // when rounds run with that outcome, node-0000 goes 10 s later, not before
        List<NodeHealth> after = new ArrayList<>(verdicts);
        after.replaceAll(health -> health.getNodeName().equals("node-0001") ? first.verdicts().get(0) : health);
        NodeEvictions.Plan early = NodeEvictions.plan(after, first.mode(), first.limiter(), NodeEviction.DEFAULTS,
                T0.plusSeconds(9));
        NodeEvictions.Plan due = NodeEvictions.plan(after, early.mode(), early.limiter(), NodeEviction.DEFAULTS,
                T0.plusSeconds(10));
        assertThat(early.verdicts()).isEmpty();
        assertThat(early.events()).isEmpty();
        assertThat(due.verdicts()).extracting(NodeHealth::getNodeName).containsExactly("node-0000");
    }

    @Test
    void aFullDisruptionEvictsNothingWithdrawsEvictionsAndIsAnnounced() {
        // given two nodes, one of them lost and evicted
        List<NodeHealth> normal = List.of(ready("node-a"), evicted(notReady("node-b", 0)));

        // when the other is lost too
        List<NodeHealth> allLost = List.of(notReady("node-a", 3), evicted(notReady("node-b", 0)));
        NodeEvictions.Plan plan = NodeEvictions.plan(allLost, DisruptionMode.NORMAL,
                EvictionLimiter.full(0.1, T0), NodeEviction.DEFAULTS, T0.plusSeconds(60));

        // then nothing is evicted, node-b's eviction is withdrawn, and the mode change is an event
        assertThat(plan.mode()).isEqualTo(DisruptionMode.FULL_DISRUPTION);
        assertThat(plan.verdicts()).singleElement().satisfies(health -> {
            assertThat(health.getNodeName()).isEqualTo("node-b");
            assertThat(health.getEvictPods()).isFalse();
            assertThat(health.getEvictionTime()).isNull();
        });
        assertThat(plan.events()).singleElement().satisfies(event -> {
            assertThat(event.getReason()).isEqualTo("FullDisruption");
            assertThat(event.getType()).isEqualTo("Warning");
            assertThat(event.getInvolvedObject().getKind()).isEqualTo("Cluster");
            assertThat(event.getMessage()).isEqualTo(
                    "Cluster is now in FullDisruption mode: 2 of 2 nodes are NotReady; no pods are evicted.");
        });
        assertThat(NodeEvictions.plan(normal, DisruptionMode.NORMAL, null, NodeEviction.DEFAULTS, T0).events()).isEmpty();
    }

    @Test
    void leavingAFullDisruptionIsAnnouncedAndWaitsBeforeTheFirstEviction() {
        // given a full disruption
        NodeEvictions.Plan full = NodeEvictions.plan(cluster(3, 3), null, null, NodeEviction.DEFAULTS, T0);

        // when one node is back
        List<NodeHealth> oneBack = List.of(ready("node-0000"), notReady("node-0001", 1), notReady("node-0002", 2));
        NodeEvictions.Plan back = NodeEvictions.plan(oneBack, full.mode(), full.limiter(), NodeEviction.DEFAULTS,
                T0.plusSeconds(30));

        // then the mode is Normal again, announced, and the others get 10 s to come back too
        assertThat(back.mode()).isEqualTo(DisruptionMode.NORMAL);
        assertThat(back.events()).singleElement().satisfies(event -> {
            assertThat(event.getReason()).isEqualTo("Normal");
            assertThat(event.getType()).isEqualTo("Normal");
            assertThat(event.getMessage()).isEqualTo("Cluster is now in Normal mode: 2 of 3 nodes are NotReady; "
                    + "pods of NotReady nodes are evicted at 0.1 nodes per second.");
        });
        assertThat(back.verdicts()).isEmpty();
        assertThat(NodeEvictions.plan(oneBack, back.mode(), back.limiter(), NodeEviction.DEFAULTS, T0.plusSeconds(40))
                .verdicts()).extracting(NodeHealth::getNodeName).containsExactly("node-0001");
    }

    @Test
    void aNodeAlreadyEvictedIsNotEvictedAgain() {
        List<NodeHealth> verdicts = List.of(ready("node-a"), evicted(notReady("node-b", 0)));

        NodeEvictions.Plan plan = NodeEvictions.plan(verdicts, DisruptionMode.NORMAL, null, NodeEviction.DEFAULTS, T0);

        assertThat(plan.verdicts()).isEmpty();
        assertThat(plan.limiter().allows()).isTrue();
    }
}

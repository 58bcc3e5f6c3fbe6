package io.korch.agent.hollow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.agent.ClusterFixture;
import io.korch.agent.PodStatuses;
import io.korch.agent.TopicTail;
import io.korch.api.Node;
import io.korch.api.Pod;
import io.korch.api.PodAssignment;
import io.korch.api.PodStatusReport;
import io.korch.topics.Topics;
import io.korch.testkit.Pods;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hollow nodes against a real broker whose topics have several partitions. */
class HollowNodesIntegrationTest {

    private static final int NODES = 200;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private ClusterFixture cluster;
    private HollowNodes hollow;

    @BeforeEach
    void startCluster() {
        cluster = new ClusterFixture();
        hollow = HollowNodes.start(new HollowNodesConfig(cluster.bootstrapServers(), NODES, "hollow-", 8_000,
                32L << 30, 400, Duration.ofMillis(500)));
    }

    @AfterEach
    void stop() {
        if (hollow != null) {
            hollow.close();
        }
        cluster.close();
    }

    @Test
    void registersEveryNodeReadyAndKeepsHeartbeating() {
        try (TopicTail<Node> nodes = cluster.tail(Topics.NODES)) {
            // then: every node registered Ready, then heartbeat again with a later time
            await().atMost(WAIT).untilAsserted(() -> {
                nodes.poll();
                for (String name : hollow.nodeNames()) {
                    List<Node> records = nodes.all(name);
                    assertThat(records).as(name).hasSizeGreaterThanOrEqualTo(3);
                    Node last = records.get(records.size() - 1);
                    assertThat(last.getStatus().getConditions().get(0).getStatus()).isEqualTo("True");
                    assertThat(last.getStatus().getConditions().get(0).getLastHeartbeatTime())
                            .isAfter(records.get(0).getStatus().getConditions().get(0).getLastHeartbeatTime());
                }
            });
            assertThat(nodes.keys()).hasSize(NODES);
        }
    }

    @Test
    void reportsAssignedPodsRunningAndTombstonesThoseUnassigned() {
        // given: 300 pods on one node, one pod on every other node
        List<Pod> crowded = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            crowded.add(pod("crowded-" + i));
        }
        cluster.assign("hollow-1", crowded.toArray(Pod[]::new));
        for (int n = 2; n <= NODES; n++) {
            cluster.assign("hollow-" + n, pod("single-" + n));
        }

        try (TopicTail<PodStatusReport> status = cluster.tail(Topics.POD_STATUS);
             TopicTail<PodAssignment> assignments = cluster.tail(Topics.POD_ASSIGNMENTS)) {
            // then: every pod Running on its node, and no assignment record grows with the node's pods
            await().atMost(WAIT).untilAsserted(() -> {
                status.poll();
                for (Pod pod : crowded) {
                    assertRunning(status.latest(key(pod)), pod, "hollow-1");
                }
                for (int n = 2; n <= NODES; n++) {
                    assertRunning(status.latest(key(pod("single-" + n))), pod("single-" + n), "hollow-" + n);
                }
            });
            assertThat(hollow.runningPods()).isEqualTo(300 + NODES - 1);
            await().atMost(WAIT).untilAsserted(() -> assertThat(assignments.poll().keys()).hasSize(300 + NODES - 1));
            assertThat(assignments.largestValueBytes()).isLessThan(10_000);

            // when: 50 of the crowded node's pods are unassigned
            cluster.assign("hollow-1", crowded.subList(0, 250).toArray(Pod[]::new));

            // then: their reports are tombstoned, the others stay
            await().atMost(WAIT).untilAsserted(() -> {
                status.poll();
                for (Pod pod : crowded.subList(250, 300)) {
                    assertThat(status.tombstoned(key(pod))).as(key(pod)).isTrue();
                }
            });
            assertThat(crowded.subList(0, 250)).allSatisfy(pod -> assertThat(status.latest(key(pod))).isNotNull());
        }
    }

    @Test
    void leavesTheReportOfAPodThatMovedToAnotherNode() {
        // given: a pod on hollow-3, reported there
        Pod before = Pods.pod("moved").uid("uid-before").build();
        cluster.assign("hollow-3", before);
        try (TopicTail<PodStatusReport> status = cluster.tail(Topics.POD_STATUS)) {
            await().atMost(WAIT).untilAsserted(() -> assertRunning(status.poll().latest(key(before)), before,
                    "hollow-3"));

            // when: a new pod of the same name is bound to hollow-4, then the old one unassigned from hollow-3
            Pod after = Pods.pod("moved").uid("uid-after").build();
            cluster.assign("hollow-4", after);
            await().atMost(WAIT).untilAsserted(() -> assertRunning(status.poll().latest(key(after)), after,
                    "hollow-4"));
            cluster.assign("hollow-3");

            // then: the old pod's report is tombstoned, and the new pod's, under its own key, stays
            await().atMost(WAIT).untilAsserted(() -> assertThat(status.poll().tombstoned(key(before))).isTrue());
            assertRunning(status.latest(key(after)), after, "hollow-4");
        }
    }

    private static void assertRunning(PodStatusReport report, Pod pod, String node) {
        assertThat(report).as(key(pod)).isNotNull();
        assertThat(report.getPodUid()).isEqualTo(pod.getMetadata().getUid());
        assertThat(report.getNodeName()).isEqualTo(node);
        assertThat(report.getStatus().getPhase()).isEqualTo(PodStatuses.RUNNING);
    }

    private static Pod pod(String name) {
        return Pods.pod(name).uid(name + "-uid").container("main", "serve").build();
    }

    private static String key(Pod pod) {
        return Pods.statusKey(pod);
    }
}

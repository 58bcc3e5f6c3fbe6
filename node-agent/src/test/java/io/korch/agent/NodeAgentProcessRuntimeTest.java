package io.korch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.agent.runtime.RuntimeContainer;
import io.korch.agent.runtime.process.ProcessRuntime;
import io.korch.api.Node;
import io.korch.api.NodeCondition;
import io.korch.api.Pod;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import io.korch.topics.Keys;
import io.korch.testkit.Pods;
import io.korch.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The agent against a real broker with the local-process runtime: runs wherever Java runs, no Docker needed. */
class NodeAgentProcessRuntimeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Long enough for several reconcile passes and heartbeats. */
    private static final Duration QUIET = Duration.ofSeconds(3);

    @RegisterExtension
    static final SharedCluster cluster = new SharedCluster();

    @TempDir
    Path logs;

    private final String node = "local-" + UUID.randomUUID().toString().substring(0, 8);
    private SwitchableRuntime runtime;
    private NodeAgent agent;

    @BeforeEach
    void createRuntime() {
        runtime = new SwitchableRuntime(new ProcessRuntime(logs));
    }

    @AfterEach
    void stopAgent() {
        if (agent != null) {
            agent.close();
        }
        runtime.comeBack();
        runtime.close();
    }

    @Test
    void runsAnAssignedPodAsAProcessAndStopsItWhenUnassigned() {
        // given
        startAgent();
        Pod pod = Pods.pod("sleeper-" + node).container("main", "sleep", "3600").build();

        // when
        cluster.get().assign(node, pod);

        // then
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                PodStatusReport report = statuses.poll().latest(Pods.statusKey(pod));
                assertThat(report).isNotNull();
                assertThat(report.getStatus().getPhase()).isEqualTo("Running");
                assertThat(report.getStatus().getContainerStatuses().get(0).getContainerID()).startsWith("process://");
            });
            assertThat(runtime.list(node)).hasSize(1);

            // when
            cluster.get().assign(node);

            // then
            await().atMost(WAIT).untilAsserted(() -> assertThat(statuses.poll().tombstoned(Pods.statusKey(pod))).isTrue());
            assertThat(runtime.list(node)).isEmpty();
        }
    }

    @Test
    void restartsAFailingProcessUnderOnFailureUntilItSucceeds() {
        // given: fails on the first run, succeeds on the second
        startAgent();
        Path marker = logs.resolve("ran-once");
        Pod pod = Pods.pod("job-" + node).restartPolicy("OnFailure")
                .container("main", "sh", "-c", "if [ -f " + marker + " ]; then exit 0; fi; touch " + marker + "; exit 1")
                .build();

        // when
        cluster.get().assign(node, pod);

        // then
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                PodStatusReport report = statuses.poll().latest(Pods.statusKey(pod));
                assertThat(report).isNotNull();
                assertThat(report.getStatus().getPhase()).isEqualTo("Succeeded");
                assertThat(report.getStatus().getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
            });
        }
    }

    @Test
    void neverRunsAPodOfAnAssignmentWhoseTransactionWasAborted() {
        // given
        startAgent();
        Pod aborted = Pods.pod("aborted-" + node).container("main", "sleep", "3600").build();
        Pod committed = Pods.pod("committed-" + node).container("main", "sleep", "3600").build();

        // when: the scheduler crashes mid-transaction, then its successor commits another assignment
        cluster.get().assignAndAbort(node, aborted);

        // then
        await().during(QUIET).atMost(QUIET.multipliedBy(2)).untilAsserted(() -> assertThat(runtime.list(node)).isEmpty());

        // when
        cluster.get().assign(node, committed);

        // then
        await().atMost(WAIT).untilAsserted(() -> assertThat(runtime.list(node)).singleElement()
                .satisfies(c -> assertThat(c.podName()).isEqualTo("committed-" + node)));
    }

    @Test
    void takesNoStatusReportOfAnAbortedTransactionForItsOwn() {
        // given: another node reports a pod of this name; then a report of this node is written and aborted
        String podKey = "default/elsewhere-" + node;
        PodStatusReport others = report("uid-2", "other-node");
        cluster.get().publish(Topics.POD_STATUS, Keys.podStatus(podKey, "uid-2"), others);
        cluster.get().publishAndAbort(Topics.POD_STATUS, Keys.podStatus(podKey, "uid-1"), report("uid-1", node));

        // when: the agent starts, with nothing assigned
        startAgent();

        // then: it does not take the pod for one it ran, so it writes no tombstone, and the other report stays
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS)) {
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).untilAsserted(() -> {
                assertThat(statuses.poll().all(Keys.podStatus(podKey, "uid-1"))).isEmpty();
                assertThat(statuses.all(Keys.podStatus(podKey, "uid-2"))).containsExactly(others);
            });
        }
    }

    @Test
    void removesOnlyItsOwnReportWhenAPodOfTheSameNameRunsOnAnotherNode() {
        // given: this node runs the pod
        startAgent();
        String podKey = "default/moved-" + node;
        Pod pod = Pods.pod("moved-" + node).uid("uid-1").container("main", "sleep", "3600").build();
        cluster.get().assign(node, pod);
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(phaseOf(statuses.poll()
                    .latest(Keys.podStatus(podKey, "uid-1")), node)).isEqualTo("Running"));

            // when: the pod is deleted and recreated under the same name on another node, which reports it
            // before this node has removed the old container
            PodStatusReport recreated = report("uid-2", "other-node");
            cluster.get().publish(Topics.POD_STATUS, Keys.podStatus(podKey, "uid-2"), recreated);
            cluster.get().assign(node);

            // then: the old container and its report go, and the other node's report, under its own key, stays
            await().atMost(WAIT).untilAsserted(() -> assertThat(runtime.list(node)).isEmpty());
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(statuses.poll().tombstoned(Keys.podStatus(podKey, "uid-1"))).isTrue());
            assertThat(statuses.all(Keys.podStatus(podKey, "uid-2"))).containsExactly(recreated);
        }
    }

    @Test
    void removesSeveralPodsThatIgnoreTheStopSignalInAboutOneGracePeriod() {
        // given: pods whose command ignores SIGTERM, so each is killed when its grace period ends
        int grace = 4;
        startAgent();
        Pod[] pods = IntStream.range(0, 8)
                .mapToObj(i -> Pods.pod("stubborn-" + i + "-" + node).gracePeriodSeconds(grace)
                        .container("main", "sh", "-c", "trap '' TERM; sleep 3600").build())
                .toArray(Pod[]::new);
        cluster.get().assign(node, pods);
        await().atMost(WAIT).untilAsserted(() -> assertThat(runtime.list(node)).hasSize(pods.length)
                .allSatisfy(c -> assertThat(c.state()).isEqualTo(RuntimeContainer.State.RUNNING)));

        // when
        long start = System.nanoTime();
        cluster.get().assign(node);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> runtime.list(node).isEmpty());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then: each got its grace period, all at once rather than one pair after another
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(grace).minusMillis(500))
                .isLessThan(Duration.ofMillis(2500L * grace)); // one pair after another would take 4 x grace
    }

    @Test
    void reportsTheNodeNotReadyWhileTheContainerRuntimeIsDownAndReadyWhenItIsBack() {
        // given
        startAgent();
        try (TopicTail<Node> nodes = cluster.get().tail(Topics.NODES)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(ready(nodes.poll().latest(node)).getStatus())
                    .isEqualTo("True"));

            // when
            runtime.goDown("Cannot connect to the Docker daemon");

            // then
            await().atMost(WAIT).untilAsserted(() -> {
                NodeCondition ready = ready(nodes.poll().latest(node));
                assertThat(ready.getStatus()).isEqualTo("False");
                assertThat(ready.getReason()).isEqualTo(NodeRecords.CONTAINER_RUNTIME_DOWN);
                assertThat(ready.getMessage()).contains("Cannot connect to the Docker daemon");
            });

            // when
            runtime.comeBack();

            // then
            await().atMost(WAIT).untilAsserted(() -> {
                NodeCondition ready = ready(nodes.poll().latest(node));
                assertThat(ready.getStatus()).isEqualTo("True");
                assertThat(ready.getReason()).isEqualTo(NodeRecords.KUBELET_READY);
            });
        }
    }

    @Test
    void reportsTheNodeNotReadyFromItsFirstHeartbeatWhenTheContainerRuntimeIsDownAtStart() {
        // given
        runtime.goDown("Cannot connect to the Docker daemon");

        // when
        startAgent();

        // then
        try (TopicTail<Node> nodes = cluster.get().tail(Topics.NODES)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(nodes.poll().all(node)).hasSizeGreaterThanOrEqualTo(2));
            assertThat(nodes.all(node)).allSatisfy(beat -> {
                assertThat(ready(beat).getStatus()).isEqualTo("False");
                assertThat(ready(beat).getReason()).isEqualTo(NodeRecords.CONTAINER_RUNTIME_DOWN);
            });
        }
    }

    private void startAgent() {
        agent = NodeAgent.start(AgentConfig.defaults(cluster.get().bootstrapServers(), node), runtime);
    }

    private static NodeCondition ready(Node beat) {
        assertThat(beat).isNotNull();
        return beat.getStatus().getConditions().stream()
                .filter(c -> c.getType().equals("Ready"))
                .findFirst()
                .orElseThrow();
    }

    /** The phase in {@code report} if it is a report of {@code reporter}, else null. */
    private static String phaseOf(PodStatusReport report, String reporter) {
        return report == null || !reporter.equals(report.getNodeName()) ? null : report.getStatus().getPhase();
    }

    /** A report as another node writes it. */
    private static PodStatusReport report(String uid, String reporter) {
        return PodStatusReport.newBuilder()
                .setPodUid(uid)
                .setNodeName(reporter)
                .setStatus(PodStatus.newBuilder().setPhase("Pending").build())
                .setObservedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .build();
    }
}

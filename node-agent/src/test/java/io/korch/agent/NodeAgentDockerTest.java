package io.korch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Container;
import io.korch.agent.runtime.ContainerLabels;
import io.korch.agent.runtime.docker.DockerAvailable;
import io.korch.agent.runtime.docker.DockerRuntime;
import io.korch.api.ContainerStatus;
import io.korch.api.Event;
import io.korch.api.Node;
import io.korch.api.NodeCondition;
import io.korch.api.Pod;
import io.korch.api.PodStatusReport;
import io.korch.topics.Keys;
import io.korch.testkit.Pods;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agent against a real broker and real Docker, running the korch/busybox image. */
class NodeAgentDockerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static DockerRuntime docker;
    @RegisterExtension
    static final SharedCluster cluster = new SharedCluster();

    private final String node = "it-" + UUID.randomUUID().toString().substring(0, 8);
    /** Unique per test, so the shared topics hold no record of this pod from another test. */
    private final String podName = "web-" + UUID.randomUUID().toString().substring(0, 8);
    private final String podKey = "default/" + podName;
    private final String podUid = UUID.randomUUID().toString();
    /** Where the agent reports on the pod: {@code namespace/name/uid}. */
    private final String statusKey = Keys.podStatus(podKey, podUid);
    private final List<NodeAgent> agents = new ArrayList<>();

    @BeforeAll
    static void connectToDocker() {
        docker = DockerAvailable.runtime();
    }

    @AfterAll
    static void closeDocker() {
        if (docker != null) {
            docker.close();
        }
    }

    @AfterEach
    void stopAgentsAndRemoveContainers() {
        agents.forEach(NodeAgent::close);
        if (docker != null) {
            DockerAvailable.removeContainersOf(docker, node);
        }
    }

    @Test
    void runsTheContainerOfAnAssignedPodAndReportsThePodRunning() {
        // given
        startAgent();
        Pod pod = Pods.pod(podName).uid(podUid).build();

        // when
        cluster.get().assign(node, pod);

        // then
        Container container = awaitOneRunningContainer();
        assertThat(container.getLabels()).containsAllEntriesOf(Map.of(
                ContainerLabels.NODE, node,
                ContainerLabels.POD_NAMESPACE, "default",
                ContainerLabels.POD_NAME, podName,
                ContainerLabels.POD_UID, pod.getMetadata().getUid(),
                ContainerLabels.CONTAINER, "main"));
        assertThat(container.getNames()).containsExactly("/korch_" + node + "_default_" + podName + "_main");
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                PodStatusReport report = statuses.poll().latest(statusKey);
                assertThat(report).isNotNull();
                assertThat(report.getPodUid()).isEqualTo(pod.getMetadata().getUid());
                assertThat(report.getNodeName()).isEqualTo(node);
                assertThat(report.getStatus().getPhase()).isEqualTo("Running");
                assertThat(report.getStatus().getContainerStatuses().get(0).getContainerID())
                        .isEqualTo("docker://" + container.getId());
            });
        }
    }

    @Test
    void restartsAKilledContainerAndCountsTheRestart() {
        // given
        startAgent();
        Pod pod = Pods.pod(podName).uid(podUid).build();
        cluster.get().assign(node, pod);
        Container container = awaitOneRunningContainer();

        // when
        docker.client().killContainerCmd(container.getId()).exec();

        // then
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                PodStatusReport report = statuses.poll().latest(statusKey);
                assertThat(report).isNotNull();
                ContainerStatus main = report.getStatus().getContainerStatuses().get(0);
                assertThat(main.getRestartCount()).isEqualTo(1);
                assertThat(main.getState().getRunning()).isNotNull();
            });
        }
        assertThat(awaitOneRunningContainer().getId()).isEqualTo(container.getId());
    }

    @Test
    void removesTheContainerOfAPodNoLongerAssignedAndTombstonesItsStatus() {
        // given
        startAgent();
        Pod pod = Pods.pod(podName).uid(podUid).build();
        cluster.get().assign(node, pod);
        awaitOneRunningContainer();

        // when
        cluster.get().assign(node);

        // then
        await().atMost(WAIT).untilAsserted(() -> assertThat(containers()).isEmpty());
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS);
             TopicTail<Event> events = cluster.get().tail(Topics.EVENTS)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(statuses.poll().tombstoned(statusKey)).isTrue());
            await().atMost(WAIT).untilAsserted(() -> assertThat(events.poll().all(podKey))
                    .extracting(Event::getReason).contains("Created", "Started", "Killing"));
        }
    }

    @Test
    void removesSeveralPodsThatIgnoreTheStopSignalInAboutOneGracePeriod() {
        // given: pods whose command ignores SIGTERM, so each is killed when its grace period ends
        int grace = 5;
        startAgent();
        Pod[] pods = IntStream.range(0, 8)
                .mapToObj(i -> Pods.pod(podName + "-" + i).uid(UUID.randomUUID().toString())
                        .gracePeriodSeconds(grace).container("main", "sh", "-c", "trap '' TERM; sleep 3600").build())
                .toArray(Pod[]::new);
        cluster.get().assign(node, pods);
        await().atMost(WAIT.multipliedBy(2)).until(this::containers,
                list -> list.size() == pods.length && list.stream().allMatch(c -> "running".equals(c.getState())));

        // when
        long start = System.nanoTime();
        cluster.get().assign(node);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> containers().isEmpty());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then: each got its grace period, all at once rather than one pair after another
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(grace).minusMillis(500))
                .isLessThan(Duration.ofMillis(2500L * grace)); // one pair after another would take 4 x grace
    }

    @Test
    void adoptsItsRunningContainerAfterARestartInsteadOfCreatingAnother() {
        // given
        NodeAgent first = startAgent();
        Pod pod = Pods.pod(podName).uid(podUid).build();
        cluster.get().assign(node, pod);
        Container container = awaitOneRunningContainer();

        // when: the agent stops (its container keeps running) and a new one takes the node
        first.close();
        assertThat(awaitOneRunningContainer().getId()).isEqualTo(container.getId());
        startAgent();

        // then: for several passes there is still that one container, and it was created once
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(containers()).singleElement().satisfies(c -> {
                    assertThat(c.getId()).isEqualTo(container.getId());
                    assertThat(c.getState()).isEqualTo("running");
                }));
        try (TopicTail<Event> events = cluster.get().tail(Topics.EVENTS)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(events.poll().all(podKey))
                    .extracting(Event::getReason).containsOnlyOnce("Created"));
        }
    }

    @Test
    void keepsCountingRestartsOfAnAdoptedContainer() {
        // given: a container restarted once, then its agent replaced
        NodeAgent first = startAgent();
        Pod pod = Pods.pod(podName).uid(podUid).build();
        cluster.get().assign(node, pod);
        Container container = awaitOneRunningContainer();
        docker.client().killContainerCmd(container.getId()).exec();
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(restartCount(statuses.poll().latest(statusKey)))
                    .isEqualTo(1));
            first.close();
            startAgent();

            // when
            docker.client().killContainerCmd(awaitOneRunningContainer().getId()).exec();

            // then
            await().atMost(WAIT).untilAsserted(() -> assertThat(restartCount(statuses.poll().latest(statusKey)))
                    .isEqualTo(2));
        }
    }

    @Test
    void reportsAMissingImageAsWaitingWithoutPullingIt() {
        // given
        startAgent();
        Pod pod = Pods.pod(podName).uid(podUid)
                .container("main", "sleep", "1").image("korch/not-built:never").build();

        // when
        cluster.get().assign(node, pod);

        // then
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                PodStatusReport report = statuses.poll().latest(statusKey);
                assertThat(report).isNotNull();
                assertThat(report.getStatus().getPhase()).isEqualTo("Pending");
                assertThat(report.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
                        .isEqualTo("ErrImageNeverPull");
            });
        }
        assertThat(containers()).isEmpty();
    }

    @Test
    void heartbeatsTheReadyNodeIntoTheNodesTopic() {
        // when
        startAgent();

        // then
        try (TopicTail<Node> nodes = cluster.get().tail(Topics.NODES)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(nodes.poll().all(node)).hasSizeGreaterThanOrEqualTo(3));
            List<Node> beats = nodes.all(node);
            NodeCondition first = beats.get(0).getStatus().getConditions().get(0);
            NodeCondition last = beats.get(beats.size() - 1).getStatus().getConditions().get(0);
            assertThat(last.getType()).isEqualTo("Ready");
            assertThat(last.getStatus()).isEqualTo("True");
            assertThat(last.getLastHeartbeatTime()).isAfter(first.getLastHeartbeatTime());
            assertThat(beats.get(0).getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", node);
            assertThat(beats.get(0).getStatus().getNodeInfo().getContainerRuntimeVersion()).startsWith("docker://");
        }
    }

    private static int restartCount(PodStatusReport report) {
        if (report == null || report.getStatus().getContainerStatuses().get(0).getState().getRunning() == null) {
            return -1;
        }
        return report.getStatus().getContainerStatuses().get(0).getRestartCount();
    }

    private NodeAgent startAgent() {
        NodeAgent agent = NodeAgent.start(AgentConfig.defaults(cluster.get().bootstrapServers(), node), docker);
        agents.add(agent);
        return agent;
    }

    private List<Container> containers() {
        return docker.client().listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.NODE, node))
                .exec().stream()
                .filter(c -> !ContainerLabels.SANDBOX.equals(c.getLabels().get(ContainerLabels.CONTAINER)))
                .toList();
    }

    private Container awaitOneRunningContainer() {
        return await().atMost(WAIT).until(this::containers,
                list -> list.size() == 1 && "running".equals(list.get(0).getState())).get(0);
    }
}

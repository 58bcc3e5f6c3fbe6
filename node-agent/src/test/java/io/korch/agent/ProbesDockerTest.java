package io.korch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Container;
import io.korch.agent.probe.PodEvents;
import io.korch.agent.runtime.ContainerLabels;
import io.korch.agent.runtime.docker.DockerAvailable;
import io.korch.agent.runtime.docker.DockerRuntime;
import io.korch.api.ContainerStateTerminated;
import io.korch.api.ContainerStatus;
import io.korch.api.Event;
import io.korch.api.ExecAction;
import io.korch.api.HTTPGetAction;
import io.korch.api.Lifecycle;
import io.korch.api.LifecycleHandler;
import io.korch.api.Pod;
import io.korch.api.PodCondition;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import io.korch.api.Probe;
import io.korch.testkit.Pods;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Probes, restarts and init containers with a real broker and real Docker, probing every second. */
class ProbesDockerTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private static DockerRuntime docker;
    @RegisterExtension
    static final SharedCluster cluster = new SharedCluster();

    private final String node = "probes-" + UUID.randomUUID().toString().substring(0, 8);
    private final String podName = "web-" + UUID.randomUUID().toString().substring(0, 8);
    private final String podKey = "default/" + podName;
    private final String podUid = UUID.randomUUID().toString();
    private final String statusKey = Keys.podStatus(podKey, podUid);
    private NodeAgent agent;

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
    void stopAgentAndRemoveContainers() {
        if (agent != null) {
            agent.close();
        }
        if (docker != null) {
            DockerAvailable.removeContainersOf(docker, node);
        }
    }

    @Test
    void aReadinessProbeMakesTheContainerReadyUnreadyAndReadyAgain() {
        // given: httpd serving /www/index.html, probed every second
        Pod pod = Pods.pod(podName).uid(podUid)
                .command("sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www")
                .build();
        Probe readiness = every1s(Probe.newBuilder().setHttpGet(HTTPGetAction.newBuilder()
                .setPath("/index.html").setPort("8080").build()).build());
        readiness.setFailureThreshold(1);
        pod.getSpec().getContainers().get(0).setReadinessProbe(readiness);
        start(pod);

        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS);
             TopicTail<Event> events = cluster.get().tail(Topics.EVENTS)) {
            awaitReady(statuses, true);
            String id = awaitRunningContainer().getId();

            // when: the page goes away
            assertThat(docker.execCapture(id, List.of("rm", "/www/index.html"), Duration.ofSeconds(5)).succeeded())
                    .isTrue();

            // then
            awaitReady(statuses, false);
            await().atMost(WAIT).untilAsserted(() -> assertThat(events.poll().all(podKey))
                    .extracting(Event::getMessage)
                    .contains("Readiness probe failed: HTTP probe failed with statuscode: 404"));

            // when: it is back
            assertThat(docker.execCapture(id, List.of("sh", "-c", "echo ok > /www/index.html"),
                    Duration.ofSeconds(5)).succeeded()).isTrue();

            // then
            awaitReady(statuses, true);
        }
    }

    @Test
    void aFailingLivenessProbeKillsTheContainerAndItIsRestarted() {
        // given: a process that never becomes healthy
        Pod pod = Pods.pod(podName).uid(podUid).gracePeriodSeconds(2).command("sleep", "3600").build();
        Probe liveness = every1s(Probe.newBuilder().setExec(ExecAction.newBuilder()
                .setCommand(List.of("test", "-f", "/tmp/healthy")).build()).build());
        liveness.setFailureThreshold(2);
        pod.getSpec().getContainers().get(0).setLivenessProbe(liveness);

        // when
        start(pod);

        // then
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS);
             TopicTail<Event> events = cluster.get().tail(Topics.EVENTS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                ContainerStatus main = main(statuses.poll().latest(statusKey));
                assertThat(main.getRestartCount()).isGreaterThanOrEqualTo(1);
                assertThat(main.getLastState().getTerminated()).isNotNull();
            });
            await().atMost(WAIT).untilAsserted(() -> assertThat(events.poll().all(podKey))
                    .extracting(Event::getMessage)
                    .contains("Container main failed liveness probe, will be restarted",
                            "Liveness probe failed: "));
        }
    }

    @Test
    void aContainerThatKeepsFailingReachesCrashLoopBackOff() {
        // given
        Pod pod = Pods.pod(podName).uid(podUid).command("sh", "-c", "exit 1").build();

        // when
        start(pod);

        // then: restarted at once, then held back 10 s
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                ContainerStatus main = main(statuses.poll().latest(statusKey));
                assertThat(main.getState().getWaiting()).isNotNull();
                assertThat(main.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
                assertThat(main.getState().getWaiting().getMessage()).isEqualTo("back-off 10s restarting failed"
                        + " container=main pod=" + podName + "_default(" + podUid + ")");
                assertThat(main.getRestartCount()).isEqualTo(1);
                ContainerStateTerminated last = main.getLastState().getTerminated();
                assertThat(last.getExitCode()).isEqualTo(1);
                assertThat(last.getReason()).isEqualTo("Error");
            });
        }
    }

    @Test
    void initContainersRunOneAfterTheOtherBeforeTheAppContainer() {
        // given
        Pod pod = Pods.pod(podName).uid(podUid).command("sleep", "3600").build();
        pod.getSpec().setInitContainers(List.of(init("first"), init("second")));

        // when
        start(pod);

        // then
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                PodStatusReport report = statuses.poll().latest(statusKey);
                assertThat(report).isNotNull();
                PodStatus status = report.getStatus();
                assertThat(status.getPhase()).isEqualTo("Running");
                assertThat(condition(status, "Initialized")).isEqualTo("True");
                ContainerStateTerminated first = status.getInitContainerStatuses().get(0).getState().getTerminated();
                ContainerStateTerminated second = status.getInitContainerStatuses().get(1).getState().getTerminated();
                assertThat(first.getReason()).isEqualTo("Completed");
                assertThat(second.getReason()).isEqualTo("Completed");
                assertThat(second.getStartedAt()).isAfterOrEqualTo(first.getFinishedAt());
                assertThat(main(report).getState().getRunning().getStartedAt())
                        .isAfterOrEqualTo(second.getFinishedAt());
            });
        }
    }

    @Test
    void aPostStartHookRunsInTheStartedContainerAndAFailingPreStopHookIsReported() {
        // given: a postStart hook that leaves a mark, a preStop hook that fails
        Pod pod = Pods.pod(podName).uid(podUid).gracePeriodSeconds(2).command("sleep", "3600").build();
        pod.getSpec().getContainers().get(0).setLifecycle(Lifecycle.newBuilder()
                .setPostStart(exec("sh", "-c", "echo hooked > /post-start"))
                .setPreStop(exec("sh", "-c", "echo draining; exit 7"))
                .build());
        start(pod);

        try (TopicTail<Event> events = cluster.get().tail(Topics.EVENTS)) {
            // then: the hook ran inside the container
            String id = awaitRunningContainer().getId();
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(docker.execCapture(id,
                    List.of("cat", "/post-start"), Duration.ofSeconds(5)).output()).isEqualTo("hooked\n"));
            assertThat(events.poll().all(podKey)).extracting(Event::getReason)
                    .doesNotContain(PodEvents.FAILED_POST_START_HOOK);

            // when: the pod leaves the node, its preStop hook runs and fails
            cluster.get().assign(node);

            // then: the failure is an event, and the container goes all the same
            await().atMost(WAIT).untilAsserted(() -> assertThat(events.poll().all(podKey))
                    .filteredOn(event -> event.getReason().equals(PodEvents.FAILED_PRE_STOP_HOOK))
                    .singleElement().satisfies(event -> assertThat(event.getMessage())
                            .contains("Exec lifecycle hook ([sh -c echo draining; exit 7])", "draining")));
            await().atMost(WAIT).until(() -> docker.inspect(id).isEmpty());
        }
    }

    @Test
    void aFailingPostStartHookKillsTheContainerAndItIsRestarted() {
        // given
        Pod pod = Pods.pod(podName).uid(podUid).gracePeriodSeconds(2).command("sleep", "3600").build();
        pod.getSpec().getContainers().get(0).setLifecycle(Lifecycle.newBuilder()
                .setPostStart(exec("false")).build());

        // when
        start(pod);

        // then
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS);
             TopicTail<Event> events = cluster.get().tail(Topics.EVENTS)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(events.poll().all(podKey))
                    .extracting(Event::getReason).contains(PodEvents.FAILED_POST_START_HOOK));
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(main(statuses.poll().latest(statusKey)).getRestartCount()).isGreaterThanOrEqualTo(1));
        }
    }

    private static LifecycleHandler exec(String... command) {
        return LifecycleHandler.newBuilder().setExec(ExecAction.newBuilder().setCommand(List.of(command)).build()).build();
    }

    private static io.korch.api.Container init(String name) {
        return io.korch.api.Container.newBuilder().setName(name).setImage(Pods.IMAGE)
                .setCommand(List.of("sleep", "1")).build();
    }

    private static Probe every1s(Probe probe) {
        probe.setPeriodSeconds(1);
        return probe;
    }

    private void start(Pod pod) {
        agent = NodeAgent.start(AgentConfig.defaults(cluster.get().bootstrapServers(), node), docker);
        cluster.get().assign(node, pod);
    }

    private void awaitReady(TopicTail<PodStatusReport> statuses, boolean ready) {
        await().atMost(WAIT).untilAsserted(() -> {
            PodStatusReport report = statuses.poll().latest(statusKey);
            ContainerStatus main = main(report);
            assertThat(main.getState().getRunning()).isNotNull();
            assertThat(main.getReady()).isEqualTo(ready);
            assertThat(condition(report.getStatus(), "Ready")).isEqualTo(ready ? "True" : "False");
            assertThat(condition(report.getStatus(), "ContainersReady")).isEqualTo(ready ? "True" : "False");
        });
    }

    private static ContainerStatus main(PodStatusReport report) {
        assertThat(report).isNotNull();
        return report.getStatus().getContainerStatuses().get(0);
    }

    private static String condition(PodStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.getType().equals(type))
                .map(PodCondition::getStatus).findFirst().orElse(null);
    }

    private Container awaitRunningContainer() {
        return await().atMost(WAIT).until(() -> docker.client().listContainersCmd()
                        .withShowAll(true).withLabelFilter(Map.of(ContainerLabels.NODE, node)).exec().stream()
                        .filter(c -> !ContainerLabels.SANDBOX.equals(c.getLabels().get(ContainerLabels.CONTAINER)))
                        .toList(),
                list -> list.size() == 1 && "running".equals(list.get(0).getState())).get(0);
    }
}

package io.korch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.agent.probe.ContainerHealth;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.api.ContainerStatus;
import io.korch.api.Pod;
import io.korch.api.PodCondition;
import io.korch.api.PodStatus;
import io.korch.testkit.Pods;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pod status from observed containers: phases, container states, conditions. */
class PodStatusesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = T0.plusSeconds(60);

    @Test
    void aRunningContainerMakesThePodRunningAndReady() {
        // given
        Pod pod = Pods.pod("web").build();
        RuntimeContainer running = Observed.of(pod, "main").createdAt(T0).running(T0.plusSeconds(1));

        // when
        PodStatus status = PodStatuses.of(pod, List.of(running), Map.of(), null, "docker", NOW);

        // then
        assertThat(status.getPhase()).isEqualTo("Running");
        assertThat(status.getHostIP()).isEqualTo("127.0.0.1");
        assertThat(status.getStartTime()).isEqualTo(T0);
        ContainerStatus main = status.getContainerStatuses().get(0);
        assertThat(main.getReady()).isTrue();
        assertThat(main.getContainerID()).isEqualTo("docker://" + running.id());
        assertThat(main.getState().getRunning().getStartedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(conditions(status)).containsExactly(
                "Initialized=True", "Ready=True", "ContainersReady=True", "PodScheduled=True");
    }

    @Test
    void aContainerNotCreatedYetLeavesThePodPendingWithContainerCreating() {
        // given
        Pod pod = Pods.pod("web").build();

        // when
        PodStatus status = PodStatuses.of(pod, List.of(), Map.of(), null, "docker", NOW);

        // then
        assertThat(status.getPhase()).isEqualTo("Pending");
        assertThat(status.getContainerStatuses().get(0).getState().getWaiting().getReason())
                .isEqualTo("ContainerCreating");
        assertThat(conditions(status)).contains("Ready=False", "ContainersReady=False");
        assertThat(status.getConditions().get(1).getMessage()).isEqualTo("containers with unready status: [main]");
    }

    @Test
    void aMissingImageShowsAsWaitingWithTheFailureOfTheLastCreate() {
        // given
        Pod pod = Pods.pod("web").build();
        ContainerHistory failed = ContainerHistory.NEW.failed("ErrImageNeverPull", "image \"x\" is not present", T0);

        // when
        PodStatus status = PodStatuses.of(pod, List.of(),
                Map.of(new ContainerKey(pod.getMetadata().getUid(), "main"), failed), null, "docker", NOW);

        // then
        assertThat(status.getPhase()).isEqualTo("Pending");
        assertThat(status.getContainerStatuses().get(0).getState().getWaiting().getReason())
                .isEqualTo("ErrImageNeverPull");
        assertThat(status.getContainerStatuses().get(0).getState().getWaiting().getMessage())
                .isEqualTo("image \"x\" is not present");
    }

    @Test
    void anExitedContainerAwaitingItsRestartIsInCrashLoopBackOffAndThePodStaysRunning() {
        // given
        Pod pod = Pods.pod("web").build();
        RuntimeContainer exited = Observed.of(pod, "main").exited(1, T0, T0.plusSeconds(1));
        ContainerKey key = new ContainerKey(pod.getMetadata().getUid(), "main");

        // when
        ContainerHistory twice = ContainerHistory.NEW.restarted(0).restarted(1);
        PodStatus status = PodStatuses.of(pod, List.of(exited), Map.of(key, twice), null,
                "docker", T0.plusSeconds(5));

        // then
        assertThat(status.getPhase()).isEqualTo("Running");
        ContainerStatus main = status.getContainerStatuses().get(0);
        assertThat(main.getRestartCount()).isEqualTo(2);
        assertThat(main.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(main.getState().getWaiting().getMessage()).isEqualTo("back-off 20s restarting failed container=main"
                + " pod=web_default(" + pod.getMetadata().getUid() + ")");
    }

    @Test
    void aContainerThatFailedUnderNeverIsTerminatedAndThePodFailed() {
        // given
        Pod pod = Pods.pod("job").restartPolicy("Never").build();
        RuntimeContainer exited = Observed.of(pod, "main").exited(3, T0, T0.plusSeconds(1));

        // when
        PodStatus status = PodStatuses.of(pod, List.of(exited), Map.of(), null, "docker", NOW);

        // then
        assertThat(status.getPhase()).isEqualTo("Failed");
        assertThat(status.getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(status.getContainerStatuses().get(0).getState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(status.getConditions().get(1).getReason()).isEqualTo("PodCompleted");
    }

    @Test
    void containersThatAllExitedWithZeroUnderOnFailureMakeThePodSucceeded() {
        // given
        Pod pod = Pods.pod("job").restartPolicy("OnFailure").container("a", "true").container("b", "true").build();
        RuntimeContainer a = Observed.of(pod, "a").exited(0, T0, T0.plusSeconds(1));
        RuntimeContainer b = Observed.of(pod, "b").exited(0, T0, T0.plusSeconds(2));

        // when
        PodStatus status = PodStatuses.of(pod, List.of(a, b), Map.of(), null, "docker", NOW);

        // then
        assertThat(status.getPhase()).isEqualTo("Succeeded");
        assertThat(status.getContainerStatuses()).allSatisfy(c ->
                assertThat(c.getState().getTerminated().getReason()).isEqualTo("Completed"));
    }

    @Test
    void anUnchangedPodGivesAnEqualStatusLater() {
        // given
        Pod pod = Pods.pod("web").build();
        RuntimeContainer running = Observed.of(pod, "main").running(T0);
        PodStatus first = PodStatuses.of(pod, List.of(running), Map.of(), null, "docker", NOW);

        // when
        PodStatus later = PodStatuses.of(pod, List.of(running), Map.of(), first, "docker", NOW.plusSeconds(30));

        // then: transition times and start time are carried over
        assertThat(later).isEqualTo(first);
    }

    @Test
    void aConditionThatChangesGetsANewTransitionTime() {
        // given
        Pod pod = Pods.pod("web").build();
        PodStatus pending = PodStatuses.of(pod, List.of(), Map.of(), null, "docker", T0);
        RuntimeContainer running = Observed.of(pod, "main").running(NOW);

        // when
        PodStatus ready = PodStatuses.of(pod, List.of(running), Map.of(), pending, "docker", NOW);

        // then
        assertThat(transition(ready, "Ready")).isEqualTo(NOW);
        assertThat(transition(ready, "PodScheduled")).isEqualTo(T0);
    }

    @Test
    void phaseFollowsKubernetesRules() {
        assertThat(PodStatuses.phase(RestartPolicy.ALWAYS, 1, 1, 0, 0)).isEqualTo("Pending");
        assertThat(PodStatuses.phase(RestartPolicy.ALWAYS, 1, 0, 1, 0)).isEqualTo("Running");
        assertThat(PodStatuses.phase(RestartPolicy.ALWAYS, 0, 0, 1, 1)).isEqualTo("Running");
        assertThat(PodStatuses.phase(RestartPolicy.NEVER, 0, 0, 2, 2)).isEqualTo("Succeeded");
        assertThat(PodStatuses.phase(RestartPolicy.NEVER, 0, 0, 2, 1)).isEqualTo("Failed");
        assertThat(PodStatuses.phase(RestartPolicy.ON_FAILURE, 0, 0, 2, 1)).isEqualTo("Running");
        assertThat(PodStatuses.phase(RestartPolicy.ON_FAILURE, 0, 0, 0, 0)).isEqualTo("Pending");
    }

    private static List<String> conditions(PodStatus status) {
        return status.getConditions().stream().map(c -> c.getType() + "=" + c.getStatus()).toList();
    }

    private static Instant transition(PodStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.getType().equals(type))
                .map(PodCondition::getLastTransitionTime).findFirst().orElseThrow();
    }

    @Test
    void aPodWaitingForItsInitContainersIsPendingAndNotInitialized() {
        // given: the first of two init containers is done, the second runs
        Pod pod = ReconcilerTest.withInit(Pods.pod("web").build(), "first", "second");
        RuntimeContainer first = Observed.of(pod, "first").exited(0, T0, T0.plusSeconds(1));
        RuntimeContainer second = Observed.of(pod, "second").running(T0.plusSeconds(2));

        // when
        PodStatus status = PodStatuses.of(pod, List.of(first, second), Map.of(), null, "docker", NOW);

        // then
        assertThat(status.getPhase()).isEqualTo("Pending");
        assertThat(status.getInitContainerStatuses()).extracting(ContainerStatus::getName)
                .containsExactly("first", "second");
        ContainerStatus firstStatus = status.getInitContainerStatuses().get(0);
        assertThat(firstStatus.getReady()).isTrue();
        assertThat(firstStatus.getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(status.getInitContainerStatuses().get(1).getState().getRunning()).isNotNull();
        assertThat(status.getContainerStatuses().get(0).getState().getWaiting().getReason())
                .isEqualTo("PodInitializing");
        PodCondition initialized = status.getConditions().get(0);
        assertThat(initialized.getStatus()).isEqualTo("False");
        assertThat(initialized.getReason()).isEqualTo("ContainersNotInitialized");
        assertThat(initialized.getMessage()).isEqualTo("containers with incomplete status: [second]");
    }

    @Test
    void aFailedInitContainerUnderNeverFailsThePod() {
        // given
        Pod pod = ReconcilerTest.withInit(Pods.pod("job").restartPolicy("Never").build(), "setup");
        RuntimeContainer setup = Observed.of(pod, "setup").exited(2, T0, T0.plusSeconds(1));

        // when
        PodStatus status = PodStatuses.of(pod, List.of(setup), Map.of(), null, "docker", NOW);

        // then
        assertThat(status.getPhase()).isEqualTo("Failed");
        assertThat(status.getInitContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(2);
    }

    @Test
    void aPodWhoseInitContainersAllSucceededIsInitialized() {
        // given
        Pod pod = ReconcilerTest.withInit(Pods.pod("web").build(), "setup");
        RuntimeContainer setup = Observed.of(pod, "setup").exited(0, T0, T0.plusSeconds(1));
        RuntimeContainer main = Observed.of(pod, "main").running(T0.plusSeconds(2));

        // when
        PodStatus status = PodStatuses.of(pod, List.of(setup, main), Map.of(), null, "docker", NOW);

        // then
        assertThat(status.getPhase()).isEqualTo("Running");
        assertThat(conditions(status)).containsExactly(
                "Initialized=True", "Ready=True", "ContainersReady=True", "PodScheduled=True");
    }

    @Test
    void aRunningContainerIsReadyAndStartedOnlyAsItsProbesSay() {
        // given
        Pod pod = Pods.pod("web").build();
        RuntimeContainer running = Observed.of(pod, "main").running(T0);

        // when
        PodStatus unready = PodStatuses.of(pod, List.of(running), Map.of(),
                (spec, c) -> new ContainerHealth(true, false, null, null), null, "docker", NOW);
        PodStatus notStarted = PodStatuses.of(pod, List.of(running), Map.of(),
                (spec, c) -> new ContainerHealth(false, false, null, null), null, "docker", NOW);

        // then
        assertThat(unready.getPhase()).isEqualTo("Running");
        assertThat(unready.getContainerStatuses().get(0).getReady()).isFalse();
        assertThat(unready.getContainerStatuses().get(0).getStarted()).isTrue();
        assertThat(conditions(unready)).contains("Ready=False", "ContainersReady=False");
        assertThat(notStarted.getContainerStatuses().get(0).getStarted()).isFalse();
    }

    @Test
    void aRestartedContainerShowsHowItsLastRunEnded() {
        // given
        Pod pod = Pods.pod("web").build();
        RuntimeContainer exited = Observed.of(pod, "main").exited(1, T0, T0.plusSeconds(1));
        ContainerHistory restarted = ContainerHistory.NEW.restarted(0, PodStatuses.terminated(exited));
        RuntimeContainer running = Observed.of(pod, "main").running(T0.plusSeconds(2));

        // when
        PodStatus status = PodStatuses.of(pod, List.of(running),
                Map.of(new ContainerKey(pod.getMetadata().getUid(), "main"), restarted), null, "docker", NOW);

        // then
        ContainerStatus main = status.getContainerStatuses().get(0);
        assertThat(main.getRestartCount()).isEqualTo(1);
        assertThat(main.getLastState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(main.getLastState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(main.getLastState().getTerminated().getFinishedAt()).isEqualTo(T0.plusSeconds(1));
    }
}

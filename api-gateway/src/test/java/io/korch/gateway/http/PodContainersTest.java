package io.korch.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.api.ContainerState;
import io.korch.api.ContainerStateRunning;
import io.korch.api.ContainerStateTerminated;
import io.korch.api.ContainerStateWaiting;
import io.korch.api.ContainerStatus;
import io.korch.api.Pod;
import io.korch.api.PodStatus;
import io.korch.gateway.resource.ApiError;
import io.korch.testkit.Pods;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodContainersTest {

    @Test
    void theOnlyContainerIsChosenWhenNoneIsNamed() {
        assertThat(PodContainers.choose(Pods.pod("web").build(), null)).isEqualTo("main");
    }

    @Test
    void aWaitingContainerHasNoLogYet() {
        Pod pod = withStatus(ContainerState.newBuilder()
                .setWaiting(ContainerStateWaiting.newBuilder().setReason("ContainerCreating").build()).build(), 0);

        assertThatThrownBy(() -> PodContainers.requireLog(pod, "main", false))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessage("container \"main\" in pod \"web\" is waiting to start: ContainerCreating");
    }

    @Test
    void aContainerWithoutStatusIsWaitingWithNoLogs() {
        assertThatThrownBy(() -> PodContainers.requireLog(Pods.pod("web").build(), "main", false))
                .hasMessage("container \"main\" in pod \"web\" is waiting to start - no logs yet");
    }

    @Test
    void thePreviousLogNeedsAPreviousRun() {
        Pod firstRun = withStatus(running(), 0);
        Pod restarted = withStatus(running(), 1);

        assertThatThrownBy(() -> PodContainers.requireLog(firstRun, "main", true))
                .hasMessage("previous terminated container \"main\" in pod \"web\" not found");
        PodContainers.requireLog(restarted, "main", true);
        PodContainers.requireLog(firstRun, "main", false);
    }

    @Test
    void onlyARunningContainerTakesExec() {
        Pod exited = withStatus(ContainerState.newBuilder().setTerminated(ContainerStateTerminated.newBuilder()
                .setExitCode(0).setReason("Completed").build()).build(), 0);

        assertThat(PodContainers.running(withStatus(running(), 0), "main")).isTrue();
        assertThat(PodContainers.running(exited, "main")).isFalse();
    }

    private static ContainerState running() {
        return ContainerState.newBuilder()
                .setRunning(ContainerStateRunning.newBuilder().setStartedAt(Instant.EPOCH).build()).build();
    }

    private static Pod withStatus(ContainerState state, int restarts) {
        ContainerStatus status = ContainerStatus.newBuilder().setName("main").setImage("busybox").setReady(false)
                .setRestartCount(restarts).setState(state).build();
        return Pods.pod("web").status(PodStatus.newBuilder().setPhase("Running")
                .setContainerStatuses(List.of(status)).build()).build();
    }
}

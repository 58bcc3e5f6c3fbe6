package io.korch.printing;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Container;
import io.korch.api.ContainerState;
import io.korch.api.ContainerStateRunning;
import io.korch.api.ContainerStateTerminated;
import io.korch.api.ContainerStateWaiting;
import io.korch.api.ContainerStatus;
import io.korch.api.Pod;
import io.korch.api.PodCondition;
import io.korch.api.PodStatus;
import java.util.ArrayList;
import java.util.List;
import io.korch.testkit.Pods;
import org.junit.jupiter.api.Test;

/** The STATUS, READY and RESTARTS kubectl shows of a pod. */
class PodStatusesTest {

    @Test
    void showsTheWaitingReasonOfAContainerAsPodStatus() {
        Pod pod = Pods.pod("web-1").nodeName("node-1").status(PodStates.waiting("ErrImageNeverPull")).build();

        assertThat(PodStatuses.status(pod)).isEqualTo("ErrImageNeverPull");
        assertThat(PodStatuses.ready(pod)).isEqualTo("0/1");
    }

    @Test
    void showsTheExitCodeOfAContainerThatEndedWithoutAReason() {
        Pod pod = Pods.pod("job-1").status(PodStates.terminated("Failed", 3, null)).build();

        assertThat(PodStatuses.status(pod)).isEqualTo("ExitCode:3");
    }

    @Test
    void showsARunningPodWithItsReadyContainersAndRestarts() {
        Pod pod = Pods.pod("web-1").nodeName("node-1").status(PodStates.running(4)).build();

        assertThat(PodStatuses.status(pod)).isEqualTo("Running");
        assertThat(PodStatuses.ready(pod)).isEqualTo("1/1");
        assertThat(PodStatuses.restarts(pod)).isEqualTo(4);
    }

    @Test
    void showsAPodBeingDeletedAsTerminating() {
        Pod pod = Pods.pod("web-1").nodeName("node-1").status(PodStates.running(0)).deleting().build();

        assertThat(PodStatuses.status(pod)).isEqualTo("Terminating");
    }

    @Test
    void countsInitContainersDoneWhileTheyRun() {
        assertThat(PodStatuses.status(initPod(waiting("PodInitializing"), waiting("PodInitializing"))))
                .isEqualTo("Init:0/2");
        assertThat(PodStatuses.status(initPod(terminated(0, "Completed"), running())))
                .isEqualTo("Init:1/2");
    }

    @Test
    void showsWhyAnInitContainerFailed() {
        assertThat(PodStatuses.status(initPod(terminated(1, "Error"), waiting("PodInitializing"))))
                .isEqualTo("Init:Error");
        assertThat(PodStatuses.status(initPod(waiting("CrashLoopBackOff"), waiting("PodInitializing"))))
                .isEqualTo("Init:CrashLoopBackOff");
        assertThat(PodStatuses.status(initPod(terminated(3, null), waiting("PodInitializing"))))
                .isEqualTo("Init:ExitCode:3");
    }

    @Test
    void showsPodInitializingOnceTheInitContainersAreDoneAndTheAppContainerIsNotCreatedYet() {
        Pod pod = initPod(terminated(0, "Completed"), terminated(0, "Completed"));

        assertThat(PodStatuses.status(pod)).isEqualTo("PodInitializing");
    }

    @Test
    void countsTheRestartsOfInitContainersWhileTheyRun() {
        Pod pod = initPod(terminated(0, "Completed"), waiting("CrashLoopBackOff"));
        pod.getStatus().getInitContainerStatuses().get(1).setRestartCount(3);

        assertThat(PodStatuses.restarts(pod)).isEqualTo(3);
    }

    @Test
    void showsTheStateOfAnAppContainerThatEnded() {
        assertThat(PodStatuses.status(appPod("Running", waiting("CrashLoopBackOff")))).isEqualTo("CrashLoopBackOff");
        assertThat(PodStatuses.status(appPod("Failed", terminated(1, "Error")))).isEqualTo("Error");
        assertThat(PodStatuses.status(appPod("Succeeded", terminated(0, "Completed")))).isEqualTo("Completed");
        assertThat(PodStatuses.status(appPod("Running", terminated(137, "OOMKilled")))).isEqualTo("OOMKilled");
    }

    @Test
    void aPodBeingDeletedThatEndedKeepsItsStatus() {
        Pod pod = Pods.pod("job-1").status(PodStates.terminated("Succeeded", 0, "Completed")).deleting().build();

        assertThat(PodStatuses.status(pod)).isEqualTo("Completed");
    }

    private static Pod appPod(String phase, ContainerState state) {
        return Pods.pod("web-1").nodeName("node-1").status(PodStatus.newBuilder().setPhase(phase)
                .setContainerStatuses(List.of(status("main", state))).build()).build();
    }

    /** A pending pod with two init containers in the given states and its app container waiting. */
    private static Pod initPod(ContainerState first, ContainerState second) {
        Pod pod = Pods.pod("web-1").nodeName("node-1").status(PodStatus.newBuilder()
                .setPhase("Pending")
                .setConditions(List.of(PodCondition.newBuilder().setType("Initialized").setStatus("False").build()))
                .setInitContainerStatuses(new ArrayList<>(List.of(status("first", first), status("second", second))))
                .setContainerStatuses(List.of(status("main", waiting("PodInitializing"))))
                .build()).build();
        pod.getSpec().setInitContainers(List.of(init("first"), init("second")));
        return pod;
    }

    private static Container init(String name) {
        return Container.newBuilder().setName(name).setImage(Pods.IMAGE).build();
    }

    private static ContainerStatus status(String name, ContainerState state) {
        return ContainerStatus.newBuilder().setName(name).setImage(Pods.IMAGE).setState(state).build();
    }

    private static ContainerState waiting(String reason) {
        return ContainerState.newBuilder().setWaiting(ContainerStateWaiting.newBuilder().setReason(reason).build())
                .build();
    }

    private static ContainerState running() {
        return ContainerState.newBuilder().setRunning(ContainerStateRunning.newBuilder().build()).build();
    }

    private static ContainerState terminated(int exitCode, String reason) {
        return ContainerState.newBuilder().setTerminated(ContainerStateTerminated.newBuilder()
                .setExitCode(exitCode).setReason(reason).build()).build();
    }
}

package io.korch.printing;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Pod;
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
}

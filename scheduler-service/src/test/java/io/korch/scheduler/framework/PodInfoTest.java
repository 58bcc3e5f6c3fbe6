package io.korch.scheduler.framework;

import static io.korch.scheduler.testing.Infos.podInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.api.Pod;
import io.korch.testkit.Pods;
import org.junit.jupiter.api.Test;

/** What the scheduler reads from a pod's containers. */
class PodInfoTest {

    @Test
    void sumsTheRequestsOfEveryContainer() {
        PodInfo pod = podInfo(Pods.pod("p").cpu("250m").memory("128Mi").sidecar("sidecar").cpu("1").memory("1Gi"));

        assertThat(pod.cpuMillis()).isEqualTo(1250);
        assertThat(pod.memoryBytes()).isEqualTo((128L + 1024) * 1024 * 1024);
        assertThat(pod.scoringCpuMillis()).isEqualTo(1250);
    }

    @Test
    void takesTheLimitWhenNoRequestIsGiven() {
        PodInfo pod = podInfo(Pods.pod("p").limit("cpu", "2").limit("memory", "1Gi"));

        assertThat(pod.cpuMillis()).isEqualTo(2000);
        assertThat(pod.memoryBytes()).isEqualTo(1L << 30);
    }

    @Test
    void countsDefaultsForScoringOnlyWhenAContainerRequestsNothing() {
        PodInfo pod = podInfo(Pods.pod("p").sidecar("sidecar").cpu("300m"));

        assertThat(pod.cpuMillis()).isEqualTo(300);
        assertThat(pod.memoryBytes()).isZero();
        assertThat(pod.scoringCpuMillis()).isEqualTo(PodInfo.DEFAULT_SCORING_CPU_MILLIS + 300);
        assertThat(pod.scoringMemoryBytes()).isEqualTo(2 * PodInfo.DEFAULT_SCORING_MEMORY_BYTES);
    }

    @Test
    void knowsItsControllerOwner() {
        assertThat(podInfo(Pods.pod("p").owner("rs-uid")).ownerUid()).isEqualTo("rs-uid");
        assertThat(podInfo(Pods.pod("p")).ownerUid()).isNull();
    }

    @Test
    void rejectsAnInvalidQuantityNamingTheContainerAndResource() {
        Pod pod = Pods.pod("p").container("c0").cpu("lots").build();

        assertThatThrownBy(() -> PodInfo.of("default/p", pod))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("container \"c0\": cpu")
                .hasMessageContaining("lots");
    }

    @Test
    void rejectsContainersWhoseRequestsOverflowWhenAddedUp() {
        // given two containers of 7Ei each: valid alone, more than a long holds together
        Pod pod = Pods.pod("p").memory("7Ei").sidecar("sidecar").memory("7Ei").build();

        // when / then an IllegalArgumentException, which callers treat as an invalid pod
        assertThatThrownBy(() -> PodInfo.of("default/p", pod))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("memory requests overflow");
    }

    @Test
    void rejectsCpuRequestsThatOverflowWhenAddedUp() {
        Pod pod = Pods.pod("p").cpu("5P").sidecar("sidecar").cpu("5P").build();

        assertThatThrownBy(() -> PodInfo.of("default/p", pod))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cpu requests overflow");
    }

    @Test
    void bindsACopyAndLeavesTheOriginalRecordAlone() {
        // given
        PodInfo pod = podInfo(Pods.pod("p").cpu("1"));

        // when
        PodInfo bound = pod.boundTo("node-1");

        // then
        assertThat(bound.pod().getSpec().getNodeName()).isEqualTo("node-1");
        assertThat(pod.pod().getSpec().getNodeName()).isNull();
        assertThat(bound.cpuMillis()).isEqualTo(1000);
    }
}

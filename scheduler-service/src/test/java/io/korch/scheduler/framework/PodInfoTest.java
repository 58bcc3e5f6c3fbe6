package io.korch.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.api.Pod;
import io.korch.scheduler.testing.Pods;
import org.junit.jupiter.api.Test;

/** What the scheduler reads from a pod's containers. */
class PodInfoTest {

    @Test
    void sumsTheRequestsOfEveryContainer() {
        PodInfo pod = Pods.pod("p").cpu("250m").memory("128Mi").container().cpu("1").memory("1Gi").info();

        assertThat(pod.cpuMillis()).isEqualTo(1250);
        assertThat(pod.memoryBytes()).isEqualTo((128L + 1024) * 1024 * 1024);
        assertThat(pod.scoringCpuMillis()).isEqualTo(1250);
    }

    @Test
    void takesTheLimitWhenNoRequestIsGiven() {
        PodInfo pod = Pods.pod("p").limit("cpu", "2").limit("memory", "1Gi").info();

        assertThat(pod.cpuMillis()).isEqualTo(2000);
        assertThat(pod.memoryBytes()).isEqualTo(1L << 30);
    }

    @Test
    void countsDefaultsForScoringOnlyWhenAContainerRequestsNothing() {
        PodInfo pod = Pods.pod("p").container().cpu("300m").info();

        assertThat(pod.cpuMillis()).isEqualTo(300);
        assertThat(pod.memoryBytes()).isZero();
        assertThat(pod.scoringCpuMillis()).isEqualTo(PodInfo.DEFAULT_SCORING_CPU_MILLIS + 300);
        assertThat(pod.scoringMemoryBytes()).isEqualTo(2 * PodInfo.DEFAULT_SCORING_MEMORY_BYTES);
    }

    @Test
    void knowsItsControllerOwner() {
        assertThat(Pods.pod("p").owner("rs-uid").info().ownerUid()).isEqualTo("rs-uid");
        assertThat(Pods.pod("p").info().ownerUid()).isNull();
    }

    @Test
    void rejectsAnInvalidQuantityNamingTheContainerAndResource() {
        Pod pod = Pods.pod("p").cpu("lots").build();

        assertThatThrownBy(() -> PodInfo.of("default/p", pod))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("container \"c0\": cpu")
                .hasMessageContaining("lots");
    }

    @Test
    void rejectsContainersWhoseRequestsOverflowWhenAddedUp() {
        // given two containers of 7Ei each: valid alone, more than a long holds together
        Pod pod = Pods.pod("p").memory("7Ei").container().memory("7Ei").build();

        // when / then an IllegalArgumentException, which callers treat as an invalid pod
        assertThatThrownBy(() -> PodInfo.of("default/p", pod))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("memory requests overflow");
    }

    @Test
    void rejectsCpuRequestsThatOverflowWhenAddedUp() {
        Pod pod = Pods.pod("p").cpu("5P").container().cpu("5P").build();

        assertThatThrownBy(() -> PodInfo.of("default/p", pod))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cpu requests overflow");
    }

    @Test
    void bindsACopyAndLeavesTheOriginalRecordAlone() {
        // given
        PodInfo pod = Pods.pod("p").cpu("1").info();

        // when
        PodInfo bound = pod.boundTo("node-1");

        // then
        assertThat(bound.pod().getSpec().getNodeName()).isEqualTo("node-1");
        assertThat(pod.pod().getSpec().getNodeName()).isNull();
        assertThat(bound.cpuMillis()).isEqualTo(1000);
    }
}

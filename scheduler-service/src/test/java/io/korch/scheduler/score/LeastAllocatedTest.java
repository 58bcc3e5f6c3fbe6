package io.korch.scheduler.score;

import static io.korch.scheduler.testing.Infos.nodeInfo;
import static io.korch.scheduler.testing.Infos.podInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.scheduler.framework.NodeInfo;
import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven cases of the least-allocated score. */
class LeastAllocatedTest {

    @ParameterizedTest(name = "{0} of {1} requested leaves {2}")
    @CsvSource({
            "0,    1000, 100",
            "250,  1000, 75",
            "500,  1000, 50",
            "999,  1000, 0",
            "1000, 1000, 0",
            "2000, 1000, 0",
            "0,    0,    0",
    })
    void scoresTheFreeShareAfterPlacing(long requested, long allocatable, long expected) {
        assertThat(LeastAllocated.freeShare(requested, allocatable)).isEqualTo(expected);
    }

    @Test
    void averagesCpuAndMemoryIncludingTheIncomingPod() {
        // given a 4-cpu 8Gi node running 1 cpu and 2Gi
        NodeInfo node = nodeInfo(Nodes.node("n").cpu("4").memory("8Gi"), podInfo(Pods.pod("x").cpu("1").memory("2Gi")));

        // when a pod of 1 cpu and 2Gi comes: cpu 50% free, memory 50% free
        long score = new LeastAllocated().score(podInfo(Pods.pod("p").cpu("1").memory("2Gi")), node);

        // then
        assertThat(score).isEqualTo(50);
    }

    @Test
    void prefersTheEmptierNode() {
        Pods pod = Pods.pod("p").cpu("500m").memory("512Mi");
        NodeInfo empty = nodeInfo(Nodes.node("empty"));
        NodeInfo busy = nodeInfo(Nodes.node("busy"), podInfo(Pods.pod("x").cpu("2").memory("4Gi")));

        assertThat(new LeastAllocated().score(podInfo(pod), empty)).isGreaterThan(new LeastAllocated().score(podInfo(pod), busy));
    }

    @Test
    void countsPodsWithoutRequestsSoTheyStillSpread() {
        NodeInfo empty = nodeInfo(Nodes.node("empty").cpu("1").memory("1Gi"));
        NodeInfo busy = nodeInfo(Nodes.node("busy").cpu("1").memory("1Gi"), podInfo(Pods.pod("x")));

        assertThat(new LeastAllocated().score(podInfo(Pods.pod("p")), empty))
                .isGreaterThan(new LeastAllocated().score(podInfo(Pods.pod("p")), busy));
    }
}

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

/** Table-driven cases of the spread score. */
class SpreadByOwnerTest {

    @ParameterizedTest(name = "{0} sibling(s) on the node score {1}")
    @CsvSource({"0, 100", "1, 50", "2, 33", "3, 25", "99, 1"})
    void scoresFewerSiblingsHigher(int siblings, long expected) {
        assertThat(SpreadByOwner.score(siblings)).isEqualTo(expected);
    }

    @Test
    void countsOnlyPodsOfTheSameOwner() {
        // given a node running one pod of owner a and two of owner b
        NodeInfo node = nodeInfo(Nodes.node("n"), 
                podInfo(Pods.pod("a-1").owner("a")), podInfo(Pods.pod("b-1").owner("b")), podInfo(Pods.pod("b-2").owner("b")));

        // when / then
        assertThat(new SpreadByOwner().score(podInfo(Pods.pod("a-2").owner("a")), node)).isEqualTo(50);
        assertThat(new SpreadByOwner().score(podInfo(Pods.pod("b-3").owner("b")), node)).isEqualTo(33);
        assertThat(new SpreadByOwner().score(podInfo(Pods.pod("c-1").owner("c")), node)).isEqualTo(100);
    }

    @Test
    void givesAPodWithoutOwnerTheSameScoreEverywhere() {
        NodeInfo busy = nodeInfo(Nodes.node("busy"), podInfo(Pods.pod("x")), podInfo(Pods.pod("y")));
        assertThat(new SpreadByOwner().score(podInfo(Pods.pod("lonely")), busy)).isEqualTo(100);
    }
}

package io.korch.scheduler.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.testing.Nodes;
import io.korch.scheduler.testing.Pods;
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
        NodeInfo node = Nodes.node("n").info(
                Pods.pod("a-1").owner("a").info(), Pods.pod("b-1").owner("b").info(), Pods.pod("b-2").owner("b").info());

        // when / then
        assertThat(new SpreadByOwner().score(Pods.pod("a-2").owner("a").info(), node)).isEqualTo(50);
        assertThat(new SpreadByOwner().score(Pods.pod("b-3").owner("b").info(), node)).isEqualTo(33);
        assertThat(new SpreadByOwner().score(Pods.pod("c-1").owner("c").info(), node)).isEqualTo(100);
    }

    @Test
    void givesAPodWithoutOwnerTheSameScoreEverywhere() {
        NodeInfo busy = Nodes.node("busy").info(Pods.pod("x").info(), Pods.pod("y").info());
        assertThat(new SpreadByOwner().score(Pods.pod("lonely").info(), busy)).isEqualTo(100);
    }
}

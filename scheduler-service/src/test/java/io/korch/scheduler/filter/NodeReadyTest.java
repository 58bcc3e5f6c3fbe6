package io.korch.scheduler.filter;

import static io.korch.scheduler.testing.Infos.nodeInfo;
import static io.korch.scheduler.testing.Infos.podInfo;
import static io.korch.testkit.Nodes.health;
import static io.korch.testkit.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.NodeHealth;
import io.korch.scheduler.framework.NodeInfo;
import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven cases of the node-ready filter. */
class NodeReadyTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("ready condition, no verdict yet", node("n").ready("True"), null, List.of()),
                Arguments.of("not-ready condition, no verdict yet", node("n").ready("False"), null,
                        List.of(NodeReady.NOT_READY)),
                Arguments.of("unknown condition, no verdict yet", node("n").ready("Unknown"), null,
                        List.of(NodeReady.NOT_READY)),
                Arguments.of("no Ready condition at all", node("n").ready(null), null, List.of(NodeReady.NOT_READY)),
                Arguments.of("verdict ready overrides a stale condition", node("n").ready("False"), health("n", true),
                        List.of()),
                Arguments.of("verdict not ready overrides the node's own claim", node("n").ready("True"),
                        health("n", false), List.of(NodeReady.NOT_READY)),
                Arguments.of("ready but cordoned", node("n").unschedulable(), null, List.of(NodeReady.UNSCHEDULABLE)),
                Arguments.of("not ready and cordoned reports not ready", node("n").ready("False").unschedulable(), null,
                        List.of(NodeReady.NOT_READY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filtersNodesThatAreNotReadyOrCordoned(String description, Nodes node, NodeHealth verdict, List<String> expected) {
        // given
        NodeInfo info = nodeInfo(node);
        info.setHealth(verdict);

        // when
        List<String> reasons = new NodeReady().filter(podInfo(Pods.pod("p")), info);

        // then
        assertThat(reasons).isEqualTo(expected);
        assertThat(NodeReady.isReady(info.node(), verdict)).isEqualTo(!expected.contains(NodeReady.NOT_READY));
    }

    @org.junit.jupiter.api.Test
    void treatsAMissingNodeAsNotReady() {
        assertThat(NodeReady.isReady(null, null)).isFalse();
        assertThat(NodeReady.isUnschedulable(null)).isFalse();
    }
}

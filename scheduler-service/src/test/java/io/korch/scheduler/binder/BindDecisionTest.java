package io.korch.scheduler.binder;

import static io.korch.scheduler.testing.Infos.nodeInfo;
import static io.korch.scheduler.testing.Infos.podInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.scheduler.StandardPipeline;
import io.korch.scheduler.framework.FilterPlugin;
import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.PodInfo;
import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BindDecisionTest {

    private static final List<FilterPlugin> FILTERS = StandardPipeline.create(new Random(0)).filters();

    static Stream<Arguments> cases() {
        NodeInfo half = nodeInfo(Nodes.node("node-1").cpu("1"), podInfo(Pods.pod("other").cpu("500m")));
        return Stream.of(
                Arguments.of("fits the free cpu", podInfo(Pods.pod("web").cpu("500m")), half, false, null),
                Arguments.of("the last free cpu is taken", podInfo(Pods.pod("web").cpu("600m")), half, false,
                        "Insufficient cpu"),
                Arguments.of("named its node itself", podInfo(Pods.pod("web").cpu("4")), half, true, null),
                Arguments.of("node unknown", podInfo(Pods.pod("web")), new NodeInfo("gone"), false,
                        "node gone not found"),
                Arguments.of("node not ready", podInfo(Pods.pod("web")),
                        nodeInfo(Nodes.node("node-2").ready("False")), false, "node(s) were not ready"),
                Arguments.of("node selector", podInfo(Pods.pod("web").nodeSelector("disk", "ssd")),
                        nodeInfo(Nodes.node("node-3")), false, "node(s) didn't match Pod's node affinity/selector"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void acceptsOrRefusesWithTheFiltersReason(String name, PodInfo pod, NodeInfo node, boolean requestedByPod,
                                              String reason) {
        Optional<String> refusal = BindDecision.refusal(pod, node, requestedByPod, FILTERS);

        if (reason == null) {
            assertThat(refusal).isEmpty();
        } else {
            assertThat(refusal).hasValueSatisfying(r -> assertThat(r).contains(reason));
        }
    }
}

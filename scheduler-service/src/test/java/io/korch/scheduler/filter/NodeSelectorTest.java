package io.korch.scheduler.filter;

import static io.korch.scheduler.testing.Infos.nodeInfo;
import static io.korch.scheduler.testing.Infos.podInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven cases of the node-selector filter. */
class NodeSelectorTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("empty selector matches an unlabelled node", Map.of(), Map.of(), true),
                Arguments.of("empty selector matches a labelled node", Map.of(), Map.of("disk", "ssd"), true),
                Arguments.of("same pair", Map.of("disk", "ssd"), Map.of("disk", "ssd"), true),
                Arguments.of("extra node labels are fine", Map.of("disk", "ssd"), Map.of("disk", "ssd", "zone", "a"), true),
                Arguments.of("other value", Map.of("disk", "ssd"), Map.of("disk", "hdd"), false),
                Arguments.of("missing key", Map.of("disk", "ssd"), Map.of("zone", "a"), false),
                Arguments.of("every pair must hold", Map.of("disk", "ssd", "zone", "b"), Map.of("disk", "ssd", "zone", "a"),
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesEveryPairOfTheNodeSelector(String description, Map<String, String> selector,
                                          Map<String, String> labels, boolean expected) {
        assertThat(NodeSelector.matches(selector, labels)).isEqualTo(expected);
    }

    @Test
    void rejectsANodeWithoutTheSelectedLabelGivingKubeSchedulersReason() {
        // given
        Pods pod = Pods.pod("p").nodeSelector("disk", "ssd");

        // when / then
        assertThat(new NodeSelector().filter(podInfo(pod), nodeInfo(Nodes.node("n").label("disk", "hdd"))))
                .containsExactly(NodeSelector.MISMATCH);
        assertThat(new NodeSelector().filter(podInfo(pod), nodeInfo(Nodes.node("n").label("disk", "ssd")))).isEmpty();
    }
}

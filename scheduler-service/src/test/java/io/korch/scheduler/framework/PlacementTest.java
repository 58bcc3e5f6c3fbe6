package io.korch.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kube-scheduler style explanation of an unschedulable pod. */
class PlacementTest {

    @Test
    void explainsLikeKubeScheduler() {
        assertThat(Placement.explain(2, Map.of("Insufficient cpu", 2)))
                .isEqualTo("0/2 nodes are available: 2 Insufficient cpu.");
    }

    @Test
    void sortsTheCountedReasonsAsText() {
        // given reasons in an arbitrary order
        Map<String, Integer> rejections = new LinkedHashMap<>();
        rejections.put("node(s) were not ready", 2);
        rejections.put("node(s) didn't match Pod's node affinity/selector", 1);

        // when / then
        assertThat(Placement.explain(3, rejections)).isEqualTo(
                "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) were not ready.");
    }

    @Test
    void saysSoWhenThereAreNoNodes() {
        assertThat(Placement.unschedulable(0, Map.of()).message())
                .isEqualTo("0/0 nodes are available: no nodes available to schedule pods.");
    }
}

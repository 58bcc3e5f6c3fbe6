package io.korch.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeSamplingTest {

    @ParameterizedTest(name = "{0}% of {1} nodes: find {2}")
    @CsvSource({
            // adaptive: every node below 100, then 50% less 1% per 125 nodes, at least 5% and 100 nodes
            "0, 50, 50",
            "0, 99, 99",
            "0, 100, 100",
            "0, 200, 100",
            "0, 1000, 420",
            "0, 5000, 500",
            "0, 10000, 500",
            "0, 50000, 2500",
            // configured
            "10, 5000, 500",
            "10, 500, 100",
            "100, 5000, 5000",
            "1, 50, 50"})
    void findsAsManyFeasibleNodesAsKubeSchedulerDoes(int percentage, int nodes, int expected) {
        assertThat(new NodeSampling(percentage).feasibleNodesToFind(nodes)).isEqualTo(expected);
    }

    @Test
    void refusesAPercentageOutOfRange() {
        assertThatThrownBy(() -> new NodeSampling(101))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--percentage-of-nodes-to-score must be 0 (adaptive) to 100, not 101");
        assertThatThrownBy(() -> new NodeSampling(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}

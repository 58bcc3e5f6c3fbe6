package io.korch.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisruptionModeTest {

    @ParameterizedTest(name = "{0} Ready, {1} NotReady: {2}")
    @CsvSource({
            "0, 0, NORMAL",
            "2, 0, NORMAL",
            "1, 1, NORMAL",                 // the dev cluster losing one of two nodes
            "2, 1, NORMAL",                 // one of three
            "0, 1, FULL_DISRUPTION",
            "0, 2, FULL_DISRUPTION",
            "0, 200, FULL_DISRUPTION",
            "1, 2, NORMAL",                 // 67 % NotReady, but no more than two
            "1, 3, PARTIAL_DISRUPTION",     // 75 %
            "2, 3, PARTIAL_DISRUPTION",     // 60 %
            "3, 3, NORMAL",                 // 50 %
            "45, 55, PARTIAL_DISRUPTION",   // exactly at the threshold
            "46, 54, NORMAL",
            "199, 1, NORMAL",
    })
    void followsKubernetesRuleForAZone(int ready, int notReady, DisruptionMode expected) {
        assertThat(DisruptionMode.of(ready, notReady, 0.55)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} in a cluster of {1}: {2} nodes/s")
    @CsvSource({
            "NORMAL, 2, 0.1",
            "NORMAL, 5000, 0.1",
            "PARTIAL_DISRUPTION, 50, 0.0",     // small cluster: evictions stop
            "PARTIAL_DISRUPTION, 51, 0.01",    // large cluster: the secondary rate
            "FULL_DISRUPTION, 2, 0.0",
            "FULL_DISRUPTION, 5000, 0.0",
    })
    void evictsAtTheRateOfItsModeAndSize(DisruptionMode mode, int clusterSize, double expected) {
        assertThat(NodeEviction.DEFAULTS.rate(mode, clusterSize)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"NORMAL, Normal", "PARTIAL_DISRUPTION, PartialDisruption", "FULL_DISRUPTION, FullDisruption"})
    void isNamedAsKubernetesNamesIt(DisruptionMode mode, String label) {
        assertThat(mode.label()).isEqualTo(label);
    }
}

package io.korch.controllers.autoscaler;

import static io.korch.controllers.autoscaler.AutoscalerFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.AutoscalerHistory;
import io.korch.api.HPAScalingPolicy;
import io.korch.api.HPAScalingRules;
import io.korch.api.TimedReplicas;
import io.korch.model.AutoscalerDefaults;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stabilization windows and rate policies, with the examples of Kubernetes' documentation. */
class ScalingBehaviorTest {

    private static final HPAScalingRules DEFAULT_UP = AutoscalerDefaults.scaleUp(null);
    private static final HPAScalingRules DEFAULT_DOWN = AutoscalerDefaults.scaleDown(null, 300);
    private static final AutoscalerHistory EMPTY = AutoscalerHistory.newBuilder().build();

    @Test
    void aScaleDownTakesTheHighestRecommendationOfItsWindow() {
        AutoscalerHistory history = history(rec(5, 200), rec(3, 100));

        ScalingBehavior.Normalized normalized = normalize(5, 2, DEFAULT_DOWN, history);

        assertThat(normalized.replicas()).isEqualTo(5);
        assertThat(normalized.stabilized()).isTrue();
        assertThat(normalized.stabilizedReason()).isEqualTo("ScaleDownStabilized");
    }

    @Test
    void recommendationsOlderThanTheWindowNoLongerHoldAScaleDownBack() {
        AutoscalerHistory history = history(rec(5, 400), rec(3, 100));

        ScalingBehavior.Normalized normalized = normalize(5, 2, DEFAULT_DOWN, history);

        assertThat(normalized.replicas()).isEqualTo(3);
        assertThat(normalized.history().getRecommendations()).extracting(TimedReplicas::getReplicas)
                .containsExactly(3, 2);
    }

    @Test
    void aScaleUpWindowTakesTheLowestRecommendation() {
        HPAScalingRules up = HPAScalingRules.newBuilder(DEFAULT_UP).setStabilizationWindowSeconds(60).build();

        ScalingBehavior.Normalized normalized = ScalingBehavior.normalize(2, 6, 1, 10, up, DEFAULT_DOWN,
                history(rec(3, 30)), NOW);

        assertThat(normalized.replicas()).isEqualTo(3);
        assertThat(normalized.stabilizedReason()).isEqualTo("ScaleUpStabilized");
    }

    @ParameterizedTest(name = "from {0} toward {1} by default: {2} ({3})")
    @CsvSource({
        // the larger of doubling and adding 4 pods per 15 s
        "1, 10, 5, ScaleUpLimit",
        "4, 20, 8, ScaleUpLimit",
        "4, 7, 7, DesiredWithinRange",
        // maxReplicas bounds before the rate does
        "8, 40, 10, TooManyReplicas",
    })
    void theDefaultScaleUpDoublesOrAddsFourPods(int current, int desired, int expected, String reason) {
        ScalingBehavior.Normalized normalized = ScalingBehavior.normalize(current, desired, 1, 10, DEFAULT_UP,
                DEFAULT_DOWN, EMPTY, NOW);

        assertThat(normalized.replicas()).isEqualTo(expected);
        assertThat(normalized.limitReason()).isEqualTo(reason);
    }

    @Test
    void aPercentPolicyOf900MultipliesByTen() {
        HPAScalingRules up = rules(0, null, policy("Percent", 900, 60));

        assertThat(ScalingBehavior.normalize(1, 5000, 1, 5000, up, DEFAULT_DOWN, EMPTY, NOW).replicas()).isEqualTo(10);
        assertThat(ScalingBehavior.normalize(10, 5000, 1, 5000, up, DEFAULT_DOWN, EMPTY, NOW).replicas()).isEqualTo(100);
    }

    @ParameterizedTest(name = "selectPolicy {0}: from 80 toward 10 → {1}")
    @CsvSource({
        // the documentation: Pods 4 and Percent 10 per minute; at 80 replicas 10 % is 8 pods
        "Max, 72",
        "Min, 76",
        "Disabled, 80",
    })
    void selectPolicyChoosesAmongThePolicies(String select, int expected) {
        HPAScalingRules down = rules(0, select, policy("Pods", 4, 60), policy("Percent", 10, 60));

        ScalingBehavior.Normalized normalized = ScalingBehavior.normalize(80, 10, 1, 100, DEFAULT_UP, down, EMPTY, NOW);

        assertThat(normalized.replicas()).isEqualTo(expected);
    }

    @Test
    void rescalesWithinAPolicyPeriodCountAgainstIt() {
        HPAScalingRules down = rules(0, null, policy("Pods", 4, 60), policy("Percent", 10, 60));
        AutoscalerHistory scaledDown = ScalingBehavior.rescaled(EMPTY, 80, 72, DEFAULT_UP, down, NOW.minusSeconds(30));

        assertThat(ScalingBehavior.normalize(72, 10, 1, 100, DEFAULT_UP, down, scaledDown, NOW).replicas())
                .isEqualTo(72);
        // once the period passed, the next step is allowed
        assertThat(ScalingBehavior.normalize(72, 10, 1, 100, DEFAULT_UP, down, scaledDown, NOW.plusSeconds(31))
                .replicas()).isEqualTo(64);
    }

    @Test
    void minReplicasBoundsAScaleDown() {
        HPAScalingRules down = rules(0, null, policy("Percent", 100, 15));

        ScalingBehavior.Normalized normalized = ScalingBehavior.normalize(5, 1, 2, 10, DEFAULT_UP, down, EMPTY, NOW);

        assertThat(normalized.replicas()).isEqualTo(2);
        assertThat(normalized.limited()).isTrue();
        assertThat(normalized.limitReason()).isEqualTo("TooFewReplicas");
    }

    private static ScalingBehavior.Normalized normalize(int current, int desired, HPAScalingRules down,
                                                        AutoscalerHistory history) {
        return ScalingBehavior.normalize(current, desired, 1, 10, DEFAULT_UP, down, history, NOW);
    }

    private static AutoscalerHistory history(TimedReplicas... recommendations) {
        return AutoscalerHistory.newBuilder().setRecommendations(List.of(recommendations)).build();
    }

    private static TimedReplicas rec(int replicas, long secondsAgo) {
        return new TimedReplicas(replicas, NOW.minusSeconds(secondsAgo));
    }

    private static HPAScalingRules rules(int window, String select, HPAScalingPolicy... policies) {
        return AutoscalerDefaults.scaleDown(io.korch.api.HorizontalPodAutoscalerBehavior.newBuilder()
                .setScaleDown(HPAScalingRules.newBuilder().setStabilizationWindowSeconds(window).setSelectPolicy(select)
                        .setPolicies(List.of(policies)).build()).build(), 0);
    }

    private static HPAScalingPolicy policy(String type, int value, int period) {
        return HPAScalingPolicy.newBuilder().setType(type).setValue(value).setPeriodSeconds(period).build();
    }
}

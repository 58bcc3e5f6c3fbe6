package io.korch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void percentileIsNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        assertThat(Stats.percentile(sorted, 50)).isEqualTo(5);
        assertThat(Stats.percentile(sorted, 90)).isEqualTo(9);
        assertThat(Stats.percentile(sorted, 99)).isEqualTo(10);
        assertThat(Stats.percentile(sorted, 100)).isEqualTo(10);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Stats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Stats.median(new double[] {3, 1, 2})).isEqualTo(2);
    }

    @Test
    void argsRefuseUnknownOptionsAndNonPositiveValues() {
        assertThatThrownBy(() -> Args.parse(new String[] {"--nodez", "5"}, java.util.Set.of("nodes")))
                .hasMessageContaining("unknown option --nodez");
        assertThatThrownBy(() -> Args.parse(new String[] {"--nodes=0"}, java.util.Set.of("nodes")).positiveInt("nodes", 1))
                .hasMessageContaining("must be positive");
        assertThat(Args.parse(new String[] {"--nodes=5_000"}, java.util.Set.of("nodes")).positiveInt("nodes", 1))
                .isEqualTo(5000);
    }
}

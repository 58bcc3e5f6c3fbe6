package io.korch.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvictionLimiterTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    @ParameterizedTest(name = "at {0} nodes/s, {1} ms after an eviction: allowed {2}")
    @CsvSource({
            "0.1, 0, false",
            "0.1, 9999, false",
            "0.1, 10000, true",
            "0.01, 99999, false",
            "0.01, 100000, true",
            "1.0, 1000, true",
    })
    void allowsTheNextEvictionOneOverTheRateAfterThePrevious(double rate, long millis, boolean allowed) {
        EvictionLimiter afterOne = EvictionLimiter.full(rate, T0).take();

        assertThat(afterOne.at(rate, T0.plusMillis(millis)).allows()).isEqualTo(allowed);
    }

    @Test
    void aFullBucketAllowsOneEvictionAtOnceButNotTwo() {
        EvictionLimiter full = EvictionLimiter.full(0.1, T0);

        assertThat(full.allows()).isTrue();
        assertThat(full.take().allows()).isFalse();
        assertThatThrownBy(() -> full.take().take()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void neverHoldsMoreThanOneEvictionHoweverLongItWaits() {
        EvictionLimiter waited = EvictionLimiter.full(0.1, T0).at(0.1, T0.plusSeconds(3600));

        assertThat(waited.allows()).isTrue();
        assertThat(waited.take().allows()).isFalse();
    }

    @Test
    void aRateOfZeroAllowsNothingEvenWithAFullBucket() {
        assertThat(EvictionLimiter.full(0.0, T0).allows()).isFalse();
        assertThat(EvictionLimiter.full(0.1, T0).at(0.0, T0.plusSeconds(1)).allows()).isFalse();
    }

    @Test
    void resumesEmptyAfterEvictionsStopped() {
        // given evictions stopped (a full disruption) with a full bucket
        EvictionLimiter stopped = EvictionLimiter.full(0.1, T0).at(0.0, T0.plusSeconds(1));

        // when they resume at 0.1/s
        EvictionLimiter resumed = stopped.at(0.1, T0.plusSeconds(60));

        // then the first eviction waits 10 s, as Kubernetes drains the limiter it swaps in
        assertThat(resumed.allows()).isFalse();
        assertThat(resumed.at(0.1, T0.plusSeconds(69)).allows()).isFalse();
        assertThat(resumed.at(0.1, T0.plusSeconds(70)).allows()).isTrue();
    }

    @Test
    void keepsWhatItSavedWhenTheRateChangesBetweenTwoNonZeroRates() {
        EvictionLimiter slowed = EvictionLimiter.full(0.1, T0).take().at(0.01, T0.plusSeconds(5));

        // half a token saved at 0.1/s; the other half takes 50 s at 0.01/s
        assertThat(slowed.at(0.01, T0.plusSeconds(54)).allows()).isFalse();
        assertThat(slowed.at(0.01, T0.plusSeconds(55)).allows()).isTrue();
    }
}

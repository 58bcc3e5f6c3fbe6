package io.korch.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EndOffsetObservationsTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void aCaughtUpPositionReadsUpToWhenTheEndWasLookedAt() {
        EndOffsetObservations observations = new EndOffsetObservations();

        ReadPosition read = observations.observe(100, T0, 100);

        assertThat(read).isEqualTo(new ReadPosition(100, 100, T0));
        assertThat(read.lag()).isZero();
    }

    @Test
    void anEmptyPartitionWithNothingCommittedIsCaughtUp() {
        assertThat(new EndOffsetObservations().observe(0, T0, 0).readUpTo()).isEqualTo(T0);
    }

    @Test
    void aPositionBehindEveryEndSeenReadsUpToNothingYet() {
        EndOffsetObservations observations = new EndOffsetObservations();

        ReadPosition read = observations.observe(5_000, T0, 40);

        assertThat(read.readUpTo()).isNull();
        assertThat(read.lag()).isEqualTo(4_960);
    }

    @Test
    void aControllerTrailingByAFewRecordsReadsUpToTheNewestEndItPassed() {
        // given ends seen at T0 (100), T0 + 200 ms (110) and T0 + 400 ms (120), the position 2 records behind each time
        EndOffsetObservations observations = new EndOffsetObservations();
        observations.observe(100, T0, 98);
        ReadPosition second = observations.observe(110, T0.plusMillis(200), 108);
        ReadPosition third = observations.observe(120, T0.plusMillis(400), 118);

        // then each time the partition is read up to when the previous end was seen
        assertThat(second.readUpTo()).isEqualTo(T0);
        assertThat(third.readUpTo()).isEqualTo(T0.plusMillis(200));
        assertThat(third.lag()).isEqualTo(2);
    }

    @Test
    void aLaggingControllerMovesForwardOnlyAsFarAsItHasRead() {
        // given a backlog: ends 1000, 2000, 3000 seen a second apart, while the position crawls
        EndOffsetObservations observations = new EndOffsetObservations();
        observations.observe(1_000, T0, 10);
        observations.observe(2_000, T0.plusSeconds(1), 500);
        ReadPosition read = observations.observe(3_000, T0.plusSeconds(2), 1_500);

        // then it has read up to the first end it passed, not to the wall clock
        assertThat(read.readUpTo()).isEqualTo(T0);
        assertThat(read.lag()).isEqualTo(1_500);
    }

    @Test
    void forgetsTheOldestEndsBeyondItsBoundWhichOnlyHoldsItBack() {
        EndOffsetObservations observations = new EndOffsetObservations();
        for (int i = 0; i < EndOffsetObservations.MAX_PENDING + 10; i++) {
            observations.observe(1_000 + i, T0.plusMillis(i), 0);
        }

        // the position passes the 5th end seen, which was forgotten: it is read up to no time yet
        ReadPosition read = observations.observe(2_000, T0.plusSeconds(60), 1_005);
        assertThat(read.readUpTo()).isNull();

        // and it reaches the 20th, which was kept
        assertThat(observations.observe(2_000, T0.plusSeconds(61), 1_020).readUpTo()).isEqualTo(T0.plusMillis(20));
    }
}

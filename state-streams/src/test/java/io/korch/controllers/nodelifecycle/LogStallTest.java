package io.korch.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogStallTest {

    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private final LogStall stall = new LogStall(Duration.ofMillis(2500));

    @Test
    void aLogThatKeepsGrowingNeverStalled() {
        for (int i = 0; i < 20; i++) {
            assertThat(stall.observe(100 + i, T0.plusMillis(200L * i))).isNull();
        }
    }

    @Test
    void aLogThatStoodStillLongerThanTheThresholdResumesWhenItGrowsAgain() {
        stall.observe(100, T0);
        stall.observe(100, T0.plusSeconds(1));
        stall.observe(100, T0.plusSeconds(3));

        assertThat(stall.observe(101, T0.plusSeconds(4))).isEqualTo(T0.plusSeconds(4));
        assertThat(stall.observe(150, T0.plusSeconds(5))).isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void aPauseShorterThanTheThresholdIsNoStall() {
        stall.observe(100, T0);

        assertThat(stall.observe(101, T0.plusSeconds(2))).isNull();
    }

    @Test
    void aLogThatNeverGrowsAgainNeverResumes() {
        stall.observe(100, T0);

        assertThat(stall.observe(100, T0.plusSeconds(60))).isNull();
    }

    @Test
    void aRecreatedTopicStartsAfresh() {
        stall.observe(100, T0);

        assertThat(stall.observe(3, T0.plusSeconds(10))).isNull();
        assertThat(stall.observe(4, T0.plusSeconds(11))).isNull();
    }

    @Test
    void saysSinceWhenALogStandsStillOnlyOnceThatIsLongerThanTheThreshold() {
        stall.observe(100, T0);
        stall.observe(100, T0.plusSeconds(2));
        assertThat(stall.stalledSince()).isNull();

        stall.observe(100, T0.plusSeconds(3));
        assertThat(stall.stalledSince()).isEqualTo(T0);

        stall.observe(101, T0.plusSeconds(4));
        assertThat(stall.stalledSince()).isNull();
    }
}

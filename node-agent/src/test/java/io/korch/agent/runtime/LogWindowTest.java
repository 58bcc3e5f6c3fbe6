package io.korch.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogWindowTest {

    private static final Instant FIRST_END = Instant.parse("2024-01-31T12:00:00Z");
    private static final Instant RESTART = Instant.parse("2024-01-31T12:00:10Z");

    @Test
    void whileARestartedContainerRunsItsLatestRunStartsAfterThePreviousEnd() {
        Instant start = LogWindow.latestRunStart(true, RESTART, FIRST_END);
        LogWindow latest = LogWindow.of(LogRequest.latestRun(), start);

        assertThat(latest.includes(FIRST_END)).isFalse();
        assertThat(latest.includes(FIRST_END.plusMillis(1))).isTrue();
        assertThat(latest.tailAtEnd()).isTrue();
    }

    @Test
    void aFirstRunHoldsTheWholeLog() {
        assertThat(LogWindow.latestRunStart(true, RESTART, null)).isNull();
        assertThat(LogWindow.of(LogRequest.latestRun(), null).includes(Instant.EPOCH)).isTrue();
    }

    @Test
    void anExitedRunStartsAMarginBeforeItsRecordedStart() {
        assertThat(LogWindow.latestRunStart(false, RESTART, RESTART.plusSeconds(5)))
                .isEqualTo(RESTART.minus(LogWindow.START_MARGIN));
    }

    @Test
    void thePreviousRunsAreEverythingBeforeTheLatestAndTailedInMemory() {
        LogWindow previous = LogWindow.of(new LogRequest(true, false, null, 5), RESTART);

        assertThat(previous.includes(RESTART.minusNanos(1))).isTrue();
        assertThat(previous.includes(RESTART)).isFalse();
        assertThat(previous.tailAtEnd()).isFalse();
        assertThat(previous.untilSecondCeiling()).isEqualTo((int) RESTART.getEpochSecond());
    }

    @Test
    void sinceNarrowsTheLatestRunButNeverWidensIt() {
        LogWindow later = LogWindow.of(new LogRequest(false, false, RESTART.plusSeconds(3), null), RESTART);
        LogWindow earlier = LogWindow.of(new LogRequest(false, false, FIRST_END.minusSeconds(60), null), RESTART);

        assertThat(later.from()).isEqualTo(RESTART.plusSeconds(3));
        assertThat(earlier.from()).isEqualTo(RESTART);
        assertThat(later.fromSecondFloor()).isEqualTo((int) RESTART.plusSeconds(3).getEpochSecond());
    }
}

package io.korch.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PointInTimeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00.123456Z");

    @ParameterizedTest
    @CsvSource({
            "2026-12-01T10:00:00Z,        2026-12-01T10:00:00Z",
            "2026-12-01t10:00:00.5z,      2026-12-01T10:00:00.500Z",
            "2026-12-01T11:00:00+01:00,   2026-12-01T10:00:00Z",
            "-90s,                        2026-12-01T11:58:30.123Z",
            "-10m,                        2026-12-01T11:50:00.123Z",
            "-2h,                         2026-12-01T10:00:00.123Z",
            "-1d,                         2026-11-30T12:00:00.123Z",
            "-1h30m,                      2026-12-01T10:30:00.123Z"})
    void readsRfc3339AndTimesBeforeNowToTheMillisecond(String text, String expected) {
        // when
        Instant instant = PointInTime.parse(text, NOW);

        // then
        assertThat(PointInTime.rfc3339(instant)).isEqualTo(expected);
    }

    @Test
    void refusesATimeInTheFuture() {
        assertThatThrownBy(() -> PointInTime.parse("2026-12-02T00:00:00Z", NOW))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("--at 2026-12-02T00:00:00Z is in the future (now is 2026-12-01T12:00:00Z)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "10m", "+10m", "-", "-10x", "2026-12-01", "2026-12-01T10:00:00", ""})
    void refusesWhatIsNeitherRfc3339NorATimeBeforeNow(String text) {
        assertThatThrownBy(() -> PointInTime.parse(text, NOW))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("invalid --at \"" + text + "\": expected an RFC 3339 time such as 2026-12-01T10:00:00Z,"
                        + " or a time before now such as -90s, -10m, -2h or -1d");
    }
}

package io.korch.printing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AgesTest {

    @ParameterizedTest(name = "{0} s is shown as {1}")
    @CsvSource({
            "0, 0s",
            "-1, 0s",
            "-5, <invalid>",
            "45, 45s",
            "119, 119s",
            "120, 2m",
            "200, 3m20s",
            "599, 9m59s",
            "600, 10m",
            "10799, 179m",
            "10800, 3h",
            "11100, 3h5m",
            "28800, 8h",
            "172799, 47h",
            "172800, 2d",
            "183600, 2d3h",
            "691200, 8d",
            "63071999, 729d",
            "63072000, 2y",
            "66528000, 2y40d",
            "252288000, 8y"
    })
    void rendersDurationsLikeKubectl(long seconds, String expected) {
        // when
        String shown = Ages.human(Duration.ofSeconds(seconds));

        // then
        assertThat(shown).isEqualTo(expected);
    }

    @Test
    void showsUnknownAgeWithoutCreationTime() {
        assertThat(Ages.age(null, Instant.EPOCH)).isEqualTo("<unknown>");
    }

    @Test
    void formatsAbsoluteTimesInRfc1123() {
        // given
        Instant time = Instant.parse("2024-01-02T03:04:05Z");

        // when
        String shown = Ages.timestamp(time, ZoneOffset.UTC);

        // then
        assertThat(shown).isEqualTo("Tue, 02 Jan 2024 03:04:05 +0000");
    }

    @ParameterizedTest(name = "{2} times from {0} s to {1} s ago is shown as {3}")
    @CsvSource(delimiter = '|', value = {
            "300 | 120 | 3 | 2m (x3 over 5m)",
            "45  | 45  | 1 | 45s",
            "45  | 45  | 0 | 45s",
    })
    void showsARepeatedEventAsKubectlEventsDoes(long firstAgo, long lastAgo, int count, String expected) {
        Instant now = Instant.parse("2024-01-31T12:00:00Z");

        assertThat(Ages.repeated(now.minusSeconds(firstAgo), now.minusSeconds(lastAgo), count, now)).isEqualTo(expected);
    }
}

package io.korch.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RevisionsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123Z");
    private static final Clock AT_T0 = Clock.fixed(T0, ZoneOffset.UTC);

    @Test
    void aRevisionIsTheMicrosecondOfItsChangeAndTellsItsTime() {
        long revision = Revisions.next(0, AT_T0);

        assertThat(revision).isEqualTo(T0.toEpochMilli() * 1000);
        assertThat(Revisions.timeOf(revision)).isEqualTo(T0);
        assertThat(Revisions.millisOf(revision)).isEqualTo(T0.toEpochMilli());
        assertThat(Revisions.firstAt(T0)).isEqualTo(revision);
    }

    @Test
    void revisionsGrowWhenTheClockStandsStillOrStepsBack() {
        long first = Revisions.next(0, AT_T0);
        long second = Revisions.next(first, AT_T0);
        long afterStepBack = Revisions.next(second, Clock.fixed(T0.minusSeconds(60), ZoneOffset.UTC));

        assertThat(second).isEqualTo(first + 1);
        assertThat(afterStepBack).isEqualTo(second + 1);
    }

    @Test
    void aRevisionIsADecimalNumber() {
        assertThat(Revisions.parse("1796155183291000")).hasValue(1796155183291000L);
        assertThat(Revisions.parse("0")).hasValue(0L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "12a", "1.5", " 12", "99999999999999999999", "0x10"})
    void anythingElseIsNotARevision(String text) {
        assertThat(Revisions.parse(text)).isEmpty();
    }
}

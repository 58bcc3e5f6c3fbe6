package io.korch.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConvertersTest {

    @Test
    void parsesShortAndIsoDurations() {
        assertThat(Converters.parseDuration("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Converters.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Converters.parseDuration("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Converters.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Converters.parseDuration("PT10S")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refusesDurationsWithoutUnitOrWithGarbage() {
        assertThatThrownBy(() -> Converters.parseDuration("5")).hasMessageContaining("expected e.g. 500ms");
        assertThatThrownBy(() -> Converters.parseDuration("5s later")).hasMessageContaining("invalid duration");
        assertThatThrownBy(() -> Converters.parseDuration("")).hasMessageContaining("invalid duration");
    }
}

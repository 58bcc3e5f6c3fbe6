package io.korch.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogOutputTest {

    private static final Instant TIME = Instant.parse("2024-01-31T12:00:00.120000000Z");

    @Test
    void timestampsAreGoRfc3339NanoWithoutTrailingZeros() {
        assertThat(LogOutput.timestamp(TIME)).isEqualTo("2024-01-31T12:00:00.12Z");
        assertThat(LogOutput.timestamp(Instant.parse("2024-01-31T12:00:00Z"))).isEqualTo("2024-01-31T12:00:00Z");
        assertThat(LogOutput.timestamp(Instant.parse("2024-01-31T12:00:00.000000001Z")))
                .isEqualTo("2024-01-31T12:00:00.000000001Z");
    }

    @Test
    void prefixesEachEntryWithItsTimeWhenAsked() {
        LogOutput output = new LogOutput(true, null);

        assertThat(text(output.format(TIME, bytes("hello\n")))).isEqualTo("2024-01-31T12:00:00.12Z hello\n");
        assertThat(text(new LogOutput(false, null).format(TIME, bytes("hello\n")))).isEqualTo("hello\n");
    }

    @Test
    void cutsTheAnswerAtTheByteLimit() {
        LogOutput output = new LogOutput(false, 8L);

        assertThat(text(output.format(TIME, bytes("hello\n")))).isEqualTo("hello\n");
        assertThat(output.full()).isFalse();
        assertThat(text(output.format(TIME, bytes("world\n")))).isEqualTo("wo");
        assertThat(output.full()).isTrue();
        assertThat(output.format(TIME, bytes("more\n"))).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

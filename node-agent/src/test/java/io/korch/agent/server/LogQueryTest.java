package io.korch.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogQueryTest {

    private static final Instant NOW = Instant.parse("2024-01-31T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static LogQuery parse(Map<String, String> params) {
        return LogQuery.parse(params::get, CLOCK);
    }

    @Test
    void readsEveryOptionKubectlSends() {
        LogQuery query = parse(Map.of("follow", "true", "tailLines", "10", "sinceSeconds", "300",
                "timestamps", "true", "limitBytes", "500"));

        assertThat(query.request().follow()).isTrue();
        assertThat(query.request().tailLines()).isEqualTo(10);
        assertThat(query.request().since()).isEqualTo(NOW.minusSeconds(300));
        assertThat(query.timestamps()).isTrue();
        assertThat(query.limitBytes()).isEqualTo(500);
    }

    @Test
    void noOptionsMeanTheWholeLatestRun() {
        LogQuery query = parse(Map.of());

        assertThat(query.request()).isEqualTo(new io.korch.agent.runtime.LogRequest(false, false, null, null));
        assertThat(query.timestamps()).isFalse();
        assertThat(query.limitBytes()).isNull();
    }

    @Test
    void sinceTimeIsAnRfc3339Time() {
        assertThat(parse(Map.of("sinceTime", "2024-01-31T11:00:00+01:00")).request().since())
                .isEqualTo(Instant.parse("2024-01-31T10:00:00Z"));
    }

    @Test
    void previousIsNeverFollowed() {
        assertThat(parse(Map.of("previous", "true", "follow", "true")).request().follow()).isFalse();
    }

    @Test
    void refusesInvalidValuesInKubernetesWords() {
        assertThatThrownBy(() -> parse(Map.of("sinceSeconds", "5", "sinceTime", "2024-01-31T11:00:00Z")))
                .hasMessage("at most one of `sinceTime` or `sinceSeconds` may be specified");
        assertThatThrownBy(() -> parse(Map.of("tailLines", "-2")))
                .hasMessage("tailLines: Invalid value: -2: must be greater than or equal to 0");
        assertThatThrownBy(() -> parse(Map.of("limitBytes", "0"))).hasMessageContaining("must be greater than 0");
        assertThatThrownBy(() -> parse(Map.of("follow", "maybe"))).hasMessageContaining("must be true or false");
        assertThatThrownBy(() -> parse(Map.of("sinceTime", "yesterday"))).hasMessageContaining("RFC 3339");
    }
}

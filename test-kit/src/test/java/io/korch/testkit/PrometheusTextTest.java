package io.korch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusTextTest {

    private static final String EXPOSITION = """
            # HELP korch_x_total Things.
            # TYPE korch_x_total counter
            korch_x_total{verb="list",resource="pods"} 3.0
            korch_x_total{verb="get",resource="pods"} 1.0
            # TYPE korch_d_seconds histogram
            korch_d_seconds_bucket{verb="list",le="0.1"} 2
            korch_d_seconds_bucket{verb="list",le="+Inf"} 3
            korch_d_seconds_count{verb="list"} 3
            korch_d_seconds_sum{verb="list"} 0.25
            # TYPE korch_up gauge
            korch_up{message="a \\"quoted\\" \\\\ value\\n"} NaN 1700000000000
            """;

    @Test
    void readsTypesSamplesAndEscapedLabelValues() {
        PrometheusText text = PrometheusText.parse(EXPOSITION);

        assertThat(text.type("korch_x_total")).isEqualTo("counter");
        assertThat(text.type("korch_d_seconds")).isEqualTo("histogram");
        assertThat(text.sum("korch_x_total", Map.of("resource", "pods"))).isEqualTo(4.0);
        assertThat(text.sum("korch_x_total", Map.of("verb", "list"))).isEqualTo(3.0);
        assertThat(text.sum("korch_x_total", Map.of("verb", "watch"))).isZero();
        assertThat(text.sum("korch_d_seconds_bucket", Map.of("le", "+Inf"))).isEqualTo(3.0);
        assertThat(text.samples("korch_up")).singleElement()
                .satisfies(up -> assertThat(up.labels()).containsEntry("message", "a \"quoted\" \\ value\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "korch_x_total 1\n",                                            // no TYPE
        "# TYPE korch_x counter\nkorch_y 1\n",                          // outside its family
        "# TYPE korch_x counter\n# TYPE korch_x gauge\n",               // TYPE twice
        "# TYPE korch_x meter\n",                                       // unknown type
        "# TYPE korch_x gauge\nkorch_x{a=\"1\"} 1\nkorch_x{a=\"1\"} 2\n", // the same series twice
        "# TYPE korch_x gauge\nkorch_x{a=1} 1\n",                       // unquoted value
        "# TYPE korch_x gauge\nkorch_x{a=\"1\" 1\n",                    // unclosed labels
        "# TYPE korch_x gauge\nkorch_x{1a=\"1\"} 1\n",                  // bad label name
        "# TYPE korch_x gauge\nkorch_x one\n",                          // bad value
        "# TYPE korch_x gauge\nkorch-x 1\n",                            // bad metric name
        "# TYPE korch_h histogram\nkorch_h_bucket 1\n",                 // a bucket without le
        "# TYPE korch_x gauge\nkorch_x 1",                              // no final newline
    })
    void rejectsWhatBreaksTheFormat(String exposition) {
        assertThatThrownBy(() -> PrometheusText.parse(exposition)).isInstanceOf(IllegalArgumentException.class);
    }
}

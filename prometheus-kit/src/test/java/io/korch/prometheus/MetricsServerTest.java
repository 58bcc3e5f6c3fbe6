package io.korch.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.testkit.PrometheusText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics server over real HTTP, its answer parsed as the Prometheus text format. */
class MetricsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheRegistryInThePrometheusTextFormat() {
        // given
        PrometheusMeterRegistry registry = ServiceMeters.registry();
        Counter counter = Counter.builder("korch.test.things").tag("kind", "a").register(registry);
        Timer timer = Timer.builder("korch.test.step.duration").serviceLevelObjectives(ServiceMeters.LATENCY_BUCKETS)
                .register(registry);
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, registry)) {
            assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/metrics");

            // when
            counter.increment(2);
            timer.record(Duration.ofMillis(30));
            PrometheusText text = PrometheusText.scrape(server.url());

            // then: snake case, _total counters, _seconds histograms with the shared buckets, JVM basics
            assertThat(text.type("korch_test_things_total")).isEqualTo("counter");
            assertThat(text.sum("korch_test_things_total", Map.of("kind", "a"))).isEqualTo(2.0);
            assertThat(text.type("korch_test_step_duration_seconds")).isEqualTo("histogram");
            assertThat(text.samples("korch_test_step_duration_seconds_bucket"))
                    .hasSize(ServiceMeters.LATENCY_BUCKETS.length + 1);
            assertThat(text.sum("korch_test_step_duration_seconds_bucket", Map.of("le", "0.05"))).isEqualTo(1.0);
            assertThat(text.sum("korch_test_step_duration_seconds_bucket", Map.of("le", "0.025"))).isZero();
            assertThat(text.type("jvm_memory_used_bytes")).isEqualTo("gauge");
            assertThat(text.type("process_uptime_seconds")).isEqualTo("gauge");
        }
    }

    @Test
    void answers404ElsewhereAnd405ToOtherMethods() throws Exception {
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, ServiceMeters.registry())) {
            HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/other")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url()))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(elsewhere.statusCode()).isEqualTo(404);
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        }
    }
}

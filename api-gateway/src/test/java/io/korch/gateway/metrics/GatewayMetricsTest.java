package io.korch.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.changelog.ChangeLogApp;
import io.korch.gateway.testing.Cluster;
import io.korch.testkit.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway's {@code GET /metrics} over real HTTP, against a real broker. */
class GatewayMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<String, String> LIST_PODS_OK = Map.of("verb", "list", "resource", "pods", "code", "200");

    private static Cluster cluster;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        cluster = Cluster.start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void countsAndTimesRequestsByVerbResourceAndCode() throws Exception {
        // given
        double before = scrape().sum("korch_apiserver_request_total", LIST_PODS_OK);

        // when three lists of pods and a get of a pod that does not exist
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/v1/namespaces/default/pods").statusCode()).isEqualTo(200);
        }
        assertThat(get("/api/v1/namespaces/default/pods/nowhere").statusCode()).isEqualTo(404);

        // then
        await().atMost(WAIT).untilAsserted(() -> {
            PrometheusText text = scrape();
            assertThat(text.type("korch_apiserver_request_total")).isEqualTo("counter");
            assertThat(text.sum("korch_apiserver_request_total", LIST_PODS_OK)).isGreaterThanOrEqualTo(before + 3);
            assertThat(text.sum("korch_apiserver_request_total",
                    Map.of("verb", "get", "resource", "pods", "code", "404"))).isGreaterThanOrEqualTo(1);
            assertThat(text.type("korch_apiserver_request_duration_seconds")).isEqualTo("histogram");
            assertThat(text.sum("korch_apiserver_request_duration_seconds_count",
                    Map.of("verb", "list", "resource", "pods"))).isGreaterThanOrEqualTo(before + 3);
            assertThat(text.sum("korch_apiserver_request_duration_seconds_bucket",
                    Map.of("verb", "list", "resource", "pods", "le", "+Inf"))).isGreaterThanOrEqualTo(before + 3);
        });
    }

    @Test
    void showsTheChangeLogAppsLagAndHealthBesideTheJvmBasics() {
        PrometheusText text = scrape();

        Map<String, String> changeLog = Map.of("application", ChangeLogApp.APPLICATION_ID);
        assertThat(text.type("korch_streams_consumer_lag_records")).isEqualTo("gauge");
        assertThat(text.has("korch_streams_consumer_lag_records", changeLog)).isTrue();
        assertThat(text.has("korch_streams_consumer_max_lag_records", changeLog)).isTrue();
        assertThat(text.sum("korch_streams_healthy", changeLog)).isEqualTo(1.0);
        assertThat(text.type("jvm_memory_used_bytes")).isEqualTo("gauge");
    }

    @Test
    void keepsDiscoveryAnswering() throws Exception {
        assertThat(get("/api").statusCode()).isEqualTo(200);
        assertThat(get("/apis").statusCode()).isEqualTo(200);
        assertThat(get("/version").statusCode()).isEqualTo(200);
    }

    private PrometheusText scrape() {
        return PrometheusText.scrape(cluster.gateway().metricsUrl());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(cluster.gateway().url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

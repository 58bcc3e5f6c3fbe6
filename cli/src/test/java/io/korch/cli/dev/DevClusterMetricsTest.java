package io.korch.cli.dev;

import static io.korch.cli.testing.Cli.korch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.controllers.ControllersConfig;
import io.korch.scheduler.SchedulerConfig;
import io.korch.testkit.PrometheusText;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every component of the dev cluster serves {@code GET /metrics} where {@link DevCluster#metricsUrls}
 * says, in the Prometheus text format, each with its own meters. The agent uses Docker when it
 * answers, else the local-process runtime; it runs no pods here.
 */
class DevClusterMetricsTest {

    private static final String NODE = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void servesTheMetricsOfEachComponentWhereItSays() {
        DevClusterOptions options = DevClusterOptions.ephemeral(dataDir).withNodes(0);
        try (DevCluster cluster = DevCluster.start(options,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            cluster.startAgent(NODE);
            Map<String, String> urls = cluster.metricsUrls();
            assertThat(urls).containsOnlyKeys("gateway", "controllers", "scheduler", "agent " + NODE);
            assertThat(urls.values()).allSatisfy(url -> assertThat(url).startsWith("http://127.0.0.1:").endsWith("/metrics"));

            // when the CLI lists nodes through the API
            korch().withSystemClock().run("get", "nodes", "--server", cluster.apiUrl());

            // then each component shows its own meters
            await().atMost(WAIT).untilAsserted(() -> assertThat(PrometheusText.scrape(urls.get("gateway"))
                    .sum("korch_apiserver_request_total", Map.of("verb", "list", "resource", "nodes", "code", "200")))
                    .isGreaterThanOrEqualTo(1));
            PrometheusText controllers = PrometheusText.scrape(urls.get("controllers"));
            assertThat(controllers.sum("korch_streams_healthy",
                    Map.of("application", ControllersConfig.DEFAULT_APPLICATION_ID))).isEqualTo(1.0);
            assertThat(controllers.samples("korch_apiserver_request_total")).isEmpty();
            PrometheusText scheduler = PrometheusText.scrape(urls.get("scheduler"));
            assertThat(scheduler.type("korch_scheduler_pending_pods")).isEqualTo("gauge");
            assertThat(scheduler.sum("korch_streams_healthy",
                    Map.of("application", SchedulerConfig.DEFAULT_APPLICATION_ID))).isEqualTo(1.0);
            PrometheusText agent = PrometheusText.scrape(urls.get("agent " + NODE));
            assertThat(agent.has("korch_agent_container_starts_total", Map.of("node", NODE))).isTrue();
        }
    }
}

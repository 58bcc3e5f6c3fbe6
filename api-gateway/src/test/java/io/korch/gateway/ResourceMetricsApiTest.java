package io.korch.gateway;

import static io.korch.gateway.testing.Api.JSON;
import static io.korch.gateway.testing.Api.PODS;
import static io.korch.gateway.testing.Fixtures.pod;
import static io.korch.gateway.testing.Fixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.ContainerUsage;
import io.korch.api.NodeUsage;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import io.korch.api.PodUsage;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.testing.Cluster;
import io.korch.gateway.testing.GatewayFixture;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The resource metrics API over real HTTP against a real broker: the test plays the agents, writing samples to
 * {@code korch.metrics.pods} and {@code korch.metrics.nodes} and pod status to {@code korch.status.pods}.
 */
class ResourceMetricsApiTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String METRICS = "/apis/metrics.k8s.io/v1beta1";

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private final Cluster cluster = gateway.cluster();
    private final Api api = gateway.api();

    /** Creates a pod labelled {@code app=<app>} and reports it running; returns its uid. */
    private String runningPod(String name, String app) {
        String uid = api.post(PODS, pod(name).label("app", app).build()).at("/metadata/uid");
        cluster.publish(Topics.POD_STATUS, Keys.podStatus("default/" + name, uid), PodStatusReport.newBuilder()
                .setPodUid(uid).setNodeName("metrics-node").setStatus(PodStatus.newBuilder().setPhase("Running").build())
                .setObservedAt(Instant.now()).build());
        await().atMost(WAIT).until(() -> api.get(PODS + "/" + name).at("/status/phase").equals("Running"));
        return uid;
    }

    private void sample(String name, String uid, Instant at, ContainerUsage... containers) {
        cluster.publish(Topics.POD_METRICS, "default/" + name, PodUsage.newBuilder().setNamespace("default")
                .setName(name).setUid(uid).setNodeName("metrics-node").setTimestamp(at).setWindowMillis(15_000)
                .setContainers(List.of(containers)).build());
    }

    private static List<String> names(Response list) {
        return StreamSupport.stream(list.json().path("items").spliterator(), false)
                .map(item -> item.at("/metadata/name").asText())
                .toList();
    }

    @Test
    void discoveryListsTheMetricsGroupWithNodesAndPodsGotAndListed() {
        assertThat(api.get("/apis").json().path("groups")).extracting(g -> g.path("name").asText())
                .contains("metrics.k8s.io");
        JsonNode resources = api.get(METRICS).json();

        assertThat(resources.path("groupVersion").asText()).isEqualTo("metrics.k8s.io/v1beta1");
        assertThat(resources.path("resources")).extracting(r -> r.path("name").asText() + " " + r.path("kind").asText()
                        + " " + r.path("namespaced").asBoolean() + " " + r.path("verbs"))
                .containsExactly("nodes NodeMetrics false [\"get\",\"list\"]", "pods PodMetrics true [\"get\",\"list\"]");
    }

    @Test
    void theLatestSampleOfARunningPodIsServedAsPodMetrics() {
        String uid = runningPod("busy", "burner");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        sample("busy", uid, now.minusSeconds(15), new ContainerUsage("main", 100_000_000L, 1024L * 1024));
        sample("busy", uid, now, new ContainerUsage("main", 498_765_432L, 12_345L * 1024),
                new ContainerUsage("sidecar", 2_000_000L, 4L * 1024 * 1024));

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(api.get(METRICS + "/namespaces/default/pods/busy").at("/containers/0/usage/cpu"))
                        .isEqualTo("498765432n"));
        JsonNode metrics = api.get(METRICS + "/namespaces/default/pods/busy").json();

        assertThat(metrics.path("kind").asText()).isEqualTo("PodMetrics");
        assertThat(metrics.path("apiVersion").asText()).isEqualTo("metrics.k8s.io/v1beta1");
        assertThat(metrics.at("/metadata/name").asText()).isEqualTo("busy");
        assertThat(metrics.at("/metadata/namespace").asText()).isEqualTo("default");
        assertThat(metrics.at("/metadata/labels/app").asText()).isEqualTo("burner");
        assertThat(Instant.parse(metrics.at("/metadata/creationTimestamp").asText())).isAfterOrEqualTo(now);
        assertThat(metrics.path("timestamp").asText()).isEqualTo(now.toString());
        assertThat(metrics.path("window").asText()).isEqualTo("15s");
        assertThat(metrics.at("/containers/0/name").asText()).isEqualTo("main");
        assertThat(metrics.at("/containers/0/usage/memory").asText()).isEqualTo("12345Ki");
        assertThat(metrics.at("/containers/1/name").asText()).isEqualTo("sidecar");
        assertThat(metrics.at("/containers/1/usage/cpu").asText()).isEqualTo("2m");
        assertThat(metrics.at("/containers/1/usage/memory").asText()).isEqualTo("4Mi");
    }

    @Test
    void podMetricsAreListedByNamespaceAndLabelSelectorAndAcrossNamespaces() {
        Instant now = Instant.now();
        sample("front-1", runningPod("front-1", "front"), now, new ContainerUsage("main", 1_000_000L, 1024L));
        sample("front-2", runningPod("front-2", "front"), now, new ContainerUsage("main", 1_000_000L, 1024L));
        sample("back-1", runningPod("back-1", "back"), now, new ContainerUsage("main", 1_000_000L, 1024L));

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(names(api.get(METRICS + "/namespaces/default/pods?labelSelector=app%3Dfront")))
                        .containsExactly("front-1", "front-2"));
        Response all = api.get(METRICS + "/pods");
        assertThat(all.json().path("kind").asText()).isEqualTo("PodMetricsList");
        assertThat(all.json().path("apiVersion").asText()).isEqualTo("metrics.k8s.io/v1beta1");
        assertThat(names(all)).contains("front-1", "front-2", "back-1");
        assertThat(names(api.get(METRICS + "/namespaces/other/pods"))).isEmpty();
    }

    @Test
    void oldSamplesAndSamplesOfPodsThatAreGoneOrNotRunningAreNotServed() {
        Instant now = Instant.now();
        sample("stale", runningPod("stale", "stale"), now.minus(Duration.ofMinutes(2)),
                new ContainerUsage("main", 1_000_000L, 1024L));
        sample("ghost", "no-such-uid", now, new ContainerUsage("main", 1_000_000L, 1024L));
        String pendingUid = api.post(PODS, pod("pending").label("app", "pending").build()).at("/metadata/uid");
        sample("pending", pendingUid, now, new ContainerUsage("main", 1_000_000L, 1024L));
        // a marker written after them: once it is served, the others have been read
        sample("marker", runningPod("marker", "marker"), now, new ContainerUsage("main", 1_000_000L, 1024L));

        await().atMost(WAIT).until(() -> api.get(METRICS + "/namespaces/default/pods/marker").code() == 200);

        assertThat(names(api.get(METRICS + "/namespaces/default/pods"))).doesNotContain("stale", "ghost", "pending");
        Response stale = api.get(METRICS + "/namespaces/default/pods/stale");
        assertThat(stale.code()).isEqualTo(404);
        assertThat(stale.json().path("kind").asText()).isEqualTo("Status");
        assertThat(stale.json().path("message").asText()).isEqualTo("podmetrics.metrics.k8s.io \"default/stale\" not found");
        assertThat(api.get(METRICS + "/namespaces/default/pods/ghost").code()).isEqualTo(404);
        assertThat(api.get(METRICS + "/namespaces/default/pods/pending").code()).isEqualTo(404);
    }

    @Test
    void theLatestSampleOfANodeIsServedAsNodeMetrics() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        cluster.publish(Topics.NODES, "metrics-node", registered("metrics-node", now).label("zone", "east").build());
        cluster.publish(Topics.NODE_METRICS, "metrics-node", NodeUsage.newBuilder().setNodeName("metrics-node")
                .setTimestamp(now).setWindowMillis(5_500).setCpuNanoCores(1_250_000_000L)
                .setMemoryBytes(3L * 1024 * 1024 * 1024).build());
        cluster.publish(Topics.NODE_METRICS, "unknown-node", NodeUsage.newBuilder().setNodeName("unknown-node")
                .setTimestamp(now).setWindowMillis(5_500).setCpuNanoCores(1L).setMemoryBytes(1L).build());

        await().atMost(WAIT).until(() -> api.get(METRICS + "/nodes/metrics-node").code() == 200);
        JsonNode metrics = api.get(METRICS + "/nodes/metrics-node").json();

        assertThat(metrics.path("kind").asText()).isEqualTo("NodeMetrics");
        assertThat(metrics.at("/metadata/name").asText()).isEqualTo("metrics-node");
        assertThat(metrics.at("/metadata/namespace").isMissingNode()).isTrue();
        assertThat(metrics.at("/metadata/labels/zone").asText()).isEqualTo("east");
        assertThat(metrics.path("timestamp").asText()).isEqualTo(now.toString());
        assertThat(metrics.path("window").asText()).isEqualTo("5.5s");
        assertThat(metrics.at("/usage/cpu").asText()).isEqualTo("1250m");
        assertThat(metrics.at("/usage/memory").asText()).isEqualTo("3Gi");
        Response list = api.get(METRICS + "/nodes");
        assertThat(list.json().path("kind").asText()).isEqualTo("NodeMetricsList");
        assertThat(names(list)).contains("metrics-node").doesNotContain("unknown-node");
        assertThat(api.get(METRICS + "/nodes/unknown-node").code()).isEqualTo(404);
    }

    @Test
    void metricsAreReadOnly() {
        Response refused = api.send(HttpMethod.POST, METRICS + "/namespaces/default/pods", JSON, JSON, "{}");

        assertThat(refused.code()).isEqualTo(405);
        assertThat(api.send(HttpMethod.DELETE, METRICS + "/nodes/metrics-node", JSON, JSON, null).code())
                .isEqualTo(405);
    }
}

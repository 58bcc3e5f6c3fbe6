package io.korch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.HorizontalPodAutoscalerCondition;
import io.korch.api.HorizontalPodAutoscalerStatus;
import io.korch.api.MetricStatus;
import io.korch.api.MetricValueStatus;
import io.korch.api.ResourceMetricStatus;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.testing.GatewayFixture;
import io.korch.topics.Topics;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HorizontalPodAutoscalers over real HTTP against a real broker: Kubernetes' defaults and
 * refusals, the autoscaler controller's status merged into the served object, kubectl's columns,
 * and their place in discovery.
 */
class HorizontalPodAutoscalersTest {

    private static final String HPAS = "/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers";
    private static final String V1_HPAS = "/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers";
    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private final Api api = gateway.api();

    @Test
    void anAutoscalerIsDefaultedAsKubernetesDefaultsIt() {
        Response created = post(hpa("defaulted", null, "5", ""));

        assertThat(created.code()).as(created.body()).isEqualTo(201);
        JsonNode spec = created.json().path("spec");
        assertThat(spec.path("minReplicas").asInt()).isEqualTo(1);
        assertThat(spec.at("/metrics/0/resource/name").asText()).isEqualTo("cpu");
        assertThat(spec.at("/metrics/0/resource/target/averageUtilization").asInt()).isEqualTo(80);
        assertThat(spec.has("behavior")).isFalse();
    }

    @Test
    void minReplicasAboveMaxReplicasIsRefusedNamingTheField() {
        Response refused = post(hpa("inverted", "6", "3", cpu(50)));

        assertThat(refused.code()).isEqualTo(422);
        assertThat(refused.at("/reason")).isEqualTo("Invalid");
        assertThat(refused.at("/details/causes/0/field")).isEqualTo("spec.minReplicas");
        assertThat(refused.at("/message")).contains("spec.minReplicas: Invalid value: 6: "
                + "must be less than or equal to maxReplicas");
    }

    @Test
    void aMissingMaxReplicasAndTargetNameAreRequired() {
        Response refused = api.send(HttpMethod.POST, HPAS, Api.JSON, Api.JSON, """
                {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "bare"},
                 "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment"}}}""");

        assertThat(refused.code()).isEqualTo(422);
        assertThat(refused.json().at("/details/causes").findValuesAsText("field"))
                .containsExactly("spec.maxReplicas", "spec.scaleTargetRef.name");
    }

    @Test
    void metricsOtherThanResourceAreRefusedAsUnsupported() {
        Response pods = post(hpa("pods-metric", "1", "3",
                "\"metrics\": [{\"type\": \"Pods\", \"pods\": {\"metric\": {\"name\": \"qps\"},"
                        + " \"target\": {\"type\": \"AverageValue\", \"averageValue\": \"10\"}}}]"));
        Response gpu = post(hpa("gpu", "1", "3", "\"metrics\": [{\"type\": \"Resource\", \"resource\": {\"name\":"
                + " \"nvidia.com/gpu\", \"target\": {\"type\": \"Utilization\", \"averageUtilization\": 50}}}]"));
        Response mismatch = post(hpa("mismatch", "1", "3", "\"metrics\": [{\"type\": \"Resource\", \"resource\":"
                + " {\"name\": \"cpu\", \"target\": {\"type\": \"AverageValue\", \"averageUtilization\": 50}}}]"));

        assertThat(pods.code()).as(pods.body()).isEqualTo(422);
        assertThat(pods.at("/message")).contains(
                "spec.metrics[0].type: Unsupported value: \"Pods\": supported values: \"Resource\"");
        assertThat(gpu.at("/message")).contains("spec.metrics[0].resource.name: Unsupported value: \"nvidia.com/gpu\"");
        assertThat(mismatch.json().at("/details/causes").findValuesAsText("field")).containsExactly(
                "spec.metrics[0].resource.target.averageUtilization", "spec.metrics[0].resource.target.averageValue");
    }

    @Test
    void theControllersStatusIsServedWithTheAutoscalerAndInKubectlsColumns() {
        assertThat(post(hpa("web", "1", "5", cpu(50))).code()).isEqualTo(201);
        HorizontalPodAutoscalerStatus status = HorizontalPodAutoscalerStatus.newBuilder()
                .setCurrentReplicas(2).setDesiredReplicas(2)
                .setCurrentMetrics(List.of(MetricStatus.newBuilder().setType("Resource")
                        .setResource(ResourceMetricStatus.newBuilder().setName("cpu").setCurrent(
                                MetricValueStatus.newBuilder().setAverageUtilization(20).setAverageValue("20m").build())
                                .build()).build()))
                .setConditions(List.of(HorizontalPodAutoscalerCondition.newBuilder().setType("AbleToScale")
                        .setStatus("True").setReason("ReadyForNewScale").setMessage("recommended size matches current size")
                        .setLastTransitionTime(Instant.parse("2026-01-01T00:00:00Z")).build()))
                .build();
        gateway.cluster().publish(Topics.HPA_STATUS, "default/web", status);

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(api.get(HPAS + "/web").json().at("/status/currentReplicas").asInt()).isEqualTo(2));
        JsonNode served = api.get(HPAS + "/web").json();
        assertThat(served.at("/status/conditions/0/lastTransitionTime").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(served.at("/status/currentMetrics/0/resource/current/averageValue").asText()).isEqualTo("20m");
        Response table = api.send(HttpMethod.GET, HPAS + "/web", TABLE, null, null);
        assertThat(table.json().findValuesAsText("name")).containsSubsequence(
                "Name", "Reference", "Targets", "MinPods", "MaxPods", "Replicas", "Age");
        assertThat(table.json().at("/rows/0/cells").toString())
                .startsWith("[\"web\",\"Deployment/web\",\"cpu: 20%/50%\",\"1\",5,2,");
    }

    @Test
    void autoscalingV2IsInDiscovery() {
        JsonNode groups = api.get("/apis").json();
        JsonNode v2 = api.get("/apis/autoscaling/v2").json();

        assertThat(groups.toString()).contains("\"autoscaling/v2\"");
        assertThat(v2.path("resources").findValuesAsText("name"))
                .contains("horizontalpodautoscalers", "horizontalpodautoscalers/status");
        assertThat(v2.toString()).contains("\"shortNames\":[\"hpa\"]");
    }

    @Test
    void anAutoscalerCreatedAtV1IsServedAtBothVersions() {
        Response created = api.send(HttpMethod.POST, V1_HPAS, Api.JSON, Api.JSON, """
                {"apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "from-v1"},
                 "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                          "minReplicas": 1, "maxReplicas": 3, "targetCPUUtilizationPercentage": 50}}""");

        assertThat(created.code()).as(created.body()).isEqualTo(201);
        assertThat(created.at("/apiVersion")).isEqualTo("autoscaling/v1");
        JsonNode v2 = api.get(HPAS + "/from-v1").json();
        assertThat(v2.at("/apiVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(v2.at("/spec/metrics/0/resource/target/averageUtilization").asInt()).isEqualTo(50);
        JsonNode v1 = api.get(V1_HPAS + "/from-v1").json();
        assertThat(v1.at("/spec/targetCPUUtilizationPercentage").asInt()).isEqualTo(50);
        assertThat(v1.at("/metadata/resourceVersion").asText()).isEqualTo(v2.at("/metadata/resourceVersion").asText());
        JsonNode list = api.get(V1_HPAS).json();
        assertThat(list.at("/apiVersion").asText()).isEqualTo("autoscaling/v1");
        assertThat(list.at("/kind").asText()).isEqualTo("HorizontalPodAutoscalerList");
        assertThat(list.path("items")).extracting(item -> item.path("apiVersion").asText()).containsOnly("autoscaling/v1");
        Response table = api.send(HttpMethod.GET, V1_HPAS + "/from-v1", TABLE, null, null);
        assertThat(table.json().at("/rows/0/cells").toString()).startsWith("[\"from-v1\",\"Deployment/web\",");
    }

    @Test
    void aV2AutoscalerReadAndWrittenBackAtV1KeepsWhatV1CannotSay() {
        assertThat(post(hpa("memory", "1", "4", "\"metrics\": [{\"type\": \"Resource\", \"resource\": {\"name\":"
                + " \"memory\", \"target\": {\"type\": \"AverageValue\", \"averageValue\": \"64Mi\"}}}]")).code())
                .isEqualTo(201);
        JsonNode v1 = api.get(V1_HPAS + "/memory").json();
        assertThat(v1.at("/metadata/annotations/autoscaling.alpha.kubernetes.io~1metrics").asText())
                .contains("\"targetAverageValue\":\"64Mi\"");

        Response patched = api.send(HttpMethod.PATCH, V1_HPAS + "/memory", Api.JSON, "application/merge-patch+json",
                "{\"spec\": {\"maxReplicas\": 5}}");

        assertThat(patched.code()).as(patched.body()).isEqualTo(200);
        JsonNode v2 = api.get(HPAS + "/memory").json();
        assertThat(v2.at("/spec/maxReplicas").asInt()).isEqualTo(5);
        assertThat(v2.at("/spec/metrics/0/resource/target/averageValue").asText()).isEqualTo("64Mi");
        assertThat(v2.at("/spec/metrics").size()).isEqualTo(1);
        assertThat(v2.at("/metadata/annotations").isMissingNode()).isTrue();
    }

    @Test
    void autoscalingServesV1AndPrefersV2() {
        JsonNode group = api.get("/apis/autoscaling").json();
        JsonNode v1 = api.get("/apis/autoscaling/v1").json();

        assertThat(group.at("/preferredVersion/version").asText()).isEqualTo("v2");
        assertThat(group.path("versions").findValuesAsText("version")).containsExactly("v2", "v1");
        assertThat(v1.path("resources").findValuesAsText("name"))
                .containsExactly("horizontalpodautoscalers", "horizontalpodautoscalers/status");
        assertThat(api.get("/openapi/v3/apis/autoscaling/v1").json().at("/components/schemas").toString())
                .contains("targetCPUUtilizationPercentage");
    }

    private Response post(String body) {
        return api.send(HttpMethod.POST, HPAS, Api.JSON, Api.JSON, body);
    }

    private static String cpu(int percent) {
        return "\"metrics\": [{\"type\": \"Resource\", \"resource\": {\"name\": \"cpu\", \"target\": "
                + "{\"type\": \"Utilization\", \"averageUtilization\": " + percent + "}}}]";
    }

    private static String hpa(String name, String min, String max, String metrics) {
        return "{\"apiVersion\": \"autoscaling/v2\", \"kind\": \"HorizontalPodAutoscaler\", \"metadata\": {\"name\": \""
                + name + "\"}, \"spec\": {\"scaleTargetRef\": {\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\","
                + " \"name\": \"web\"}, " + (min == null ? "" : "\"minReplicas\": " + min + ", ")
                + "\"maxReplicas\": " + max + (metrics.isEmpty() ? "" : ", " + metrics) + "}}";
    }
}

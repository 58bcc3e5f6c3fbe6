package io.korch.gateway.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.api.HorizontalPodAutoscaler;
import io.korch.json.ApiJson;
import io.korch.json.FieldException;
import io.korch.model.AutoscalerDefaults;
import org.junit.jupiter.api.Test;

/** Pure tests of converting autoscalers between autoscaling/v1 and the stored autoscaling/v2. */
class AutoscalingV1Test {

    private static final String V1 = """
            {"apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler",
             "metadata": {"name": "web", "namespace": "default", "annotations": {"team": "web"}},
             "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                      "minReplicas": 1, "maxReplicas": 3, "targetCPUUtilizationPercentage": 50}}""";

    /** A v2 autoscaler with what v1 cannot say: a memory metric, a behavior, current metrics and conditions. */
    private static final String V2 = """
            {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
             "metadata": {"name": "web", "namespace": "default"},
             "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                      "minReplicas": 2, "maxReplicas": 6,
                      "metrics": [{"type": "Resource", "resource": {"name": "cpu",
                                     "target": {"type": "Utilization", "averageUtilization": 60}}},
                                  {"type": "Resource", "resource": {"name": "memory",
                                     "target": {"type": "AverageValue", "averageValue": "64Mi"}}}],
                      "behavior": {"scaleDown": {"stabilizationWindowSeconds": 60, "selectPolicy": "Min",
                                     "policies": [{"type": "Pods", "value": 1, "periodSeconds": 30}]}}},
             "status": {"observedGeneration": 1, "currentReplicas": 2, "desiredReplicas": 3,
                        "currentMetrics": [{"type": "Resource", "resource": {"name": "cpu",
                                              "current": {"averageUtilization": 90, "averageValue": "90m"}}},
                                           {"type": "Resource", "resource": {"name": "memory",
                                              "current": {"averageValue": "32Mi"}}}],
                        "conditions": [{"type": "AbleToScale", "status": "True", "reason": "SucceededRescale",
                                        "lastTransitionTime": "2026-01-01T12:00:00Z"}]}}""";

    @Test
    void aCpuTargetBecomesACpuUtilizationMetricAndBack() throws Exception {
        io.korch.api.autoscaling.v1.HorizontalPodAutoscaler v1 = v1(V1);

        HorizontalPodAutoscaler v2 = AutoscalingV1.fromV1(v1);

        assertThat(v2.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(v2.getSpec().getMetrics()).containsExactly(AutoscalerDefaults.cpuUtilization(50));
        assertThat(v2.getMetadata().getAnnotations()).containsOnlyKeys("team");
        assertThat(v2.getStatus()).isNull();
        assertThat(AutoscalingV1.toV1(v2)).isEqualTo(v1);
    }

    @Test
    void withoutACpuTargetV1MeansKubernetesDefaultOf80Percent() throws Exception {
        HorizontalPodAutoscaler v2 = AutoscalingV1.fromV1(v1(V1.replace(", \"targetCPUUtilizationPercentage\": 50", "")));

        assertThat(v2.getSpec().getMetrics()).containsExactly(AutoscalerDefaults.cpuUtilization(80));
    }

    @Test
    void whatV1CannotSayIsKeptInAnnotationsAndComesBack() throws Exception {
        HorizontalPodAutoscaler v2 = ApiJson.read(ApiJson.MAPPER.readTree(V2), HorizontalPodAutoscaler.class);

        io.korch.api.autoscaling.v1.HorizontalPodAutoscaler v1 = AutoscalingV1.toV1(v2);

        assertThat(v1.getSpec().getTargetCPUUtilizationPercentage()).isEqualTo(60);
        assertThat(v1.getStatus().getCurrentCPUUtilizationPercentage()).isEqualTo(90);
        assertThat(v1.getStatus().getDesiredReplicas()).isEqualTo(3);
        assertThat(v1.getMetadata().getAnnotations()).containsEntry(AutoscalingV1.METRICS,
                "[{\"type\":\"Resource\",\"resource\":{\"name\":\"memory\",\"targetAverageValue\":\"64Mi\"}}]");
        assertThat(v1.getMetadata().getAnnotations()).containsEntry(AutoscalingV1.BEHAVIOR,
                "{\"ScaleDown\":{\"StabilizationWindowSeconds\":60,\"SelectPolicy\":\"Min\","
                        + "\"Policies\":[{\"Type\":\"Pods\",\"Value\":1,\"PeriodSeconds\":30}]}}");
        assertThat(v1.getMetadata().getAnnotations()).containsEntry(AutoscalingV1.CURRENT_METRICS,
                "[{\"type\":\"Resource\",\"resource\":{\"name\":\"cpu\",\"currentAverageUtilization\":90,"
                        + "\"currentAverageValue\":\"90m\"}},{\"type\":\"Resource\",\"resource\":{\"name\":\"memory\","
                        + "\"currentAverageValue\":\"32Mi\"}}]");
        assertThat(v1.getMetadata().getAnnotations()).containsEntry(AutoscalingV1.CONDITIONS,
                "[{\"type\":\"AbleToScale\",\"status\":\"True\",\"reason\":\"SucceededRescale\","
                        + "\"lastTransitionTime\":\"2026-01-01T12:00:00Z\"}]");
        // the round trip gives the same object, the cpu metric after those of the annotation, as in Kubernetes
        HorizontalPodAutoscaler back = AutoscalingV1.fromV1(v1);
        assertThat(back.getSpec().getMetrics()).containsExactly(v2.getSpec().getMetrics().get(1),
                v2.getSpec().getMetrics().get(0));
        assertThat((Object) ApiJson.write(back).without("spec")).isEqualTo(ApiJson.write(v2).without("spec"));
        assertThat(back.getSpec().getBehavior()).isEqualTo(v2.getSpec().getBehavior());
        assertThat(back.getMetadata().getAnnotations()).isEmpty();
    }

    @Test
    void roundTripAnnotationsAreWrittenAfreshNotCarriedOver() throws Exception {
        HorizontalPodAutoscaler stale = AutoscalingV1.fromV1(v1(V1));
        stale.getMetadata().getAnnotations().put(AutoscalingV1.BEHAVIOR, "{\"ScaleUp\":{\"SelectPolicy\":\"Disabled\"}}");

        assertThat(AutoscalingV1.toV1(stale).getMetadata().getAnnotations()).containsOnlyKeys("team");
    }

    @Test
    void anAnnotationThatIsNotJsonIsRefusedNamingIt() {
        assertThatThrownBy(() -> AutoscalingV1.fromV1(v1(V1.replace("{\"team\": \"web\"}",
                "{\"" + AutoscalingV1.METRICS + "\": \"[{\"}"))))
                .isInstanceOfSatisfying(FieldException.class, e ->
                        assertThat(e.field()).isEqualTo("metadata.annotations[" + AutoscalingV1.METRICS + "]"));
    }

    private static io.korch.api.autoscaling.v1.HorizontalPodAutoscaler v1(String json) throws Exception {
        return ApiJson.read(ApiJson.MAPPER.readTree(json), io.korch.api.autoscaling.v1.HorizontalPodAutoscaler.class);
    }
}

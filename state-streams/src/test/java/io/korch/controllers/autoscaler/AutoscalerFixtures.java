package io.korch.controllers.autoscaler;

import io.korch.api.CrossVersionObjectReference;
import io.korch.api.HorizontalPodAutoscaler;
import io.korch.api.HorizontalPodAutoscalerSpec;
import io.korch.api.MetricSpec;
import io.korch.api.MetricTarget;
import io.korch.api.ObjectMeta;
import io.korch.api.ResourceMetricSource;
import io.korch.model.AutoscalerDefaults;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small builders of autoscalers and observed pods for the autoscaler tests. */
final class AutoscalerFixtures {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    /** Started, and ready, long enough ago that its cpu samples are trusted. */
    static final Instant LONG_AGO = NOW.minus(Duration.ofMinutes(10));

    private AutoscalerFixtures() {
    }

    /** A running, ready pod requesting {@code requestMillis} of cpu and using {@code usageMillis} of it. */
    static ObservedPod pod(String name, long requestMillis, Long usageMillis) {
        return new ObservedPod(name, "Running", false, LONG_AGO, true, LONG_AGO,
                List.of(new ObservedPod.ContainerRequests("main", Map.of("cpu", requestMillis))),
                usageMillis == null ? null
                        : new ObservedPod.Usage(NOW.minusSeconds(5), Duration.ofSeconds(10), Map.of("cpu", usageMillis)));
    }

    static ObservedPod unready(String name, long requestMillis, long usageMillis) {
        return new ObservedPod(name, "Running", false, NOW.minusSeconds(20), false, NOW.minusSeconds(20),
                List.of(new ObservedPod.ContainerRequests("main", Map.of("cpu", requestMillis))),
                new ObservedPod.Usage(NOW.minusSeconds(5), Duration.ofSeconds(10), Map.of("cpu", usageMillis)));
    }

    static ObservedPod withPhase(ObservedPod pod, String phase, boolean deleting) {
        return new ObservedPod(pod.name(), phase, deleting, pod.startTime(), pod.ready(), pod.readySince(),
                pod.requests(), pod.usage());
    }

    static HorizontalPodAutoscaler hpa(int min, int max, MetricSpec... metrics) {
        return HorizontalPodAutoscaler.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("web").setNamespace("default").setUid("u1")
                        .setGeneration(1L).build())
                .setSpec(HorizontalPodAutoscalerSpec.newBuilder()
                        .setScaleTargetRef(CrossVersionObjectReference.newBuilder().setApiVersion("apps/v1")
                                .setKind("Deployment").setName("web").build())
                        .setMinReplicas(min).setMaxReplicas(max).setMetrics(List.of(metrics)).build())
                .build();
    }

    static MetricSpec cpuPercent(int percent) {
        return AutoscalerDefaults.cpuUtilization(percent);
    }

    static MetricSpec cpuAverage(String quantity) {
        return MetricSpec.newBuilder().setType("Resource").setResource(ResourceMetricSource.newBuilder().setName("cpu")
                .setTarget(MetricTarget.newBuilder().setType("AverageValue").setAverageValue(quantity).build())
                .build()).build();
    }
}

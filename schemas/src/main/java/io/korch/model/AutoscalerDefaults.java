package io.korch.model;

import io.korch.api.HPAScalingPolicy;
import io.korch.api.HPAScalingRules;
import io.korch.api.HorizontalPodAutoscaler;
import io.korch.api.HorizontalPodAutoscalerBehavior;
import io.korch.api.HorizontalPodAutoscalerSpec;
import io.korch.api.MetricSpec;
import io.korch.api.MetricTarget;
import io.korch.api.ResourceMetricSource;
import java.util.ArrayList;
import java.util.List;

/**
 * What Kubernetes fills in on a HorizontalPodAutoscaler (autoscaling/v2) before it validates and
 * stores it: {@code minReplicas} 1; without metrics, cpu at 80 % of request; and, when a
 * {@code behavior} is given, the default rules for each direction it leaves out and the default
 * parts of those it gives. The scale-down stabilization window stays unset when not given, so
 * that the controller's own default applies, as in Kubernetes. The autoscaler controller reads
 * rules through {@link #scaleUp} and {@link #scaleDown}, so a missing {@code behavior} means these
 * same defaults.
 */
public final class AutoscalerDefaults {

    public static final String RESOURCE = "Resource";
    public static final String UTILIZATION = "Utilization";
    public static final String AVERAGE_VALUE = "AverageValue";
    public static final String PODS = "Pods";
    public static final String PERCENT = "Percent";
    public static final String MAX = "Max";
    public static final String MIN = "Min";
    public static final String DISABLED = "Disabled";
    /** The cpu utilization an autoscaler without metrics aims at, in percent of request. */
    public static final int DEFAULT_CPU_UTILIZATION = 80;

    private AutoscalerDefaults() {
    }

    /** {@code hpa} with Kubernetes' defaults filled in. Pure; never changes {@code hpa}. */
    public static HorizontalPodAutoscaler defaulted(HorizontalPodAutoscaler hpa) {
        HorizontalPodAutoscalerSpec spec = hpa.getSpec();
        if (spec == null) {
            return hpa;
        }
        HorizontalPodAutoscalerSpec.Builder defaulted = HorizontalPodAutoscalerSpec.newBuilder(spec)
                .setMinReplicas(spec.getMinReplicas() == null ? 1 : spec.getMinReplicas())
                .setMetrics(spec.getMetrics().isEmpty() ? List.of(cpuUtilization(DEFAULT_CPU_UTILIZATION))
                        : spec.getMetrics());
        HorizontalPodAutoscalerBehavior behavior = spec.getBehavior();
        if (behavior != null) {
            defaulted.setBehavior(HorizontalPodAutoscalerBehavior.newBuilder()
                    .setScaleUp(scaleUp(behavior))
                    .setScaleDown(scaleDown(behavior, null))
                    .build());
        }
        return HorizontalPodAutoscaler.newBuilder(hpa).setSpec(defaulted.build()).build();
    }

    /** A cpu metric aiming at {@code percent} % of request, as {@code kubectl autoscale --cpu-percent} writes it. */
    public static MetricSpec cpuUtilization(int percent) {
        return MetricSpec.newBuilder().setType(RESOURCE).setResource(ResourceMetricSource.newBuilder().setName("cpu")
                .setTarget(MetricTarget.newBuilder().setType(UTILIZATION).setAverageUtilization(percent).build())
                .build()).build();
    }

    /**
     * The scale-up rules of {@code behavior} (null: none given) with defaults: no stabilization,
     * select {@code Max}, and the larger of doubling and adding 4 pods every 15 s.
     */
    public static HPAScalingRules scaleUp(HorizontalPodAutoscalerBehavior behavior) {
        HPAScalingRules rules = behavior == null ? null : behavior.getScaleUp();
        return filled(rules, 0, List.of(policy(PERCENT, 100, 15), policy(PODS, 4, 15)));
    }

    /**
     * The scale-down rules of {@code behavior} (null: none given) with defaults: select
     * {@code Max}, removing up to all pods every 15 s, and a stabilization window of
     * {@code defaultWindowSeconds} when it gives none (null: left unset).
     */
    public static HPAScalingRules scaleDown(HorizontalPodAutoscalerBehavior behavior, Integer defaultWindowSeconds) {
        HPAScalingRules rules = behavior == null ? null : behavior.getScaleDown();
        return filled(rules, defaultWindowSeconds, List.of(policy(PERCENT, 100, 15)));
    }

    private static HPAScalingRules filled(HPAScalingRules rules, Integer window, List<HPAScalingPolicy> policies) {
        if (rules == null) {
            return HPAScalingRules.newBuilder().setStabilizationWindowSeconds(window).setSelectPolicy(MAX)
                    .setPolicies(new ArrayList<>(policies)).build();
        }
        return HPAScalingRules.newBuilder(rules)
                .setStabilizationWindowSeconds(rules.getStabilizationWindowSeconds() != null
                        ? rules.getStabilizationWindowSeconds() : window)
                .setSelectPolicy(rules.getSelectPolicy() != null ? rules.getSelectPolicy() : MAX)
                .setPolicies(rules.getPolicies().isEmpty() ? new ArrayList<>(policies) : rules.getPolicies())
                .build();
    }

    private static HPAScalingPolicy policy(String type, int value, int periodSeconds) {
        return HPAScalingPolicy.newBuilder().setType(type).setValue(value).setPeriodSeconds(periodSeconds).build();
    }
}

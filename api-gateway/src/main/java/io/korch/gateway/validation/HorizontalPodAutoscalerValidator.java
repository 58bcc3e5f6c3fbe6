package io.korch.gateway.validation;

import io.korch.api.CrossVersionObjectReference;
import io.korch.api.HPAScalingPolicy;
import io.korch.api.HPAScalingRules;
import io.korch.api.HorizontalPodAutoscaler;
import io.korch.api.HorizontalPodAutoscalerBehavior;
import io.korch.api.HorizontalPodAutoscalerSpec;
import io.korch.api.MetricSpec;
import io.korch.api.MetricTarget;
import io.korch.api.ResourceMetricSource;
import io.korch.model.AutoscalerDefaults;
import io.korch.model.Names;
import io.korch.model.Quantity;
import java.util.List;

/**
 * Validates a HorizontalPodAutoscaler (autoscaling/v2) as Kubernetes does, after its defaults:
 * its replica bounds, its target reference, its metrics — of which korch reads Resource metrics
 * of cpu and memory only, so other metric types are refused as unsupported — and its scaling
 * behavior.
 */
public final class HorizontalPodAutoscalerValidator implements Validator<HorizontalPodAutoscaler> {

    static final List<String> METRIC_TYPES = List.of(AutoscalerDefaults.RESOURCE);
    static final List<String> RESOURCES = List.of("cpu", "memory");
    static final List<String> TARGET_TYPES = List.of(AutoscalerDefaults.UTILIZATION, AutoscalerDefaults.AVERAGE_VALUE);
    static final List<String> SELECT_POLICIES =
            List.of(AutoscalerDefaults.DISABLED, AutoscalerDefaults.MAX, AutoscalerDefaults.MIN);
    static final List<String> POLICY_TYPES = List.of(AutoscalerDefaults.PERCENT, AutoscalerDefaults.PODS);
    static final int MAX_STABILIZATION_SECONDS = 3600;
    static final int MAX_PERIOD_SECONDS = 1800;

    @Override
    public List<Cause> validate(HorizontalPodAutoscaler hpa) {
        Causes causes = new Causes();
        MetadataRules.validate(hpa.getMetadata(), Names::checkDns1123Subdomain, causes);
        HorizontalPodAutoscalerSpec spec = hpa.getSpec();
        if (spec == null) {
            return causes.required("spec").list();
        }
        replicas(spec, causes);
        target(spec.getScaleTargetRef(), causes);
        for (int i = 0; i < spec.getMetrics().size(); i++) {
            metric(spec.getMetrics().get(i), "spec.metrics[" + i + "]", causes);
        }
        HorizontalPodAutoscalerBehavior behavior = spec.getBehavior();
        if (behavior != null) {
            rules(behavior.getScaleUp(), "spec.behavior.scaleUp", causes);
            rules(behavior.getScaleDown(), "spec.behavior.scaleDown", causes);
        }
        return causes.list();
    }

    private static void replicas(HorizontalPodAutoscalerSpec spec, Causes causes) {
        Integer min = spec.getMinReplicas();
        Integer max = spec.getMaxReplicas();
        if (max == null) {
            causes.required("spec.maxReplicas");
        } else if (max < 1) {
            causes.invalid("spec.maxReplicas", max, "must be greater than 0");
        }
        if (min != null && min < 1) {
            causes.invalid("spec.minReplicas", min, "must be greater than or equal to 1");
        } else if (min != null && max != null && min > max) {
            causes.invalid("spec.minReplicas", min, "must be less than or equal to maxReplicas");
        }
    }

    private static void target(CrossVersionObjectReference ref, Causes causes) {
        if (ref == null) {
            causes.required("spec.scaleTargetRef");
            return;
        }
        if (ref.getKind() == null || ref.getKind().isEmpty()) {
            causes.required("spec.scaleTargetRef.kind");
        }
        if (ref.getName() == null || ref.getName().isEmpty()) {
            causes.required("spec.scaleTargetRef.name");
        } else if (ref.getName().contains("/") || ref.getName().contains("%") || ref.getName().equals(".")
                || ref.getName().equals("..")) {
            causes.invalid("spec.scaleTargetRef.name", ref.getName(), "may not contain '/' or '%' nor be '.' or '..'");
        }
    }

    private static void metric(MetricSpec metric, String field, Causes causes) {
        if (metric.getType() == null || metric.getType().isEmpty()) {
            causes.required(field + ".type", "must specify a metric source type");
            return;
        }
        if (!METRIC_TYPES.contains(metric.getType())) {
            causes.notSupported(field + ".type", metric.getType(), METRIC_TYPES);
            return;
        }
        ResourceMetricSource resource = metric.getResource();
        if (resource == null) {
            causes.required(field + ".resource", "must populate information for the given metric source");
            return;
        }
        if (resource.getName() == null || resource.getName().isEmpty()) {
            causes.required(field + ".resource.name", "must specify a resource name");
        } else if (!RESOURCES.contains(resource.getName())) {
            causes.notSupported(field + ".resource.name", resource.getName(), RESOURCES);
        }
        metricTarget(resource.getName(), resource.getTarget(), field + ".resource.target", causes);
    }

    private static void metricTarget(String resource, MetricTarget target, String field, Causes causes) {
        if (target == null || target.getType() == null || target.getType().isEmpty()) {
            causes.required(field + ".type", "must specify a metric target type");
            return;
        }
        if (!TARGET_TYPES.contains(target.getType())) {
            causes.notSupported(field + ".type", target.getType(), TARGET_TYPES);
            return;
        }
        boolean utilization = AutoscalerDefaults.UTILIZATION.equals(target.getType());
        if (!utilization && target.getAverageUtilization() != null) {
            causes.forbidden(field + ".averageUtilization", "may not be set when type is not Utilization");
        }
        if (utilization && target.getAverageUtilization() == null) {
            causes.required(field + ".averageUtilization", "must set averageUtilization when type is Utilization");
        } else if (target.getAverageUtilization() != null && target.getAverageUtilization() < 1) {
            causes.invalid(field + ".averageUtilization", target.getAverageUtilization(), "must be greater than 0");
        }
        if (target.getValue() != null) {
            causes.forbidden(field + ".value", "may not be set for a resource metric");
        }
        if (!utilization && target.getAverageValue() == null) {
            causes.required(field + ".averageValue", "must set averageValue when type is AverageValue");
        } else if (utilization && target.getAverageValue() != null) {
            causes.forbidden(field + ".averageValue", "may not be set when type is Utilization");
        } else if (target.getAverageValue() != null && !positive(resource, target.getAverageValue())) {
            causes.invalid(field + ".averageValue", target.getAverageValue(), "must be a positive quantity");
        }
    }

    private static boolean positive(String resource, String quantity) {
        try {
            return ("memory".equals(resource) ? Quantity.parseBytes(quantity) : Quantity.parseMillis(quantity)) > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void rules(HPAScalingRules rules, String field, Causes causes) {
        if (rules == null) {
            return;
        }
        Integer window = rules.getStabilizationWindowSeconds();
        if (window != null && window < 0) {
            causes.invalid(field + ".stabilizationWindowSeconds", window, "must be greater than or equal to zero");
        } else if (window != null && window > MAX_STABILIZATION_SECONDS) {
            causes.invalid(field + ".stabilizationWindowSeconds", window,
                    "must be less than or equal to " + MAX_STABILIZATION_SECONDS);
        }
        if (rules.getSelectPolicy() != null && !SELECT_POLICIES.contains(rules.getSelectPolicy())) {
            causes.notSupported(field + ".selectPolicy", rules.getSelectPolicy(), SELECT_POLICIES);
        }
        if (rules.getPolicies().isEmpty()) {
            causes.required(field + ".policies", "must specify at least one Policy");
        }
        for (int i = 0; i < rules.getPolicies().size(); i++) {
            HPAScalingPolicy policy = rules.getPolicies().get(i);
            String at = field + ".policies[" + i + "]";
            if (!POLICY_TYPES.contains(policy.getType())) {
                causes.notSupported(at + ".type", policy.getType(), POLICY_TYPES);
            }
            if (policy.getValue() <= 0) {
                causes.invalid(at + ".value", policy.getValue(), "must be greater than zero");
            }
            if (policy.getPeriodSeconds() <= 0) {
                causes.invalid(at + ".periodSeconds", policy.getPeriodSeconds(), "must be greater than zero");
            } else if (policy.getPeriodSeconds() > MAX_PERIOD_SECONDS) {
                causes.invalid(at + ".periodSeconds", policy.getPeriodSeconds(),
                        "must be less than or equal to " + MAX_PERIOD_SECONDS);
            }
        }
    }
}

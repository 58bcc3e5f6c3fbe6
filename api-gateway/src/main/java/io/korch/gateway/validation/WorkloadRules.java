package io.korch.gateway.validation;

import io.korch.api.LabelSelector;
import io.korch.api.ObjectMeta;
import io.korch.api.PodTemplateSpec;
import io.korch.model.Selector;
import java.util.Map;

/** Rules shared by ReplicaSets and Deployments: replicas, the selector and the pod template it must match. */
public final class WorkloadRules {

    static final String NON_NEGATIVE = "must be greater than or equal to 0";

    private WorkloadRules() {
    }

    /**
     * Checks the common part of a workload spec.
     *
     * @param kind the lowercase kind for messages: {@code deployment}
     */
    public static void validate(String kind, Integer replicas, Integer minReadySeconds, LabelSelector selector,
                                PodTemplateSpec template, Causes causes) {
        nonNegative("spec.replicas", replicas, causes);
        nonNegative("spec.minReadySeconds", minReadySeconds, causes);
        ObjectMeta templateMeta = template.getMetadata();
        Map<String, String> templateLabels = templateMeta == null ? Map.of() : templateMeta.getLabels();
        MetadataRules.labels(templateLabels, "spec.template.metadata.labels", causes);
        selector(kind, selector, templateLabels, causes);
        PodSpecRules.validate(template.getSpec(), "spec.template.spec", PodSpecRules.TEMPLATE_RESTART_POLICIES, causes);
    }

    /** Reports a negative {@code value} at {@code field}. */
    static void nonNegative(String field, Integer value, Causes causes) {
        if (value != null && value < 0) {
            causes.invalid(field, value, NON_NEGATIVE);
        }
    }

    private static void selector(String kind, LabelSelector selector, Map<String, String> templateLabels,
                                 Causes causes) {
        if (selector.getMatchLabels().isEmpty() && selector.getMatchExpressions().isEmpty()) {
            causes.invalid("spec.selector", "{}", "empty selector is invalid for " + kind);
            return;
        }
        Selector parsed;
        try {
            parsed = Selector.of(selector);
        } catch (IllegalArgumentException e) {
            causes.invalid("spec.selector", selector.getMatchLabels(), e.getMessage());
            return;
        }
        if (!parsed.matches(templateLabels)) {
            causes.invalid("spec.template.metadata.labels", templateLabels,
                    "`selector` does not match template `labels`");
        }
    }
}

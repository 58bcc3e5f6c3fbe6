package io.korch.controllers.autoscaler;

import io.korch.api.HorizontalPodAutoscalerCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The conditions of an autoscaler's status as one sync sets them, starting from the previous
 * status's: a condition set again keeps its {@code lastTransitionTime} unless its status changed,
 * as Kubernetes' {@code setCondition} does.
 */
final class Conditions {

    static final String ABLE_TO_SCALE = "AbleToScale";
    static final String SCALING_ACTIVE = "ScalingActive";
    static final String SCALING_LIMITED = "ScalingLimited";
    static final String TRUE = "True";
    static final String FALSE = "False";

    private final Map<String, HorizontalPodAutoscalerCondition> conditions = new LinkedHashMap<>();
    private final Instant now;

    Conditions(List<HorizontalPodAutoscalerCondition> previous, Instant now) {
        this.now = now;
        previous.forEach(condition -> conditions.put(condition.getType(), condition));
    }

    Conditions set(String type, boolean status, String reason, String message) {
        String value = status ? TRUE : FALSE;
        HorizontalPodAutoscalerCondition before = conditions.get(type);
        Instant since = before != null && Objects.equals(before.getStatus(), value) && before.getLastTransitionTime() != null
                ? before.getLastTransitionTime() : now;
        conditions.put(type, HorizontalPodAutoscalerCondition.newBuilder().setType(type).setStatus(value)
                .setReason(reason).setMessage(message).setLastTransitionTime(since).build());
        return this;
    }

    /** The conditions, AbleToScale, ScalingActive and ScalingLimited first, in that order. */
    List<HorizontalPodAutoscalerCondition> list() {
        List<String> known = List.of(ABLE_TO_SCALE, SCALING_ACTIVE, SCALING_LIMITED);
        List<HorizontalPodAutoscalerCondition> list = new ArrayList<>();
        known.stream().filter(conditions::containsKey).forEach(type -> list.add(conditions.get(type)));
        conditions.forEach((type, condition) -> {
            if (!known.contains(type)) {
                list.add(condition);
            }
        });
        return list;
    }
}

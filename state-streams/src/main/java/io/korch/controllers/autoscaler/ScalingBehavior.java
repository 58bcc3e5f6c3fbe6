package io.korch.controllers.autoscaler;

import io.korch.api.AutoscalerHistory;
import io.korch.api.HPAScalingPolicy;
import io.korch.api.HPAScalingRules;
import io.korch.api.TimedReplicas;
import io.korch.model.AutoscalerDefaults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;

/**
 * Kubernetes' scaling behavior: how a metrics' recommendation becomes the replica count to set.
 * First the stabilization windows: a scale-up goes no higher than the lowest recommendation of
 * the scale-up window, a scale-down no lower than the highest of the scale-down window. Then the
 * rate policies: the change from the count at the start of each policy's period (the rescales of
 * that period undone) is bounded by its Pods or Percent value, the policies combined by
 * {@code selectPolicy} (Max: the largest change, Min: the smallest, Disabled: none), and
 * minReplicas/maxReplicas bound the result. Pure: the history is given and returned, never kept.
 */
public final class ScalingBehavior {

    /**
     * A normalized recommendation.
     *
     * @param replicas         the count to set
     * @param stabilized       whether a window changed the recommendation
     * @param stabilizedReason ScaleUpStabilized or ScaleDownStabilized, for the AbleToScale condition
     * @param stabilizedMessage that condition's message
     * @param limited          whether a rate or the bounds changed the stabilized count
     * @param limitReason      ScaleUpLimit, ScaleDownLimit, TooManyReplicas, TooFewReplicas or DesiredWithinRange
     * @param limitMessage     the ScalingLimited condition's message
     * @param history          the history with this recommendation recorded
     */
    public record Normalized(int replicas, boolean stabilized, String stabilizedReason, String stabilizedMessage,
                             boolean limited, String limitReason, String limitMessage, AutoscalerHistory history) {
    }

    private ScalingBehavior() {
    }

    /**
     * Normalizes {@code desired}, at {@code current} replicas, by the rules {@code up} and
     * {@code down} (defaults filled in, see {@link AutoscalerDefaults}), recording it in the history.
     */
    public static Normalized normalize(int current, int desired, int min, int max, HPAScalingRules up,
                                       HPAScalingRules down, AutoscalerHistory history, Instant now) {
        Instant upCutoff = now.minusSeconds(window(up));
        Instant downCutoff = now.minusSeconds(window(down));
        int upRecommendation = desired;
        int downRecommendation = desired;
        List<TimedReplicas> kept = new ArrayList<>();
        for (TimedReplicas recommendation : history.getRecommendations()) {
            if (recommendation.getAt().isAfter(upCutoff)) {
                upRecommendation = Math.min(recommendation.getReplicas(), upRecommendation);
            }
            if (recommendation.getAt().isAfter(downCutoff)) {
                downRecommendation = Math.max(recommendation.getReplicas(), downRecommendation);
            }
            if (!recommendation.getAt().isBefore(upCutoff) || !recommendation.getAt().isBefore(downCutoff)) {
                kept.add(recommendation);
            }
        }
        int stabilized = Math.min(Math.max(current, upRecommendation), downRecommendation);
        kept.add(new TimedReplicas(desired, now));
        AutoscalerHistory recorded = AutoscalerHistory.newBuilder(history).setRecommendations(kept).build();
        boolean upward = desired >= current;
        String stabilizedReason = upward ? "ScaleUpStabilized" : "ScaleDownStabilized";
        String stabilizedMessage = upward
                ? "recent recommendations were lower than current one, applying the lowest recent recommendation"
                : "recent recommendations were higher than current one, applying the highest recent recommendation";

        int limitedTo = stabilized;
        String reason = "DesiredWithinRange";
        String message = "the desired count is within the acceptable range";
        if (stabilized > current) {
            int limit = Math.max(current, scaleUpLimit(current, history, up, now));
            int allowed = max;
            if (allowed > limit) {
                allowed = limit;
                reason = "ScaleUpLimit";
                message = "the desired replica count is increasing faster than the maximum scale rate";
            } else {
                reason = "TooManyReplicas";
                message = "the desired replica count is more than the maximum replica count";
            }
            if (stabilized > allowed) {
                limitedTo = allowed;
            } else {
                reason = "DesiredWithinRange";
                message = "the desired count is within the acceptable range";
            }
        } else if (stabilized < current) {
            int limit = Math.min(current, scaleDownLimit(current, history, down, now));
            int allowed = min;
            if (allowed < limit) {
                allowed = limit;
                reason = "ScaleDownLimit";
                message = "the desired replica count is decreasing faster than the maximum scale rate";
            } else {
                reason = "TooFewReplicas";
                message = "the desired replica count is less than the minimum replica count";
            }
            if (stabilized < allowed) {
                limitedTo = allowed;
            } else {
                reason = "DesiredWithinRange";
                message = "the desired count is within the acceptable range";
            }
        }
        return new Normalized(limitedTo, stabilized != desired, stabilizedReason, stabilizedMessage,
                limitedTo != stabilized, reason, message, recorded);
    }

    /** {@code history} with a rescale from {@code from} to {@code to} at {@code now}, rescales older than any period dropped. */
    public static AutoscalerHistory rescaled(AutoscalerHistory history, int from, int to, HPAScalingRules up,
                                             HPAScalingRules down, Instant now) {
        if (to > from) {
            return AutoscalerHistory.newBuilder(history)
                    .setScaleUps(appended(history.getScaleUps(), to - from, longestPeriod(up), now)).build();
        }
        if (to < from) {
            return AutoscalerHistory.newBuilder(history)
                    .setScaleDowns(appended(history.getScaleDowns(), from - to, longestPeriod(down), now)).build();
        }
        return history;
    }

    private static List<TimedReplicas> appended(List<TimedReplicas> events, int change, Duration longest, Instant now) {
        List<TimedReplicas> kept = new ArrayList<>();
        for (TimedReplicas event : events) {
            if (event.getAt().isAfter(now.minus(longest))) {
                kept.add(event);
            }
        }
        kept.add(new TimedReplicas(change, now));
        return kept;
    }

    static int scaleUpLimit(int current, AutoscalerHistory history, HPAScalingRules rules, Instant now) {
        if (AutoscalerDefaults.DISABLED.equals(rules.getSelectPolicy())) {
            return current;
        }
        boolean min = AutoscalerDefaults.MIN.equals(rules.getSelectPolicy());
        IntBinaryOperator select = min ? Math::min : Math::max;
        int result = min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (HPAScalingPolicy policy : rules.getPolicies()) {
            int start = periodStart(current, history, policy, now);
            int proposed = AutoscalerDefaults.PODS.equals(policy.getType()) ? start + policy.getValue()
                    : (int) Math.ceil(start * (1 + policy.getValue() / 100.0));
            result = select.applyAsInt(result, proposed);
        }
        return result;
    }

    static int scaleDownLimit(int current, AutoscalerHistory history, HPAScalingRules rules, Instant now) {
        if (AutoscalerDefaults.DISABLED.equals(rules.getSelectPolicy())) {
            return current;
        }
        boolean min = AutoscalerDefaults.MIN.equals(rules.getSelectPolicy());
        IntBinaryOperator select = min ? Math::max : Math::min;
        int result = min ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (HPAScalingPolicy policy : rules.getPolicies()) {
            int start = periodStart(current, history, policy, now);
            int proposed = AutoscalerDefaults.PODS.equals(policy.getType()) ? start - policy.getValue()
                    : (int) (start * (1 - policy.getValue() / 100.0));
            result = select.applyAsInt(result, proposed);
        }
        return result;
    }

    /** The replica count at the start of {@code policy}'s period: the rescales within it undone. */
    private static int periodStart(int current, AutoscalerHistory history, HPAScalingPolicy policy, Instant now) {
        Instant cutoff = now.minusSeconds(policy.getPeriodSeconds());
        return current - changeSince(history.getScaleUps(), cutoff) + changeSince(history.getScaleDowns(), cutoff);
    }

    private static int changeSince(List<TimedReplicas> events, Instant cutoff) {
        return events.stream().filter(e -> e.getAt().isAfter(cutoff)).mapToInt(TimedReplicas::getReplicas).sum();
    }

    private static Duration longestPeriod(HPAScalingRules rules) {
        return Duration.ofSeconds(rules.getPolicies().stream().mapToInt(HPAScalingPolicy::getPeriodSeconds).max().orElse(0));
    }

    private static long window(HPAScalingRules rules) {
        return rules.getStabilizationWindowSeconds() == null ? 0 : rules.getStabilizationWindowSeconds();
    }
}

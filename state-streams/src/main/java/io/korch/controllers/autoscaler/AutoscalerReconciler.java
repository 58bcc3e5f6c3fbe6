package io.korch.controllers.autoscaler;

import io.korch.api.AutoscalerHistory;
import io.korch.api.Event;
import io.korch.api.HPAScalingRules;
import io.korch.api.HorizontalPodAutoscaler;
import io.korch.api.HorizontalPodAutoscalerSpec;
import io.korch.api.HorizontalPodAutoscalerStatus;
import io.korch.api.MetricSpec;
import io.korch.api.MetricStatus;
import io.korch.api.MetricValueStatus;
import io.korch.api.ResourceMetricSource;
import io.korch.api.ResourceMetricStatus;
import io.korch.api.TimedReplicas;
import io.korch.model.AutoscalerDefaults;
import io.korch.model.EventReasons;
import io.korch.model.Events;
import io.korch.model.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One sync of one HorizontalPodAutoscaler, as Kubernetes' horizontal controller does it: read the
 * target's scale, compute a replica count from each metric ({@link ReplicaCalculator}) and take
 * the largest, bound it by minReplicas and maxReplicas, stabilize and rate-limit it
 * ({@link ScalingBehavior}), and decide whether to rescale. Pure and idempotent: from the same
 * autoscaler, target, history and time it plans the same step.
 *
 * <p>{@link #plan} returns a {@link Plan}; the caller sets the target's scale when the plan says
 * so, and turns the plan into an {@link Outcome} — the status to record, the history to keep and
 * the events to log — with {@link Plan#rescaled}, {@link Plan#failed} or {@link Plan#unchanged}.
 */
public final class AutoscalerReconciler {

    /** The event source of the autoscaler controller, as Kubernetes names it. */
    public static final String COMPONENT = "horizontal-pod-autoscaler";
    static final String KIND = "HorizontalPodAutoscaler";

    private final ReplicaCalculator calculator;
    private final int scaleDownWindowSeconds;

    /**
     * @param tolerance              the ratio's distance from 1 within which nothing changes
     * @param scaleDownWindowSeconds the scale-down stabilization window of autoscalers that set none
     */
    public AutoscalerReconciler(double tolerance, int scaleDownWindowSeconds) {
        this.calculator = new ReplicaCalculator(tolerance);
        this.scaleDownWindowSeconds = scaleDownWindowSeconds;
    }

    /**
     * The target as the autoscaler sees it.
     *
     * @param notFound why its scale cannot be read (missing, of a kind without a scale, the API unreachable); null when it can
     * @param replicas its spec.replicas
     * @param pods     the pods its selector matches
     */
    public record Target(String notFound, int replicas, List<ObservedPod> pods) {

        public static Target missing(String why) {
            return new Target(why, 0, List.of());
        }
    }

    /** What a sync produced: the status to record, the history to keep, the events to log. */
    public record Outcome(HorizontalPodAutoscalerStatus status, AutoscalerHistory history, List<Event> events) {
    }

    /** Plans the sync of {@code hpa} on {@code target} at {@code now}; {@code history} null for a new autoscaler. */
    public Plan plan(HorizontalPodAutoscaler hpa, Target target, AutoscalerHistory history,
                     HorizontalPodAutoscalerStatus previous, Instant now) {
        HorizontalPodAutoscalerSpec spec = AutoscalerDefaults.defaulted(hpa).getSpec();
        Conditions conditions = new Conditions(previous == null ? List.of() : previous.getConditions(), now);
        Plan plan = new Plan(hpa, spec, previous, conditions, now);
        if (target.notFound() != null) {
            String message = "the HPA controller was unable to get the target's current scale: " + target.notFound();
            conditions.set(Conditions.ABLE_TO_SCALE, false, EventReasons.FAILED_GET_SCALE, message);
            conditions.set(Conditions.SCALING_ACTIVE, false, EventReasons.FAILED_GET_SCALE, message);
            plan.warnIfNew(Conditions.ABLE_TO_SCALE, EventReasons.FAILED_GET_SCALE, target.notFound());
            plan.history = history == null ? AutoscalerHistory.newBuilder().build() : history;
            return plan;
        }
        conditions.set(Conditions.ABLE_TO_SCALE, true, "SucceededGetScale",
                "the HPA controller was able to get the target's current scale");
        int current = target.replicas();
        plan.current = current;
        plan.desired = current;
        if (history == null) {
            history = AutoscalerHistory.newBuilder().setRecommendations(List.of(new TimedReplicas(current, now))).build();
        }
        plan.history = history;
        int min = spec.getMinReplicas();
        int max = spec.getMaxReplicas() == null ? min : spec.getMaxReplicas();
        if (current == 0 && min != 0) {
            conditions.set(Conditions.SCALING_ACTIVE, false, "ScalingDisabled",
                    "scaling is disabled since the replica count of the target is zero");
            return plan;
        }
        if (current > max) {
            return plan.rescaleTo(max, "Current number of replicas above Spec.MaxReplicas");
        }
        if (current < min) {
            return plan.rescaleTo(min, "Current number of replicas below Spec.MinReplicas");
        }
        int proposed = -1;
        String proposedBy = null;
        String firstError = null;
        int invalid = 0;
        for (MetricSpec metric : spec.getMetrics()) {
            ResourceMetricSource resource = metric.getResource();
            String name = metricName(resource);
            MetricResult result = compute(current, resource, target.pods(), now);
            if (result.failed()) {
                // as in Kubernetes, the statuses line up with the metrics: an empty one where a metric failed
                plan.metrics.add(MetricStatus.newBuilder().setType("").build());
                invalid++;
                firstError = firstError != null ? firstError
                        : "failed to get " + resource.getName() + " utilization: " + result.error();
                continue;
            }
            plan.metrics.add(status(resource, result));
            if (result.replicas() > proposed) {
                proposed = result.replicas();
                proposedBy = name;
            }
        }
        if (proposed == -1) {
            conditions.set(Conditions.SCALING_ACTIVE, false, EventReasons.FAILED_GET_RESOURCE_METRIC,
                    "the HPA was unable to compute the replica count: " + firstError);
            plan.warnIfNew(Conditions.SCALING_ACTIVE, EventReasons.FAILED_GET_RESOURCE_METRIC, firstError);
            return plan;
        }
        conditions.set(Conditions.SCALING_ACTIVE, true, "ValidMetricFound",
                "the HPA was able to successfully calculate a replica count from " + proposedBy);
        String reason = proposed > current ? proposedBy + " above target"
                : proposed < current ? "All metrics below target" : "";
        HPAScalingRules up = AutoscalerDefaults.scaleUp(spec.getBehavior());
        HPAScalingRules down = AutoscalerDefaults.scaleDown(spec.getBehavior(), scaleDownWindowSeconds);
        ScalingBehavior.Normalized normalized =
                ScalingBehavior.normalize(current, proposed, min, max, up, down, history, now);
        plan.history = normalized.history();
        plan.up = up;
        plan.down = down;
        if (normalized.stabilized()) {
            conditions.set(Conditions.ABLE_TO_SCALE, true, normalized.stabilizedReason(), normalized.stabilizedMessage());
        } else {
            conditions.set(Conditions.ABLE_TO_SCALE, true, "ReadyForNewScale", "recommended size matches current size");
        }
        conditions.set(Conditions.SCALING_LIMITED, normalized.limited(), normalized.limitReason(),
                normalized.limitMessage());
        if (invalid > 0) {
            plan.warnIfNew(Conditions.SCALING_ACTIVE, EventReasons.FAILED_GET_RESOURCE_METRIC, firstError);
        }
        return normalized.replicas() == current ? plan : plan.rescaleTo(normalized.replicas(), reason);
    }

    private MetricResult compute(int current, ResourceMetricSource resource, List<ObservedPod> pods, Instant now) {
        String name = resource.getName();
        if (AutoscalerDefaults.UTILIZATION.equals(resource.getTarget().getType())) {
            return calculator.replicas(current, name, resource.getTarget().getAverageUtilization(), 0, pods, now);
        }
        long target = Resources.parseMillis(name, resource.getTarget().getAverageValue());
        return calculator.replicas(current, name, null, target, pods, now);
    }

    private static MetricStatus status(ResourceMetricSource resource, MetricResult result) {
        return MetricStatus.newBuilder().setType(AutoscalerDefaults.RESOURCE)
                .setResource(ResourceMetricStatus.newBuilder().setName(resource.getName())
                        .setCurrent(MetricValueStatus.newBuilder().setAverageUtilization(result.utilization())
                                .setAverageValue(Resources.format(resource.getName(), result.averageMillis())).build())
                        .build())
                .build();
    }

    /** How Kubernetes names a resource metric in conditions and events. */
    static String metricName(ResourceMetricSource resource) {
        return AutoscalerDefaults.UTILIZATION.equals(resource.getTarget().getType())
                ? resource.getName() + " resource utilization (percentage of request)"
                : resource.getName() + " resource";
    }

    /** A planned sync: whether to rescale, and to what; turned into an {@link Outcome} once the rescale is done or not. */
    public static final class Plan {

        private final HorizontalPodAutoscaler hpa;
        private final HorizontalPodAutoscalerSpec spec;
        private final HorizontalPodAutoscalerStatus previous;
        private final Conditions conditions;
        private final Instant now;
        private final List<MetricStatus> metrics = new ArrayList<>();
        private final List<Event> events = new ArrayList<>();
        private AutoscalerHistory history;
        private HPAScalingRules up;
        private HPAScalingRules down;
        private int current;
        private int desired;
        private boolean rescale;
        private String reason;

        private Plan(HorizontalPodAutoscaler hpa, HorizontalPodAutoscalerSpec spec,
                     HorizontalPodAutoscalerStatus previous, Conditions conditions, Instant now) {
            this.hpa = hpa;
            this.spec = spec;
            this.previous = previous;
            this.conditions = conditions;
            this.now = now;
        }

        private Plan rescaleTo(int replicas, String why) {
            desired = replicas;
            rescale = true;
            reason = why;
            return this;
        }

        private void warnIfNew(String condition, String eventReason, String message) {
            String before = previous == null ? null : previous.getConditions().stream()
                    .filter(c -> c.getType().equals(condition)).map(c -> c.getMessage()).findFirst().orElse(null);
            String after = conditions.list().stream().filter(c -> c.getType().equals(condition))
                    .map(c -> c.getMessage()).findFirst().orElse(null);
            if (!Objects.equals(before, after)) {
                events.add(event(Events.WARNING, eventReason, message));
            }
        }

        /** Whether the target's scale is to be set to {@link #desiredReplicas()}. */
        public boolean rescale() {
            return rescale;
        }

        public int desiredReplicas() {
            return desired;
        }

        public int currentReplicas() {
            return current;
        }

        /** The outcome when no rescale was planned. */
        public Outcome unchanged() {
            return outcome(current, false);
        }

        /** The outcome after the target's scale was set to {@link #desiredReplicas()}. */
        public Outcome rescaled() {
            conditions.set(Conditions.ABLE_TO_SCALE, true, "SucceededRescale",
                    "the HPA controller was able to update the target scale to " + desired);
            events.add(event(Events.NORMAL, EventReasons.SUCCESSFUL_RESCALE,
                    "New size: " + desired + "; reason: " + reason));
            history = ScalingBehavior.rescaled(history, current, desired,
                    up != null ? up : AutoscalerDefaults.scaleUp(spec.getBehavior()),
                    down != null ? down : AutoscalerDefaults.scaleDown(spec.getBehavior(), 0), now);
            return outcome(desired, true);
        }

        /** The outcome after setting the target's scale failed with {@code error}. */
        public Outcome failed(String error) {
            conditions.set(Conditions.ABLE_TO_SCALE, false, "FailedUpdateScale",
                    "the HPA controller was unable to update the target scale: " + error);
            events.add(event(Events.WARNING, EventReasons.FAILED_RESCALE,
                    "New size: " + desired + "; reason: " + reason + "; error: " + error));
            return outcome(current, false);
        }

        private Outcome outcome(int desiredReplicas, boolean scaled) {
            HorizontalPodAutoscalerStatus status = HorizontalPodAutoscalerStatus.newBuilder()
                    .setObservedGeneration(hpa.getMetadata().getGeneration())
                    .setLastScaleTime(scaled ? now : previous == null ? null : previous.getLastScaleTime())
                    .setCurrentReplicas(current)
                    .setDesiredReplicas(desiredReplicas)
                    .setCurrentMetrics(new ArrayList<>(metrics))
                    .setConditions(conditions.list())
                    .build();
            return new Outcome(status, history, List.copyOf(events));
        }

        private Event event(String type, String eventReason, String message) {
            return Events.of(Events.ref(KIND, hpa.getMetadata().getNamespace(), hpa.getMetadata().getName(),
                    hpa.getMetadata().getUid()), type, eventReason, message, COMPONENT, null, now);
        }
    }

    /** Resource quantities in the calculator's milli-units. */
    static final class Resources {

        private Resources() {
        }

        static long parseMillis(String resource, String quantity) {
            return "cpu".equals(resource) ? Quantity.parseMillis(quantity) : Quantity.parseBytes(quantity) * 1000;
        }

        static String format(String resource, long millis) {
            return "cpu".equals(resource) ? Quantity.formatMillis(millis) : Quantity.formatBytes(millis / 1000);
        }
    }
}

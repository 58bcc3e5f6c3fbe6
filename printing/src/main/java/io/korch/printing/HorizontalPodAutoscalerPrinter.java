package io.korch.printing;

import io.korch.api.HorizontalPodAutoscaler;
import io.korch.api.HorizontalPodAutoscalerStatus;
import io.korch.api.MetricSpec;
import io.korch.api.MetricStatus;
import io.korch.api.MetricTarget;
import io.korch.api.MetricValueStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * HorizontalPodAutoscalers as {@code kubectl get hpa} shows them: {@code NAME REFERENCE TARGETS
 * MINPODS MAXPODS REPLICAS AGE}, TARGETS as current over target per metric ({@code cpu: 20%/50%},
 * {@code cpu: <unknown>/50%} before a value is known), two at most and a count of the others.
 */
public final class HorizontalPodAutoscalerPrinter implements TablePrinter<HorizontalPodAutoscaler> {

    private static final int SHOWN_METRICS = 2;
    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Reference", "Reference to the scaled object"),
            Column.string("Targets", "Current and target value of the metrics"),
            Column.string("MinPods", "Lower limit for the number of pods that can be set by the autoscaler, default 1."),
            Column.integer("MaxPods", "Upper limit for the number of pods that can be set by the autoscaler; cannot be"
                    + " smaller than MinReplicas."),
            Column.integer("Replicas", "Current number of replicas of pods managed by this autoscaler."),
            Column.age());

    HorizontalPodAutoscalerPrinter() {
    }

    @Override
    public Class<HorizontalPodAutoscaler> type() {
        return HorizontalPodAutoscaler.class;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(HorizontalPodAutoscaler hpa, Instant now) {
        HorizontalPodAutoscalerStatus status = hpa.getStatus();
        Integer min = hpa.getSpec().getMinReplicas();
        Integer max = hpa.getSpec().getMaxReplicas();
        return List.of(
                hpa.getMetadata().getName(),
                hpa.getSpec().getScaleTargetRef().getKind() + "/" + hpa.getSpec().getScaleTargetRef().getName(),
                targets(hpa.getSpec().getMetrics(), status == null ? List.of() : status.getCurrentMetrics()),
                min == null ? "<unset>" : Integer.toString(min),
                max == null ? 0 : max,
                status == null ? 0 : status.getCurrentReplicas(),
                Ages.age(hpa.getMetadata().getCreationTimestamp(), now));
    }

    /** The TARGETS cell: {@code cpu: 20%/50%, memory: 30Mi/64Mi + 1 more...}. */
    public static String targets(List<MetricSpec> specs, List<MetricStatus> statuses) {
        if (specs.isEmpty()) {
            return Cells.NONE;
        }
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < specs.size() && shown.size() < SHOWN_METRICS; i++) {
            shown.add(target(specs.get(i), i < statuses.size() ? statuses.get(i) : null));
        }
        String cell = String.join(", ", shown);
        return specs.size() > SHOWN_METRICS ? cell + " + " + (specs.size() - SHOWN_METRICS) + " more..." : cell;
    }

    private static String target(MetricSpec spec, MetricStatus status) {
        if (spec.getResource() == null) {
            return "<unknown>/<unknown>";
        }
        MetricTarget target = spec.getResource().getTarget();
        MetricValueStatus current = status == null || status.getResource() == null ? null
                : status.getResource().getCurrent();
        String name = spec.getResource().getName() + ": ";
        if (target.getAverageValue() != null) {
            String now = current == null || current.getAverageValue() == null ? "<unknown>" : current.getAverageValue();
            return name + now + "/" + target.getAverageValue();
        }
        String now = current == null || current.getAverageUtilization() == null ? "<unknown>"
                : current.getAverageUtilization() + "%";
        String goal = target.getAverageUtilization() == null ? "<auto>" : target.getAverageUtilization() + "%";
        return name + now + "/" + goal;
    }
}

package io.korch.cli.output.describe;

import io.korch.api.HorizontalPodAutoscaler;
import io.korch.api.HorizontalPodAutoscalerCondition;
import io.korch.api.HorizontalPodAutoscalerStatus;
import io.korch.api.MetricSpec;
import io.korch.api.MetricStatus;
import io.korch.api.MetricTarget;
import io.korch.api.MetricValueStatus;
import io.korch.api.ObjectMeta;
import io.korch.cli.output.DescribeWriter;
import io.korch.cli.output.Table;
import java.util.List;

/**
 * {@code korch describe hpa}, laid out as kubectl's: metadata, the target, each metric's current
 * and target value, the replica bounds and counts, the conditions with their messages, and events.
 */
public final class HorizontalPodAutoscalerDescriber {

    private HorizontalPodAutoscalerDescriber() {
    }

    /** The report of {@code hpa}. */
    public static String describe(HorizontalPodAutoscaler hpa, EventHistory events, DescribeContext at) {
        ObjectMeta meta = hpa.getMetadata();
        HorizontalPodAutoscalerStatus status = hpa.getStatus() == null
                ? HorizontalPodAutoscalerStatus.newBuilder().build() : hpa.getStatus();
        DescribeWriter w = new DescribeWriter();
        w.field(0, "Name", meta.getName());
        w.field(0, "Namespace", meta.getNamespace());
        Sections.labelsAndAnnotations(w, meta);
        w.field(0, "CreationTimestamp", at.time(meta.getCreationTimestamp()));
        String kind = hpa.getSpec().getScaleTargetRef().getKind();
        w.field(0, "Reference", kind + "/" + hpa.getSpec().getScaleTargetRef().getName());
        w.field(0, "Metrics", "( current / target )");
        List<MetricSpec> metrics = hpa.getSpec().getMetrics();
        for (int i = 0; i < metrics.size(); i++) {
            MetricStatus current = i < status.getCurrentMetrics().size() ? status.getCurrentMetrics().get(i) : null;
            metric(w, metrics.get(i), current);
        }
        Integer min = hpa.getSpec().getMinReplicas();
        w.field(0, "Min replicas", min == null ? "<unset>" : min);
        w.field(0, "Max replicas", hpa.getSpec().getMaxReplicas());
        w.field(0, kind + " pods", status.getCurrentReplicas() + " current / " + status.getDesiredReplicas() + " desired");
        conditions(w, status.getConditions());
        events.write(w, at);
        return w.render();
    }

    private static void metric(DescribeWriter w, MetricSpec spec, MetricStatus status) {
        if (spec.getResource() == null) {
            w.field(1, "\"" + spec.getType() + "\" (unsupported)", "<unknown>");
            return;
        }
        String name = spec.getResource().getName();
        MetricTarget target = spec.getResource().getTarget();
        MetricValueStatus current = status == null || status.getResource() == null ? null : status.getResource().getCurrent();
        if (target.getAverageValue() != null) {
            String now = current == null || current.getAverageValue() == null ? "<unknown>" : current.getAverageValue();
            w.field(1, "resource " + name + " on pods", now + " / " + target.getAverageValue());
            return;
        }
        String now = current == null || current.getAverageUtilization() == null ? "<unknown>"
                : current.getAverageUtilization() + "% (" + current.getAverageValue() + ")";
        w.field(1, "resource " + name + " on pods  (as a percentage of request)",
                now + " / " + target.getAverageUtilization() + "%");
    }

    private static void conditions(DescribeWriter w, List<HorizontalPodAutoscalerCondition> conditions) {
        if (conditions.isEmpty()) {
            w.field(0, "Conditions", "<none>");
            return;
        }
        w.line(0, "Conditions:");
        Table table = Table.of("Type", "Status", "Reason", "Message");
        for (HorizontalPodAutoscalerCondition c : conditions) {
            table.row(c.getType(), c.getStatus(), c.getReason() == null ? "" : c.getReason(),
                    c.getMessage() == null ? "" : c.getMessage());
        }
        w.table(1, table);
    }
}

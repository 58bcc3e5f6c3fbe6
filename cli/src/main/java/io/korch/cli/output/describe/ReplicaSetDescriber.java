package io.korch.cli.output.describe;

import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.ReplicaSet;
import io.korch.cli.output.DescribeWriter;
import io.korch.printing.WorkloadCells;
import java.util.List;

/** {@code korch describe replicaset}: replicas, the phases of its pods, its template and events. */
public final class ReplicaSetDescriber {

    private ReplicaSetDescriber() {
    }

    /** The report of {@code replicaSet}, whose pods are {@code pods}. */
    public static String describe(ReplicaSet replicaSet, List<Pod> pods, EventHistory events, DescribeContext at) {
        ObjectMeta meta = replicaSet.getMetadata();
        DescribeWriter w = new DescribeWriter();
        w.field(0, "Name", meta.getName());
        w.field(0, "Namespace", meta.getNamespace());
        w.field(0, "Selector", WorkloadCells.selectorText(replicaSet.getSpec().getSelector()));
        Sections.labelsAndAnnotations(w, meta);
        Sections.controlledBy(w, meta);
        int current = replicaSet.getStatus() == null ? 0 : replicaSet.getStatus().getReplicas();
        w.field(0, "Replicas", current + " current / " + WorkloadCells.replicas(replicaSet.getSpec().getReplicas()) + " desired");
        w.field(0, "Pods Status", count(pods, "Running") + " Running / " + count(pods, "Pending") + " Waiting / "
                + count(pods, "Succeeded") + " Succeeded / " + count(pods, "Failed") + " Failed");
        Sections.podTemplate(w, replicaSet.getSpec().getTemplate());
        events.write(w, at);
        return w.render();
    }

    private static long count(List<Pod> pods, String phase) {
        return pods.stream()
                .filter(p -> phase.equals(p.getStatus() == null || p.getStatus().getPhase() == null
                        ? "Pending" : p.getStatus().getPhase()))
                .count();
    }
}

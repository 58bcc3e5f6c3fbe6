package io.korch.printing;

import io.korch.api.Pod;
import java.time.Instant;
import java.util.List;

/**
 * Pods as {@code kubectl get pods} shows them: {@code NAME READY STATUS RESTARTS AGE}, wide adds
 * {@code IP NODE}. A pod that succeeded or failed is marked {@link RowCondition#COMPLETED}.
 */
public final class PodPrinter implements TablePrinter<Pod> {

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Ready", "The aggregate readiness state of this pod for accepting traffic."),
            Column.string("Status", "The aggregate status of the containers in this pod."),
            Column.string("Restarts", "The number of times the containers in this pod have been restarted."),
            Column.age(),
            Column.string("IP", "podIP address allocated to the pod. Routable at least within the cluster."
                    + " Empty if not yet allocated.").wide(),
            Column.string("Node", "NodeName indicates in which node this pod is scheduled. If empty, this pod is a"
                    + " candidate for scheduling by the scheduler defined in schedulerName. Once this field is set,"
                    + " the kubelet for this node becomes responsible for the lifecycle of this pod. This field"
                    + " should not be used to express a desire for the pod to be scheduled on a specific node."
                    + " https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename").wide());

    PodPrinter() {
    }

    @Override
    public Class<Pod> type() {
        return Pod.class;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Pod pod, Instant now) {
        return List.of(
                pod.getMetadata().getName(),
                PodStatuses.ready(pod),
                PodStatuses.status(pod),
                Integer.toString(PodStatuses.restarts(pod)),
                Ages.age(pod.getMetadata().getCreationTimestamp(), now),
                Cells.orNone(pod.getStatus() == null ? null : pod.getStatus().getPodIP()),
                Cells.orNone(pod.getSpec().getNodeName()));
    }

    @Override
    public List<RowCondition> conditions(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase)) {
            return List.of(RowCondition.completed(phase, "The pod has completed successfully."));
        }
        if ("Failed".equals(phase)) {
            return List.of(RowCondition.completed(phase, "The pod failed."));
        }
        return List.of();
    }
}

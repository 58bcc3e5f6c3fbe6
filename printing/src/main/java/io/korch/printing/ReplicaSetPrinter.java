package io.korch.printing;

import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * ReplicaSets as {@code kubectl get replicasets} shows them: {@code NAME DESIRED CURRENT READY AGE},
 * wide adds {@code CONTAINERS IMAGES SELECTOR}.
 */
public final class ReplicaSetPrinter implements TablePrinter<ReplicaSet> {

    private static final List<Column> COLUMNS = definitions();

    ReplicaSetPrinter() {
    }

    private static List<Column> definitions() {
        List<Column> columns = new ArrayList<>(List.of(
                Column.objectName(),
                Column.integer("Desired", "Replicas is the number of desired pods. This is a pointer to distinguish"
                        + " between explicit zero and unspecified. Defaults to 1. More info:"
                        + " https://kubernetes.io/docs/concepts/workloads/controllers/replicaset"),
                Column.integer("Current", "Replicas is the most recently observed number of non-terminating pods."
                        + " More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset"),
                Column.integer("Ready", "The number of non-terminating pods targeted by this ReplicaSet with a Ready"
                        + " Condition."),
                Column.age()));
        columns.addAll(WorkloadCells.TEMPLATE_COLUMNS);
        columns.add(Column.string("Selector", "Selector is a label query over pods that should match the replica"
                + " count. If the selector is empty, it is defaulted to the labels present on the pod template."
                + " Label keys and values that must match in order to be controlled by this replica set. More info:"
                + " https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors")
                .wide());
        return List.copyOf(columns);
    }

    @Override
    public Class<ReplicaSet> type() {
        return ReplicaSet.class;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ReplicaSet replicaSet, Instant now) {
        ReplicaSetStatus status = replicaSet.getStatus();
        List<Object> cells = new ArrayList<>(List.of(
                replicaSet.getMetadata().getName(),
                WorkloadCells.replicas(replicaSet.getSpec().getReplicas()),
                status == null ? 0 : status.getReplicas(),
                status == null ? 0 : status.getReadyReplicas(),
                Ages.age(replicaSet.getMetadata().getCreationTimestamp(), now)));
        cells.addAll(WorkloadCells.templateCells(replicaSet.getSpec().getTemplate().getSpec(),
                replicaSet.getSpec().getSelector()));
        return cells;
    }
}

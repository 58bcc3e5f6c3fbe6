package io.korch.printing;

import io.korch.api.Deployment;
import io.korch.api.DeploymentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Deployments as {@code kubectl get deployments} shows them: {@code NAME READY UP-TO-DATE
 * AVAILABLE AGE}, READY as ready over desired replicas; wide adds {@code CONTAINERS IMAGES SELECTOR}.
 */
public final class DeploymentPrinter implements TablePrinter<Deployment> {

    private static final List<Column> COLUMNS = definitions();

    DeploymentPrinter() {
    }

    private static List<Column> definitions() {
        List<Column> columns = new ArrayList<>(List.of(
                Column.objectName(),
                Column.string("Ready", "Number of the pod with ready state"),
                Column.string("Up-to-date", "Total number of non-terminating pods targeted by this deployment that"
                        + " have the desired template spec."),
                Column.string("Available", "Total number of available non-terminating pods (ready for at least"
                        + " minReadySeconds) targeted by this deployment."),
                Column.age()));
        columns.addAll(WorkloadCells.TEMPLATE_COLUMNS);
        columns.add(Column.string("Selector", "Label selector for pods. Existing ReplicaSets whose pods are selected"
                + " by this will be the ones affected by this deployment.").wide());
        return List.copyOf(columns);
    }

    @Override
    public Class<Deployment> type() {
        return Deployment.class;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Deployment deployment, Instant now) {
        DeploymentStatus status = deployment.getStatus();
        int ready = status == null ? 0 : status.getReadyReplicas();
        List<Object> cells = new ArrayList<>(List.of(
                deployment.getMetadata().getName(),
                ready + "/" + WorkloadCells.replicas(deployment.getSpec().getReplicas()),
                status == null ? 0 : status.getUpdatedReplicas(),
                status == null ? 0 : status.getAvailableReplicas(),
                Ages.age(deployment.getMetadata().getCreationTimestamp(), now)));
        cells.addAll(WorkloadCells.templateCells(deployment.getSpec().getTemplate().getSpec(),
                deployment.getSpec().getSelector()));
        return cells;
    }
}

package io.korch.cli.output.describe;

import io.korch.api.Deployment;
import io.korch.api.DeploymentCondition;
import io.korch.api.DeploymentStatus;
import io.korch.api.ObjectMeta;
import io.korch.api.ReplicaSet;
import io.korch.api.RollingUpdateDeployment;
import io.korch.cli.output.DescribeWriter;
import io.korch.printing.WorkloadCells;
import io.korch.cli.output.Table;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code korch describe deployment}: desired and observed replicas, the pod template, the
 * conditions, the current ReplicaSet and any older ones still around, then its events.
 */
public final class DeploymentDescriber {

    /** The annotation the deployment controller numbers its ReplicaSets with. */
    static final String REVISION = "deployment.kubernetes.io/revision";

    private DeploymentDescriber() {
    }

    /** The report of {@code deployment}, whose ReplicaSets are {@code owned}. */
    public static String describe(Deployment deployment, List<ReplicaSet> owned, EventHistory events, DescribeContext at) {
        ObjectMeta meta = deployment.getMetadata();
        DeploymentStatus status = deployment.getStatus() == null ? DeploymentStatus.newBuilder().build() : deployment.getStatus();
        DescribeWriter w = new DescribeWriter();
        w.field(0, "Name", meta.getName());
        w.field(0, "Namespace", meta.getNamespace());
        w.field(0, "CreationTimestamp", at.time(meta.getCreationTimestamp()));
        Sections.labelsAndAnnotations(w, meta);
        w.field(0, "Selector", WorkloadCells.selectorText(deployment.getSpec().getSelector()));
        w.field(0, "Replicas", WorkloadCells.replicas(deployment.getSpec().getReplicas()) + " desired | "
                + status.getUpdatedReplicas() + " updated | " + status.getReplicas() + " total | "
                + status.getAvailableReplicas() + " available | " + status.getUnavailableReplicas() + " unavailable");
        String strategy = deployment.getSpec().getStrategy() == null || deployment.getSpec().getStrategy().getType() == null
                ? "RollingUpdate" : deployment.getSpec().getStrategy().getType();
        w.field(0, "StrategyType", strategy);
        w.field(0, "MinReadySeconds", deployment.getSpec().getMinReadySeconds() == null ? 0 : deployment.getSpec().getMinReadySeconds());
        RollingUpdateDeployment rolling = deployment.getSpec().getStrategy() == null ? null
                : deployment.getSpec().getStrategy().getRollingUpdate();
        if (rolling != null) {
            w.field(0, "RollingUpdateStrategy", rolling.getMaxUnavailable() + " max unavailable, "
                    + rolling.getMaxSurge() + " max surge");
        }
        Sections.podTemplate(w, deployment.getSpec().getTemplate());
        conditions(w, status.getConditions());
        List<ReplicaSet> byAge = owned.stream().sorted(newestFirst()).toList();
        ReplicaSet newest = byAge.isEmpty() ? null : byAge.get(0);
        List<ReplicaSet> older = byAge.isEmpty() ? List.of() : byAge.subList(1, byAge.size());
        w.field(0, "OldReplicaSets", older.isEmpty() ? "<none>"
                : older.stream().map(DeploymentDescriber::summary).collect(Collectors.joining(", ")));
        w.field(0, "NewReplicaSet", newest == null ? "<none>" : summary(newest));
        events.write(w, at);
        return w.render();
    }

    /** Highest revision first, then newest creation. */
    private static Comparator<ReplicaSet> newestFirst() {
        return Comparator.comparingLong(DeploymentDescriber::revision)
                .thenComparing(rs -> rs.getMetadata().getCreationTimestamp(), Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                .reversed();
    }

    private static long revision(ReplicaSet replicaSet) {
        String revision = replicaSet.getMetadata().getAnnotations().get(REVISION);
        try {
            return revision == null ? 0 : Long.parseLong(revision);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String summary(ReplicaSet replicaSet) {
        int current = replicaSet.getStatus() == null ? 0 : replicaSet.getStatus().getReplicas();
        return replicaSet.getMetadata().getName() + " (" + current + "/"
                + WorkloadCells.replicas(replicaSet.getSpec().getReplicas()) + " replicas created)";
    }

    private static void conditions(DescribeWriter w, List<DeploymentCondition> conditions) {
        if (conditions.isEmpty()) {
            w.field(0, "Conditions", "<none>");
            return;
        }
        w.line(0, "Conditions:");
        Table table = Table.of("Type", "Status", "Reason");
        for (DeploymentCondition c : conditions) {
            table.row(c.getType(), c.getStatus(), c.getReason() == null ? "" : c.getReason());
        }
        w.table(1, table);
    }
}

package io.korch.controllers.deployment;

import io.korch.api.DeploymentStatus;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import java.util.List;
import java.util.Map;

/**
 * What the deployment controller knows of one Deployment's current state.
 *
 * @param replicaSets       the ReplicaSets it owns, as last written
 * @param replicaSetStatus  the latest status of those ReplicaSets, by ReplicaSet name (missing: no status yet)
 * @param status            the Deployment status as last written, or null
 */
public record DeploymentObserved(
        List<ReplicaSet> replicaSets, Map<String, ReplicaSetStatus> replicaSetStatus, DeploymentStatus status) {

    public DeploymentObserved {
        replicaSets = List.copyOf(replicaSets);
        replicaSetStatus = Map.copyOf(replicaSetStatus);
    }
}

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
 * @param orphan            the ReplicaSet this controller wrote under the name of the Deployment's current
 *                          template, released since and controlled by nothing, which the Deployment may
 *                          adopt; or null
 */
public record DeploymentObserved(List<ReplicaSet> replicaSets, Map<String, ReplicaSetStatus> replicaSetStatus,
                                 DeploymentStatus status, ReplicaSet orphan) {

    public DeploymentObserved {
        replicaSets = List.copyOf(replicaSets);
        replicaSetStatus = Map.copyOf(replicaSetStatus);
    }

    /** No orphan to adopt. */
    public DeploymentObserved(List<ReplicaSet> replicaSets, Map<String, ReplicaSetStatus> replicaSetStatus,
                              DeploymentStatus status) {
        this(replicaSets, replicaSetStatus, status, null);
    }
}

package io.korch.controllers.deployment;

import io.korch.api.OwnerReference;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import io.korch.controllers.Ids;
import io.korch.controllers.Ownership;
import io.korch.topics.Keys;

/**
 * Takes the status of each ReplicaSet this controller owns from {@code korch.status.replicasets}
 * into the store {@value DeploymentController#REPLICASET_STATUS_STORE} and reconciles the owning
 * Deployment, whose status sums them. The status of one it released is only recorded, for a
 * Deployment that adopts it; the status of any other ReplicaSet is ignored.
 */
final class ReplicaSetStatusProcessor extends DeploymentInputProcessor<ReplicaSetStatus> {

    ReplicaSetStatusProcessor(Ids ids) {
        super(ids, DeploymentSync::replicaSetStatus);
    }

    /** The Deployment controlling the ReplicaSet at {@code key}, if this controller wrote that ReplicaSet. */
    @Override
    String deploymentKey(DeploymentSync sync, String key, ReplicaSetStatus status) {
        ReplicaSet replicaSet = sync.replicaSets().get(key);
        OwnerReference owner = replicaSet == null ? null : Ownership.controller(replicaSet.getMetadata());
        if (owner == null) {
            return null; // not ours; the status of a ReplicaSet we deleted was dropped with it
        }
        return Keys.of(replicaSet.getMetadata().getNamespace(), owner.getName());
    }

    /** The status of a ReplicaSet this controller released is kept, for a Deployment that adopts it. */
    @Override
    boolean recordedAlone(DeploymentSync sync, String key, ReplicaSetStatus status) {
        return sync.replicaSets().get(key) != null;
    }
}

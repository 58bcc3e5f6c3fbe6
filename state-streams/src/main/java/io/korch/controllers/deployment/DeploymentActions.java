package io.korch.controllers.deployment;

import io.korch.api.DeploymentStatus;
import io.korch.api.Event;
import io.korch.api.ReplicaSet;
import io.korch.controllers.StatusUpdate;
import java.util.List;

/**
 * What the deployment controller does for one Deployment. Deletions are applied before writes,
 * so a ReplicaSet that is replaced under the same name is first tombstoned, then written anew.
 *
 * @param delete the owned ReplicaSets to tombstone
 * @param write   the owned ReplicaSets to create or update
 * @param release the owned ReplicaSets to let go of, as they are to be written without ownerReferences
 * @param status  what to do with the Deployment status
 * @param events  events to record
 */
public record DeploymentActions(List<ReplicaSet> delete, List<ReplicaSet> write, List<ReplicaSet> release,
                                StatusUpdate<DeploymentStatus> status, List<Event> events) {

    public DeploymentActions {
        delete = List.copyOf(delete);
        write = List.copyOf(write);
        release = List.copyOf(release);
        events = List.copyOf(events);
    }

    /** Deletions and writes only: nothing released. */
    public DeploymentActions(List<ReplicaSet> delete, List<ReplicaSet> write, StatusUpdate<DeploymentStatus> status,
                             List<Event> events) {
        this(delete, write, List.of(), status, events);
    }
}

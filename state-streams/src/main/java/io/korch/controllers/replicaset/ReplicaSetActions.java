package io.korch.controllers.replicaset;

import io.korch.api.Event;
import io.korch.api.Pod;
import io.korch.api.ReplicaSetStatus;
import io.korch.controllers.StatusUpdate;
import java.util.List;

/**
 * What the replicaset controller does for one ReplicaSet.
 *
 * @param delete the pods to tombstone
 * @param create the new pods to write
 * @param status what to do with the ReplicaSet status
 * @param events events to record
 */
public record ReplicaSetActions(
        List<Pod> delete, List<Pod> create, StatusUpdate<ReplicaSetStatus> status, List<Event> events) {

    public ReplicaSetActions {
        delete = List.copyOf(delete);
        create = List.copyOf(create);
        events = List.copyOf(events);
    }
}

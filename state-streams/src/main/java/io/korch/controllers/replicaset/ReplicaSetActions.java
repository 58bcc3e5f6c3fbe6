package io.korch.controllers.replicaset;

import io.korch.api.Event;
import io.korch.api.Pod;
import io.korch.api.ReplicaSetStatus;
import io.korch.controllers.StatusUpdate;
import java.util.List;

/**
 * What the replicaset controller does for one ReplicaSet.
 *
 * @param delete  the pods to tombstone, all written by the controller
 * @param create  the new pods to write
 * @param adopt   the orphans to take control of
 * @param release the pods to let go of, which live on as orphans
 * @param status  what to do with the ReplicaSet status
 * @param events  events to record
 */
public record ReplicaSetActions(List<Pod> delete, List<Pod> create, List<Pod> adopt, List<Pod> release,
                                StatusUpdate<ReplicaSetStatus> status, List<Event> events) {

    public ReplicaSetActions {
        delete = List.copyOf(delete);
        create = List.copyOf(create);
        adopt = List.copyOf(adopt);
        release = List.copyOf(release);
        events = List.copyOf(events);
    }

    /** Deletions and creations only: nothing adopted or released. */
    public ReplicaSetActions(List<Pod> delete, List<Pod> create, StatusUpdate<ReplicaSetStatus> status,
                             List<Event> events) {
        this(delete, create, List.of(), List.of(), status, events);
    }
}

package io.korch.controllers.replicaset;

import io.korch.api.ReplicaSetStatus;
import java.util.List;
import java.util.Set;

/**
 * What the replicaset controller knows of one ReplicaSet's current state.
 *
 * @param pods          the pods written for it that still exist
 * @param notReadyNodes the nodes, among those its pods are bound to, that the node-lifecycle controller declared NotReady
 *                      and whose pods it lets be evicted
 * @param status        the ReplicaSet status as last written, or null
 */
public record ReplicaSetObserved(List<ObservedPod> pods, Set<String> notReadyNodes, ReplicaSetStatus status) {

    public ReplicaSetObserved {
        pods = List.copyOf(pods);
        notReadyNodes = Set.copyOf(notReadyNodes);
    }
}

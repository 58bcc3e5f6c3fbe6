package io.korch.controllers.replicaset;

import io.korch.api.ReplicaSetStatus;
import java.util.List;
import java.util.Set;

/**
 * What the replicaset controller knows of one ReplicaSet's current state.
 *
 * @param pods          the pods it controls (or an earlier ReplicaSet of its name controlled) that still exist
 * @param orphans       the pods of its namespace that no controller owns, which it may adopt; empty
 *                      unless it lacks pods
 * @param notReadyNodes the nodes, among those these pods are bound to, that the node-lifecycle controller declared NotReady
 *                      and whose pods it lets be evicted
 * @param status        the ReplicaSet status as last written, or null
 */
public record ReplicaSetObserved(
        List<ObservedPod> pods, List<ObservedPod> orphans, Set<String> notReadyNodes, ReplicaSetStatus status) {

    public ReplicaSetObserved {
        pods = List.copyOf(pods);
        orphans = List.copyOf(orphans);
        notReadyNodes = Set.copyOf(notReadyNodes);
    }

    /** A ReplicaSet with no orphans around. */
    public ReplicaSetObserved(List<ObservedPod> pods, Set<String> notReadyNodes, ReplicaSetStatus status) {
        this(pods, List.of(), notReadyNodes, status);
    }
}

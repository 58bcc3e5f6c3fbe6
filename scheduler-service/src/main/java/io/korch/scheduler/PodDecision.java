package io.korch.scheduler;

import io.korch.api.Pod;
import io.korch.api.PodBinding;

/** What the scheduler does with the latest record of a pod, given the pod's current binding. */
public enum PodDecision {

    /** The pod was deleted: it leaves its node's assignment and its binding is tombstoned. */
    FORGET,
    /** The pod is bound: it stays on its node, whose assignment carries its latest record. */
    REFRESH,
    /** The pod names its node in {@code spec.nodeName}: it is bound there without filtering. */
    BIND_AS_REQUESTED,
    /** The pod is waiting for a node: it runs through the pipeline. */
    SCHEDULE,
    /** The pod is being deleted before it was placed: it is placed nowhere. */
    HOLD;

    /**
     * Decides from the pod's latest record and its binding. Pure and idempotent: the same inputs
     * always give the same decision, so a replayed record does no harm.
     *
     * @param pod     the latest record, or null for a tombstone
     * @param binding the pod's binding, or null when it has none; a binding about an older pod of
     *                the same name (another uid) must be dropped by the caller first
     */
    public static PodDecision decide(Pod pod, PodBinding binding) {
        if (pod == null) {
            return FORGET;
        }
        if (binding != null && binding.getNodeName() != null) {
            return REFRESH;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return HOLD;
        }
        String requested = pod.getSpec().getNodeName();
        if (requested != null && !requested.isBlank()) {
            return BIND_AS_REQUESTED;
        }
        return SCHEDULE;
    }
}

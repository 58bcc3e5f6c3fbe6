package io.korch.controllers.replicaset;

import io.korch.api.Pod;
import io.korch.api.PodCondition;
import io.korch.api.PodStatusReport;
import java.time.Instant;
import java.util.Objects;

/**
 * One pod as the replicaset controller sees it: the pod with its current owners, the node it is
 * bound to, the latest status report about this very pod (same uid), and who declared it.
 *
 * @param pod      the pod as written to {@code korch.owned.pods} or declared in {@code korch.pods}, with
 *                 the ownerReferences of its {@code korch.pod-owners} record laid over its own
 * @param nodeName the node it is bound to, or null while unscheduled
 * @param report   the agent's latest report on it, or null before the first one
 * @param declared whether a user declared it ({@code korch.pods}): the controller adopts and releases
 *                 such a pod but never deletes it
 */
public record ObservedPod(Pod pod, String nodeName, PodStatusReport report, boolean declared) {

    /** Phase of a pod whose containers all run. */
    public static final String RUNNING = "Running";
    /** Phase of a pod whose containers terminated and will not be restarted, at least one with a failure. */
    public static final String FAILED = "Failed";
    /** Phase of a pod whose containers all terminated successfully and will not be restarted. */
    public static final String SUCCEEDED = "Succeeded";
    /** The pod condition that says the pod can serve. */
    public static final String READY = "Ready";

    public ObservedPod {
        Objects.requireNonNull(pod, "pod");
    }

    /** A pod this controller wrote. */
    public ObservedPod(Pod pod, String nodeName, PodStatusReport report) {
        this(pod, nodeName, report, false);
    }

    /** The pod name. */
    public String name() {
        return pod.getMetadata().getName();
    }

    /** The reported phase, or null before the first report. */
    public String phase() {
        return report == null || report.getStatus() == null ? null : report.getStatus().getPhase();
    }

    public boolean bound() {
        return nodeName != null;
    }

    public boolean running() {
        return RUNNING.equals(phase());
    }

    /** Whether the pod finished for good (Failed or Succeeded): a ReplicaSet replaces such a pod. */
    public boolean terminated() {
        String phase = phase();
        return FAILED.equals(phase) || SUCCEEDED.equals(phase);
    }

    /** Whether the latest report carries the condition Ready=True. */
    public boolean ready() {
        PodCondition ready = readyCondition();
        return ready != null && "True".equals(ready.getStatus());
    }

    /**
     * Whether the pod is available: ready for at least {@code minReadySeconds} by {@code now}, as
     * Kubernetes counts it (a pod whose readiness has no transition time is available only without
     * {@code minReadySeconds}).
     */
    public boolean available(int minReadySeconds, Instant now) {
        Instant since = readySince();
        return ready() && (minReadySeconds == 0 || since != null && !since.plusSeconds(minReadySeconds).isAfter(now));
    }

    /** When the pod last became ready, or null when it is not ready or that time is not known. */
    public Instant readySince() {
        PodCondition ready = readyCondition();
        return ready != null && "True".equals(ready.getStatus()) ? ready.getLastTransitionTime() : null;
    }

    private PodCondition readyCondition() {
        if (report == null || report.getStatus() == null) {
            return null;
        }
        for (PodCondition condition : report.getStatus().getConditions()) {
            if (READY.equals(condition.getType())) {
                return condition;
            }
        }
        return null;
    }

    /** When the pod was created; null sorts as the newest. */
    public Instant created() {
        return pod.getMetadata().getCreationTimestamp();
    }
}

package io.korch.printing;

import io.korch.api.ContainerState;
import io.korch.api.ContainerStatus;
import io.korch.api.Pod;
import io.korch.api.PodCondition;
import io.korch.api.PodStatus;
import java.util.List;

/**
 * What kubectl shows of a pod at a glance: the STATUS word (the phase, refined by the most telling
 * container state: {@code ContainerCreating}, {@code CrashLoopBackOff}, {@code Error}…, or
 * {@code Terminating}), the READY count and the total RESTARTS.
 */
public final class PodStatuses {

    private PodStatuses() {
    }

    /** The STATUS column of {@code kubectl get pods}. */
    public static String status(Pod pod) {
        PodStatus status = pod.getStatus();
        String reason = status == null || status.getPhase() == null ? "Pending" : status.getPhase();
        if (status != null && status.getReason() != null && !status.getReason().isEmpty()) {
            reason = status.getReason();
        }
        boolean hasRunning = false;
        List<ContainerStatus> containers = containerStatuses(pod);
        for (int i = containers.size() - 1; i >= 0; i--) {
            ContainerStatus container = containers.get(i);
            ContainerState state = container.getState();
            if (state == null) {
                continue;
            }
            if (state.getWaiting() != null && notEmpty(state.getWaiting().getReason())) {
                reason = state.getWaiting().getReason();
            } else if (state.getTerminated() != null && notEmpty(state.getTerminated().getReason())) {
                reason = state.getTerminated().getReason();
            } else if (state.getTerminated() != null) {
                reason = "ExitCode:" + state.getTerminated().getExitCode();
            } else if (container.getReady() && state.getRunning() != null) {
                hasRunning = true;
            }
        }
        if (reason.equals("Completed") && hasRunning) {
            reason = isReady(pod) ? "Running" : "NotReady";
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            reason = "Terminating";
        }
        return reason;
    }

    /** The READY column: ready containers over declared containers, {@code 1/1}. */
    public static String ready(Pod pod) {
        long ready = containerStatuses(pod).stream()
                .filter(c -> c.getReady() && c.getState() != null && c.getState().getRunning() != null)
                .count();
        int total = pod.getSpec().getContainers().size();
        return ready + "/" + total;
    }

    /** The RESTARTS column: restarts summed over the pod's containers. */
    public static int restarts(Pod pod) {
        return containerStatuses(pod).stream().mapToInt(ContainerStatus::getRestartCount).sum();
    }

    /** Whether the pod's Ready condition is True. */
    public static boolean isReady(Pod pod) {
        PodCondition ready = condition(pod, "Ready");
        return ready != null && "True".equals(ready.getStatus());
    }

    /** The pod's condition of {@code type}, or null. */
    public static PodCondition condition(Pod pod, String type) {
        if (pod.getStatus() == null) {
            return null;
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .orElse(null);
    }

    /** The reported status of the container named {@code name}, or null. */
    public static ContainerStatus containerStatus(Pod pod, String name) {
        return containerStatuses(pod).stream().filter(c -> name.equals(c.getName())).findFirst().orElse(null);
    }

    private static List<ContainerStatus> containerStatuses(Pod pod) {
        return pod.getStatus() == null ? List.of() : pod.getStatus().getContainerStatuses();
    }

    private static boolean notEmpty(String text) {
        return text != null && !text.isEmpty();
    }
}

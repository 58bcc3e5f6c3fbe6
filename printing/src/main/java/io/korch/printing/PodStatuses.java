package io.korch.printing;

import io.korch.api.ContainerState;
import io.korch.api.ContainerStatus;
import io.korch.api.Pod;
import io.korch.api.PodCondition;
import io.korch.api.PodStatus;
import java.util.List;

/**
 * What kubectl shows of a pod at a glance: the STATUS word (the phase, refined by the progress of its init
 * containers, {@code Init:0/2}, {@code Init:Error}, {@code PodInitializing}, or the most telling container
 * state: {@code ContainerCreating}, {@code CrashLoopBackOff}, {@code Error}…, or {@code Terminating}), the
 * READY count and the total RESTARTS. A port of kubectl's pod printer.
 */
public final class PodStatuses {

    private PodStatuses() {
    }

    /**
     * The STATUS column of {@code kubectl get pods}, as kubectl's printer computes it: the phase or the
     * pod's reason; while init containers run, {@code Init:1/2}, {@code Init:Error},
     * {@code Init:CrashLoopBackOff}...; then the most telling app container state; {@code Terminating} for a
     * pod being deleted that has not ended.
     */
    public static String status(Pod pod) {
        PodStatus status = pod.getStatus();
        String phase = status == null || status.getPhase() == null ? "Pending" : status.getPhase();
        String reason = phase;
        if (status != null && notEmpty(status.getReason())) {
            reason = status.getReason();
        }
        boolean initializing = false;
        List<ContainerStatus> inits = status == null ? List.of() : status.getInitContainerStatuses();
        for (int i = 0; i < inits.size(); i++) {
            ContainerState state = inits.get(i).getState();
            if (state != null && state.getTerminated() != null && state.getTerminated().getExitCode() == 0) {
                continue;
            }
            if (state != null && state.getTerminated() != null) {
                reason = notEmpty(state.getTerminated().getReason()) ? "Init:" + state.getTerminated().getReason()
                        : "Init:ExitCode:" + state.getTerminated().getExitCode();
            } else if (state != null && state.getWaiting() != null && notEmpty(state.getWaiting().getReason())
                    && !"PodInitializing".equals(state.getWaiting().getReason())) {
                reason = "Init:" + state.getWaiting().getReason();
            } else {
                reason = "Init:" + i + "/" + pod.getSpec().getInitContainers().size();
            }
            initializing = true;
            break;
        }
        PodCondition initialized = condition(pod, "Initialized");
        if (!initializing || initialized != null && "True".equals(initialized.getStatus())) {
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
        }
        if (pod.getMetadata().getDeletionTimestamp() != null && !"Succeeded".equals(phase)
                && !"Failed".equals(phase)) {
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

    /**
     * The RESTARTS column, as kubectl counts it: restarts summed over the init containers while they run,
     * over the app containers once the pod is initialized.
     */
    public static int restarts(Pod pod) {
        List<ContainerStatus> inits = pod.getStatus() == null ? List.of() : pod.getStatus().getInitContainerStatuses();
        boolean initializing = inits.stream().anyMatch(c -> c.getState() == null || c.getState().getTerminated() == null
                || c.getState().getTerminated().getExitCode() != 0);
        PodCondition initialized = condition(pod, "Initialized");
        if (initializing && (initialized == null || !"True".equals(initialized.getStatus()))) {
            return inits.stream().mapToInt(ContainerStatus::getRestartCount).sum();
        }
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

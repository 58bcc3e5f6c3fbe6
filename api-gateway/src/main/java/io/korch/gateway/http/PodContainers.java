package io.korch.gateway.http;

import io.korch.api.Container;
import io.korch.api.ContainerState;
import io.korch.api.ContainerStatus;
import io.korch.api.Pod;
import io.korch.gateway.resource.ApiError;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checks the apiserver and the kubelet make before serving a pod's log or exec, with their words: which
 * container is meant, whether the pod has a node, whether the container has a log to serve or runs, and whether the
 * pod runs for a port-forward. Pure.
 */
final class PodContainers {

    private PodContainers() {
    }

    /**
     * The container a request names, or the pod's only container when it names none.
     *
     * @throws ApiError 400 when the pod has several containers and none is named, or the named one is not the pod's
     */
    static String choose(Pod pod, String requested) {
        String name = pod.getMetadata().getName();
        List<Container> containers = pod.getSpec().getContainers();
        List<Container> init = pod.getSpec().getInitContainers();
        if (requested == null || requested.isEmpty()) {
            if (containers.size() == 1) {
                return containers.get(0).getName();
            }
            if (containers.isEmpty()) {
                throw ApiError.badRequest("a container name must be specified for pod " + name);
            }
            String message = "a container name must be specified for pod " + name + ", choose one of: ["
                    + names(containers) + "]";
            if (!init.isEmpty()) {
                message += " or one of the init containers: [" + names(init) + "]";
            }
            throw ApiError.badRequest(message);
        }
        if (Stream.concat(containers.stream(), init.stream()).noneMatch(c -> requested.equals(c.getName()))) {
            throw ApiError.badRequest("container " + requested + " is not valid for pod " + name);
        }
        return requested;
    }

    /** The pod's node; throws 400 {@code pod x does not have a host assigned} when it has none. */
    static String node(Pod pod) {
        String node = pod.getSpec().getNodeName();
        if (node == null || node.isEmpty()) {
            throw ApiError.badRequest("pod " + pod.getMetadata().getName() + " does not have a host assigned");
        }
        return node;
    }

    /**
     * Checks that {@code container} has the log asked for, as the kubelet does from the pod's status: a previous
     * run for {@code previous}, else a run that started.
     *
     * @throws ApiError 400 with the kubelet's reason when it has none
     */
    static void requireLog(Pod pod, String container, boolean previous) {
        String pod1 = pod.getMetadata().getName();
        Optional<ContainerStatus> status = status(pod, container);
        ContainerState state = status.map(ContainerStatus::getState).orElse(null);
        ContainerState last = status.map(ContainerStatus::getLastState).orElse(null);
        boolean hadPreviousRun = (last != null && last.getTerminated() != null)
                || status.map(s -> s.getRestartCount() > 0).orElse(false);
        if (previous) {
            if (!hadPreviousRun) {
                throw ApiError.badRequest("previous terminated container \"" + container + "\" in pod \"" + pod1
                        + "\" not found");
            }
            return;
        }
        if (state != null && (state.getRunning() != null || state.getTerminated() != null) || hadPreviousRun) {
            return;
        }
        if (state != null && state.getWaiting() != null) {
            throw ApiError.badRequest("container \"" + container + "\" in pod \"" + pod1 + "\" is waiting to start: "
                    + state.getWaiting().getReason());
        }
        throw ApiError.badRequest("container \"" + container + "\" in pod \"" + pod1
                + "\" is waiting to start - no logs yet");
    }

    /**
     * Checks that the pod runs, as kubectl does before forwarding a port.
     *
     * @throws ApiError 400 {@code unable to forward port because pod is not running. Current status=P} otherwise
     */
    static void requireRunning(Pod pod) {
        String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "" : pod.getStatus().getPhase();
        if (!phase.equals("Running")) {
            throw ApiError.badRequest("unable to forward port because pod is not running. Current status=" + phase);
        }
    }

    /** Whether the pod's status shows {@code container} running. */
    static boolean running(Pod pod, String container) {
        return status(pod, container).map(ContainerStatus::getState).map(ContainerState::getRunning).isPresent();
    }

    private static Optional<ContainerStatus> status(Pod pod, String container) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        return Stream.concat(pod.getStatus().getContainerStatuses().stream(),
                        pod.getStatus().getInitContainerStatuses().stream())
                .filter(s -> container.equals(s.getName()))
                .findFirst();
    }

    private static String names(List<Container> containers) {
        return containers.stream().map(Container::getName).collect(Collectors.joining(" "));
    }
}

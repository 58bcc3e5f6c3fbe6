package io.korch.agent.server;

import io.korch.agent.runtime.ContainerRuntime;
import io.korch.agent.runtime.RuntimeContainer;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the runtime container of a pod's container on this node by the labels the agent gives its containers
 * ({@link io.korch.agent.runtime.ContainerLabels}). When a pod was deleted and created again under the same name,
 * the node may briefly hold containers of both: the newest wins. Blocks on the runtime.
 */
final class ContainerFinder {

    private final ContainerRuntime runtime;
    private final String nodeName;

    ContainerFinder(ContainerRuntime runtime, String nodeName) {
        this.runtime = runtime;
        this.nodeName = nodeName;
    }

    /** The container {@code container} of pod {@code namespace/pod}, in any state, or empty. */
    Optional<RuntimeContainer> find(String namespace, String pod, String container) {
        return newest(runtime.list(nodeName), namespace, pod, container);
    }

    /** The running containers of pod {@code namespace/pod}, newest first. */
    List<RuntimeContainer> running(String namespace, String pod) {
        return running(runtime.list(nodeName), namespace, pod);
    }

    static List<RuntimeContainer> running(List<RuntimeContainer> containers, String namespace, String pod) {
        return containers.stream()
                .filter(RuntimeContainer::hasPodLabels)
                .filter(c -> namespace.equals(c.podNamespace()) && pod.equals(c.podName()))
                .filter(c -> c.state() == RuntimeContainer.State.RUNNING)
                .sorted(Comparator.comparing((RuntimeContainer c) -> c.createdAt() == null ? Instant.EPOCH
                        : c.createdAt()).reversed())
                .toList();
    }

    static Optional<RuntimeContainer> newest(List<RuntimeContainer> containers, String namespace, String pod,
                                             String container) {
        return containers.stream()
                .filter(RuntimeContainer::hasPodLabels)
                .filter(c -> namespace.equals(c.podNamespace()) && pod.equals(c.podName())
                        && container.equals(c.containerName()))
                .filter(c -> c.state() != RuntimeContainer.State.REMOVING)
                .max(Comparator.comparing(c -> c.createdAt() == null ? Instant.EPOCH : c.createdAt()));
    }
}

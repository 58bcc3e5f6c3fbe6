package io.korch.agent;

import io.korch.agent.runtime.RuntimeContainer;
import io.korch.api.Pod;
import io.korch.topics.Keys;

/**
 * The identities the agent works with: a pod's {@code namespace/name} key, the key of its status
 * report ({@code namespace/name/uid}), and its namespace default.
 */
final class PodKeys {

    /** The namespace of a pod that names none. */
    static final String DEFAULT_NAMESPACE = "default";

    private PodKeys() {
    }

    static String namespace(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        return namespace == null ? DEFAULT_NAMESPACE : namespace;
    }

    /** The key of a pod: {@code namespace/name}. */
    static String key(Pod pod) {
        return Keys.of(namespace(pod), pod.getMetadata().getName());
    }

    /** The key of the pod a container belongs to, or null if it lacks the pod labels. */
    static String key(RuntimeContainer container) {
        return container.hasPodLabels() ? Keys.of(container.podNamespace(), container.podName()) : null;
    }

    /** The key of a pod's status report: {@code namespace/name/uid}, which only this node writes. */
    static String statusKey(Pod pod) {
        return Keys.podStatus(key(pod), pod.getMetadata().getUid());
    }

    /** The key of the status report of the pod a container belongs to, or null if it lacks the pod labels. */
    static String statusKey(RuntimeContainer container) {
        return container.hasPodLabels() ? Keys.podStatus(key(container), container.podUid()) : null;
    }
}

package io.korch.agent.usage;

/**
 * A running container of a pod on this node, as its labels name it.
 *
 * @param id        the runtime's container id
 * @param namespace the pod's namespace
 * @param pod       the pod's name
 * @param podUid    the pod's uid
 * @param container the container's name in the pod
 */
public record PodContainer(String id, String namespace, String pod, String podUid, String container) {

    /** The key of the pod's samples in {@code korch.metrics.pods}: {@code namespace/name}. */
    public String podKey() {
        return namespace + "/" + pod;
    }
}

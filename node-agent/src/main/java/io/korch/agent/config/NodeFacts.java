package io.korch.agent.config;

import io.korch.api.Pod;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the downward API tells a container about the node it runs on.
 *
 * @param nodeName          the node's name, for {@code spec.nodeName} of a pod that names none
 * @param hostIP            the node's address, {@code status.hostIP}
 * @param allocatableMillis the node's allocatable cpu: the {@code limits.cpu} of a container without a cpu limit
 * @param allocatableBytes  the node's allocatable memory: the {@code limits.memory} of a container without one
 * @param podIPs            the address the node's pod network gave a pod, {@code status.podIP}, or null while
 *                          it has none
 */
public record NodeFacts(String nodeName, String hostIP, long allocatableMillis, long allocatableBytes,
                        Function<Pod, String> podIPs) {

    public NodeFacts {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(hostIP, "hostIP");
        podIPs = podIPs == null ? pod -> null : podIPs;
    }

    /** A node whose pods have no address. */
    public NodeFacts(String nodeName, String hostIP, long allocatableMillis, long allocatableBytes) {
        this(nodeName, hostIP, allocatableMillis, allocatableBytes, null);
    }

    /** The address of {@code pod}, or null while it has none. */
    public String podIP(Pod pod) {
        return podIPs.apply(pod);
    }
}

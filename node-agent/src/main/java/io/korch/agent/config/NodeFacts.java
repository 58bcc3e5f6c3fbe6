package io.korch.agent.config;

import java.util.Objects;

/**
 * What the downward API tells a container about the node it runs on.
 *
 * @param nodeName          the node's name, for {@code spec.nodeName} of a pod that names none
 * @param hostIP            the node's address, {@code status.hostIP}
 * @param allocatableMillis the node's allocatable cpu: the {@code limits.cpu} of a container without a cpu limit
 * @param allocatableBytes  the node's allocatable memory: the {@code limits.memory} of a container without one
 */
public record NodeFacts(String nodeName, String hostIP, long allocatableMillis, long allocatableBytes) {

    public NodeFacts {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(hostIP, "hostIP");
    }
}

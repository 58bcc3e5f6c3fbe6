package io.korch.agent.network;

import java.util.List;

/**
 * Where the pod network tells the node proxy which {@code hostPort}s of this node's pods to
 * forward: when a pod's sandbox has its address, {@link #open} with its mappings; when the pod
 * goes, {@link #close}. The proxy listens on the node's address and forwards to the pod.
 */
public interface HostPorts {

    /** Forwards nothing: for agents without a node proxy. */
    HostPorts NONE = new HostPorts() {
        @Override
        public void open(String podKey, List<HostPortMapping> mappings) {
        }

        @Override
        public void close(String podKey) {
        }
    };

    /** Starts forwarding {@code mappings} of pod {@code podKey} (namespace/name), replacing those it had. */
    void open(String podKey, List<HostPortMapping> mappings);

    /** Stops forwarding the host ports of pod {@code podKey}. */
    void close(String podKey);

    /**
     * One host port of a pod.
     *
     * @param hostPort      the port on the node's address
     * @param protocol      {@code TCP} or {@code UDP}
     * @param podIP         the pod's address on the pod network
     * @param containerPort the port in the pod
     */
    record HostPortMapping(int hostPort, String protocol, String podIP, int containerPort) {
    }
}

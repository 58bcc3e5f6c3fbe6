package io.korch.scheduler.framework;

import io.korch.api.Container;
import io.korch.api.ContainerPort;
import io.korch.api.Pod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A port of the node that a pod's container asks for ({@code hostPort}), with its protocol.
 * korch forwards a host port from the node's address (korch's container port has no
 * {@code hostIP}), which is Kubernetes' empty {@code hostIP}, {@code 0.0.0.0}: it conflicts with
 * any use of the same protocol and port on the node.
 *
 * @param protocol TCP, UDP or SCTP
 * @param port     the port on the node, 1 to 65535
 */
public record HostPort(String protocol, int port) {

    public HostPort {
        Objects.requireNonNull(protocol, "protocol");
    }

    /**
     * The host ports the containers of {@code pod} ask for, each once. A pod on the host's network
     * ({@code spec.hostNetwork}) takes every container port on the node, as Kubernetes defaults
     * {@code hostPort} to {@code containerPort} there.
     */
    public static List<HostPort> of(Pod pod) {
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        Set<HostPort> ports = new LinkedHashSet<>();
        for (Container container : pod.getSpec().getContainers()) {
            for (ContainerPort port : container.getPorts()) {
                Integer hostPort = port.getHostPort() != null ? port.getHostPort()
                        : hostNetwork ? Integer.valueOf(port.getContainerPort()) : null;
                if (hostPort != null && hostPort > 0) {
                    String protocol = port.getProtocol() == null || port.getProtocol().isEmpty() ? "TCP" : port.getProtocol();
                    ports.add(new HostPort(protocol, hostPort));
                }
            }
        }
        return List.copyOf(new ArrayList<>(ports));
    }
}

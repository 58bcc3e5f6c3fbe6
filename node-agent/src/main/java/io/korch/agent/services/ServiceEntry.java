package io.korch.agent.services;

import java.util.List;

/**
 * What the node proxy, DNS and the Service environment variables need of one Service: its spec and, per
 * port, the ready endpoints behind it. Immutable; built by {@link ServiceEntries#of}.
 *
 * @param namespace               the Service's namespace
 * @param name                    the Service's name
 * @param type                    {@code ClusterIP}, {@code NodePort} or {@code LoadBalancer}
 * @param clusterIP               the virtual IP, {@code None} for a headless Service, or null before one is set
 * @param ports                   the Service's ports, in the order of its spec
 * @param affinityTimeoutSeconds  with {@code sessionAffinity: ClientIP}, how long a client sticks to one
 *                                endpoint; 0 without affinity
 * @param endpoints               the ready endpoints of the Service's slices, each address once, for DNS
 */
public record ServiceEntry(String namespace, String name, String type, String clusterIP, List<Port> ports,
                           int affinityTimeoutSeconds, List<ReadyEndpoint> endpoints) {

    /** The Service type that is the default. */
    public static final String CLUSTER_IP = "ClusterIP";
    /** The {@code clusterIP} of a headless Service. */
    public static final String NONE = "None";

    public ServiceEntry {
        ports = List.copyOf(ports);
        endpoints = List.copyOf(endpoints);
    }

    /** {@code namespace/name}, the key of the Service on its topic. */
    public String key() {
        return namespace + "/" + name;
    }

    /** Whether the Service has a virtual IP: Kubernetes' {@code IsServiceIPSet}. */
    public boolean hasClusterIP() {
        return clusterIP != null && !clusterIP.isEmpty() && !NONE.equals(clusterIP);
    }

    /** Whether the Service is headless: {@code clusterIP: None}. */
    public boolean headless() {
        return NONE.equals(clusterIP);
    }

    /** Whether the Service's ports are also open on every node ({@code NodePort} and {@code LoadBalancer}). */
    public boolean exposesNodePorts() {
        return "NodePort".equals(type) || "LoadBalancer".equals(type);
    }

    /**
     * One port of the Service with the endpoints that serve it.
     *
     * @param name     the port's name, empty when it has none
     * @param protocol {@code TCP}, {@code UDP} or {@code SCTP}
     * @param port     the port of the virtual IP
     * @param nodePort the port on every node, or 0
     * @param backends the ready endpoints' addresses with the pods' port, each once, in slice order
     */
    public record Port(String name, String protocol, int port, int nodePort, List<Backend> backends) {

        public Port {
            backends = List.copyOf(backends);
        }
    }

    /** A pod address and port a connection is forwarded to. */
    public record Backend(String ip, int port) {

        @Override
        public String toString() {
            return ip + ":" + port;
        }
    }

    /**
     * A ready endpoint as DNS names it.
     *
     * @param address  the endpoint's address
     * @param hostname the endpoint's {@code hostname}, or null
     */
    public record ReadyEndpoint(String address, String hostname) {
    }
}

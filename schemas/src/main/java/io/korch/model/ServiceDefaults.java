package io.korch.model;

import io.korch.api.ClientIPConfig;
import io.korch.api.Service;
import io.korch.api.ServicePort;
import io.korch.api.ServiceSpec;
import io.korch.api.SessionAffinityConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * What Kubernetes fills in on a Service before it validates and stores it, apart from the values
 * the server allocates (cluster IP, node ports): type {@code ClusterIP}; each port's protocol
 * {@code TCP} and targetPort its port; sessionAffinity {@code None}, and a ClientIP affinity's
 * timeout 10800 s; ipFamilies {@code [IPv4]} and ipFamilyPolicy {@code SingleStack} (korch's
 * Service network is IPv4 only); internalTrafficPolicy {@code Cluster}; for NodePort and
 * LoadBalancer Services externalTrafficPolicy {@code Cluster}; for LoadBalancers
 * allocateLoadBalancerNodePorts true; clusterIP and clusterIPs kept in step ({@code clusterIPs}
 * is {@code [clusterIP]}). The gateway stores Services so; {@code korch apply} compares a manifest
 * so defaulted with the live object.
 */
public final class ServiceDefaults {

    public static final String CLUSTER_IP = "ClusterIP";
    public static final String NODE_PORT = "NodePort";
    public static final String LOAD_BALANCER = "LoadBalancer";
    /** The clusterIP of a headless Service: no virtual IP, DNS names its pods. */
    public static final String NONE = "None";
    public static final String TCP = "TCP";
    /** How long a ClientIP session sticks to one endpoint unless given: 3 hours. */
    public static final int CLIENT_IP_TIMEOUT_SECONDS = 10800;

    private ServiceDefaults() {
    }

    /** {@code service} with what Kubernetes defaults filled in. Pure; never changes {@code service}. */
    public static Service defaulted(Service service) {
        ServiceSpec spec = service.getSpec();
        String type = spec.getType() == null || spec.getType().isEmpty() ? CLUSTER_IP : spec.getType();
        boolean nodePorts = NODE_PORT.equals(type) || LOAD_BALANCER.equals(type);
        String clusterIP = spec.getClusterIP() == null || spec.getClusterIP().isEmpty() ? null : spec.getClusterIP();
        List<String> clusterIPs = spec.getClusterIPs();
        if (clusterIP == null && !clusterIPs.isEmpty()) {
            clusterIP = clusterIPs.get(0);
        } else if (clusterIP != null && clusterIPs.isEmpty()) {
            clusterIPs = List.of(clusterIP);
        }
        String affinity = spec.getSessionAffinity() == null || spec.getSessionAffinity().isEmpty() ? "None"
                : spec.getSessionAffinity();
        ServiceSpec defaulted = ServiceSpec.newBuilder(spec)
                .setType(type)
                .setClusterIP(clusterIP)
                .setClusterIPs(new ArrayList<>(clusterIPs))
                .setPorts(spec.getPorts().stream().map(ServiceDefaults::port).toList())
                .setSessionAffinity(affinity)
                .setSessionAffinityConfig("ClientIP".equals(affinity) ? clientIP(spec.getSessionAffinityConfig())
                        : spec.getSessionAffinityConfig())
                .setIpFamilies(spec.getIpFamilies().isEmpty() ? List.of("IPv4") : spec.getIpFamilies())
                .setIpFamilyPolicy(spec.getIpFamilyPolicy() == null ? "SingleStack" : spec.getIpFamilyPolicy())
                .setInternalTrafficPolicy(spec.getInternalTrafficPolicy() == null ? "Cluster"
                        : spec.getInternalTrafficPolicy())
                .setExternalTrafficPolicy(nodePorts && spec.getExternalTrafficPolicy() == null ? "Cluster"
                        : spec.getExternalTrafficPolicy())
                .setAllocateLoadBalancerNodePorts(LOAD_BALANCER.equals(type) && spec.getAllocateLoadBalancerNodePorts() == null
                        ? Boolean.TRUE : spec.getAllocateLoadBalancerNodePorts())
                .build();
        return Service.newBuilder(service).setSpec(defaulted).build();
    }

    /** Whether the Service gets a node port on every port: a NodePort, or a LoadBalancer allocating them. */
    public static boolean allocatesNodePorts(ServiceSpec spec) {
        return NODE_PORT.equals(spec.getType())
                || LOAD_BALANCER.equals(spec.getType()) && !Boolean.FALSE.equals(spec.getAllocateLoadBalancerNodePorts());
    }

    /** Whether the Service is headless: {@code clusterIP: None}. */
    public static boolean headless(ServiceSpec spec) {
        return NONE.equals(spec.getClusterIP()) || !spec.getClusterIPs().isEmpty() && NONE.equals(spec.getClusterIPs().get(0));
    }

    private static ServicePort port(ServicePort port) {
        return ServicePort.newBuilder(port)
                .setProtocol(port.getProtocol() == null || port.getProtocol().isEmpty() ? TCP : port.getProtocol())
                .setTargetPort(port.getTargetPort() == null || port.getTargetPort().isEmpty() || "0".equals(port.getTargetPort())
                        ? Integer.toString(port.getPort()) : port.getTargetPort())
                .setNodePort(port.getNodePort() != null && port.getNodePort() == 0 ? null : port.getNodePort())
                .build();
    }

    private static SessionAffinityConfig clientIP(SessionAffinityConfig config) {
        ClientIPConfig clientIP = config == null || config.getClientIP() == null ? ClientIPConfig.newBuilder().build()
                : config.getClientIP();
        Integer timeout = clientIP.getTimeoutSeconds() == null ? CLIENT_IP_TIMEOUT_SECONDS : clientIP.getTimeoutSeconds();
        return SessionAffinityConfig.newBuilder()
                .setClientIP(ClientIPConfig.newBuilder(clientIP).setTimeoutSeconds(timeout).build())
                .build();
    }
}

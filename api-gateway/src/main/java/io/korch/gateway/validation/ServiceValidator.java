package io.korch.gateway.validation;

import io.korch.api.Service;
import io.korch.api.ServicePort;
import io.korch.api.ServiceSpec;
import io.korch.api.SessionAffinityConfig;
import io.korch.model.Cidr;
import io.korch.model.Names;
import io.korch.model.ServiceDefaults;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates a Service as Kubernetes does, once its defaults are filled in
 * ({@link ServiceDefaults}): a DNS-1035 label as its name; type ClusterIP, NodePort or
 * LoadBalancer (korch serves no ExternalName Services); at least one port unless headless, each
 * with a port number, TCP or UDP (no SCTP; the agents' iptables mode carries UDP, and an agent proxying in user
 * space logs the UDP ports it cannot carry), a target port by number or name, a node port only for NodePort
 * and LoadBalancer Services, names present and unique when there are several, no port or node
 * port twice; a selector of valid labels; session affinity None or ClientIP with its timeout; one
 * IPv4 cluster IP or {@code None}; and, on update, a cluster IP that does not change. Whether a
 * requested cluster IP or node port is in range and free is the allocator's to say.
 */
public final class ServiceValidator implements Validator<Service> {

    static final List<String> TYPES = List.of(ServiceDefaults.CLUSTER_IP, ServiceDefaults.LOAD_BALANCER,
            ServiceDefaults.NODE_PORT);
    static final List<String> PROTOCOLS = List.of("TCP", "UDP");
    static final List<String> AFFINITIES = List.of("ClientIP", "None");
    static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
    static final List<String> IP_FAMILY_POLICIES = List.of("PreferDualStack", "RequireDualStack", "SingleStack");
    /** The longest ClientIP affinity Kubernetes allows: a day. */
    static final int MAX_CLIENT_IP_TIMEOUT_SECONDS = 86400;
    static final String NOT_AN_IP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

    @Override
    public List<Cause> validate(Service service) {
        Causes causes = new Causes();
        MetadataRules.validate(service.getMetadata(), Names::checkDns1035Label, causes);
        ServiceSpec spec = service.getSpec();
        String type = spec.getType();
        if (!TYPES.contains(type)) {
            causes.notSupported("spec.type", type, TYPES);
        }
        clusterIps(spec, causes);
        ports(spec, causes);
        MetadataRules.labels(spec.getSelector(), "spec.selector", causes);
        sessionAffinity(spec, causes);
        if (!spec.getExternalIPs().isEmpty()) {
            causes.forbidden("spec.externalIPs", "korch does not route external IPs to Services;"
                    + " reach a Service by its cluster IP or a node port");
        }
        ipFamilies(spec, causes);
        trafficPolicies(spec, causes);
        if (!ServiceDefaults.LOAD_BALANCER.equals(type)) {
            if (spec.getAllocateLoadBalancerNodePorts() != null) {
                causes.forbidden("spec.allocateLoadBalancerNodePorts", "may only be used when `type` is 'LoadBalancer'");
            }
            if (spec.getLoadBalancerClass() != null) {
                causes.forbidden("spec.loadBalancerClass", "may only be used when `type` is 'LoadBalancer'");
            }
        }
        return causes.list();
    }

    /** The cluster IPs may not change once set, as Kubernetes words it. */
    @Override
    public List<Cause> validateUpdate(Service service, Service old) {
        Causes causes = new Causes();
        List<String> was = old.getSpec().getClusterIPs();
        List<String> now = service.getSpec().getClusterIPs();
        for (int i = 0; i < was.size(); i++) {
            if (now.size() > i && !was.get(i).equals(now.get(i))) {
                causes.invalid("spec.clusterIPs[" + i + "]", new GoStrings(now), "may not change once set");
            }
        }
        if (old.getSpec().getClusterIP() != null && !Objects.equals(old.getSpec().getClusterIP(), service.getSpec().getClusterIP())) {
            causes.invalid("spec.clusterIP", service.getSpec().getClusterIP(), "field is immutable");
        }
        return causes.list();
    }

    private static void clusterIps(ServiceSpec spec, Causes causes) {
        List<String> ips = spec.getClusterIPs();
        if (!ips.isEmpty() && !ips.get(0).equals(spec.getClusterIP())) {
            causes.invalid("spec.clusterIPs[0]", ips.get(0), "must match `clusterIP`");
        }
        for (int i = 0; i < ips.size(); i++) {
            String ip = ips.get(i);
            String field = "spec.clusterIPs[" + i + "]";
            if (i == 0 && ServiceDefaults.NONE.equals(ip)) {
                if (ips.size() > 1) {
                    causes.invalid(field, ip, "'None' must be the first and only value");
                }
                continue;
            }
            if (Cidr.parseAddress(ip).isEmpty()) {
                causes.invalid(field, ip, NOT_AN_IP);
            } else if (i > 0) {
                causes.invalid(field, ip, "korch's Service network is IPv4 only: a Service has one cluster IP");
            }
        }
        if (ServiceDefaults.headless(spec)
                && (ServiceDefaults.NODE_PORT.equals(spec.getType()) || ServiceDefaults.LOAD_BALANCER.equals(spec.getType()))) {
            causes.invalid("spec.clusterIPs[0]", ServiceDefaults.NONE,
                    "may not be set to 'None' for " + spec.getType() + " services");
        }
    }

    private static void ports(ServiceSpec spec, Causes causes) {
        List<ServicePort> ports = spec.getPorts();
        if (ports.isEmpty() && !ServiceDefaults.headless(spec)) {
            causes.required("spec.ports");
        }
        Set<String> names = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        Set<String> nodePorts = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ServicePort port = ports.get(i);
            String path = "spec.ports[" + i + "]";
            name(port, path, ports.size() > 1, names, causes);
            if (port.getPort() < 1 || port.getPort() > 65535) {
                causes.invalid(path + ".port", port.getPort(), PodSpecRules.PORT_RANGE);
            }
            if (!PROTOCOLS.contains(port.getProtocol())) {
                causes.notSupported(path + ".protocol", port.getProtocol(), PROTOCOLS);
            }
            targetPort(port.getTargetPort(), path + ".targetPort", causes);
            if (port.getAppProtocol() != null) {
                String problem = Names.checkLabelKey(port.getAppProtocol());
                if (problem != null) {
                    causes.invalid(path + ".appProtocol", port.getAppProtocol(), problem);
                }
            }
            nodePort(port, path, spec.getType(), nodePorts, causes);
            if (!numbers.add(port.getProtocol() + "/" + port.getPort())) {
                causes.duplicate(path, new GoServicePort(port.getProtocol(), port.getPort()));
            }
        }
    }

    private static void name(ServicePort port, String path, boolean required, Set<String> names, Causes causes) {
        String name = port.getName();
        if (name == null || name.isEmpty()) {
            if (required) {
                causes.required(path + ".name");
            }
            return;
        }
        String problem = Names.checkDns1123Label(name);
        if (problem != null) {
            causes.invalid(path + ".name", name, problem);
        }
        if (!names.add(name)) {
            causes.duplicate(path + ".name", name);
        }
    }

    /** A target port: a number 1-65535 or an IANA_SVC_NAME, the name of a container port. */
    private static void targetPort(String targetPort, String field, Causes causes) {
        if (!targetPort.isEmpty() && targetPort.chars().allMatch(Character::isDigit)) {
            long number = targetPort.length() > 6 ? Long.MAX_VALUE : Long.parseLong(targetPort);
            if (number < 1 || number > 65535) {
                causes.invalid(field, number, PodSpecRules.PORT_RANGE);
            }
            return;
        }
        String problem = HandlerRules.portNameProblem(targetPort);
        if (problem != null) {
            causes.invalid(field, targetPort, problem);
        }
    }

    private static void nodePort(ServicePort port, String path, String type, Set<String> nodePorts, Causes causes) {
        Integer nodePort = port.getNodePort();
        if (nodePort == null) {
            return;
        }
        if (nodePort < 1 || nodePort > 65535) {
            causes.invalid(path + ".nodePort", nodePort, PodSpecRules.PORT_RANGE);
        }
        if (ServiceDefaults.CLUSTER_IP.equals(type)) {
            causes.forbidden(path + ".nodePort", "may not be used when `type` is 'ClusterIP'");
        }
        if (!nodePorts.add(port.getProtocol() + "/" + nodePort)) {
            causes.duplicate(path + ".nodePort", nodePort);
        }
    }

    private static void sessionAffinity(ServiceSpec spec, Causes causes) {
        String affinity = spec.getSessionAffinity();
        SessionAffinityConfig config = spec.getSessionAffinityConfig();
        if (!AFFINITIES.contains(affinity)) {
            causes.notSupported("spec.sessionAffinity", affinity, AFFINITIES);
        } else if ("ClientIP".equals(affinity)) {
            Integer timeout = config == null || config.getClientIP() == null ? null : config.getClientIP().getTimeoutSeconds();
            if (timeout == null || timeout <= 0 || timeout > MAX_CLIENT_IP_TIMEOUT_SECONDS) {
                causes.invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout,
                        "must be greater than 0 and less than " + MAX_CLIENT_IP_TIMEOUT_SECONDS);
            }
        } else if (config != null) {
            causes.forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None");
        }
    }

    private static void ipFamilies(ServiceSpec spec, Causes causes) {
        for (int i = 0; i < spec.getIpFamilies().size(); i++) {
            String family = spec.getIpFamilies().get(i);
            String field = "spec.ipFamilies[" + i + "]";
            if ("IPv6".equals(family) || i > 0 && "IPv4".equals(family)) {
                causes.invalid(field, family, "not configured on this cluster");
            } else if (!"IPv4".equals(family)) {
                causes.notSupported(field, family, List.of("IPv4", "IPv6"));
            }
        }
        String policy = spec.getIpFamilyPolicy();
        if (!IP_FAMILY_POLICIES.contains(policy)) {
            causes.notSupported("spec.ipFamilyPolicy", policy, IP_FAMILY_POLICIES);
        } else if ("RequireDualStack".equals(policy)) {
            causes.invalid("spec.ipFamilyPolicy", policy, "this cluster is not configured for dual-stack services");
        }
    }

    private static void trafficPolicies(ServiceSpec spec, Causes causes) {
        String external = spec.getExternalTrafficPolicy();
        boolean nodePorts = ServiceDefaults.NODE_PORT.equals(spec.getType())
                || ServiceDefaults.LOAD_BALANCER.equals(spec.getType());
        if (external != null) {
            if (!nodePorts) {
                causes.invalid("spec.externalTrafficPolicy", external,
                        "may only be set when `type` is 'NodePort' or 'LoadBalancer'");
            } else if (!TRAFFIC_POLICIES.contains(external)) {
                causes.notSupported("spec.externalTrafficPolicy", external, TRAFFIC_POLICIES);
            }
        }
        String internal = spec.getInternalTrafficPolicy();
        if (internal != null && !TRAFFIC_POLICIES.contains(internal)) {
            causes.notSupported("spec.internalTrafficPolicy", internal, TRAFFIC_POLICIES);
        }
    }

    /** A list of strings as Go's {@code %#v} prints it in Kubernetes' messages: {@code []string{"10.96.0.5"}}. */
    public record GoStrings(List<String> values) {
        @Override
        public String toString() {
            return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ", "[]string{", "}"));
        }
    }

    /** The (protocol, port) key of a duplicate port, as Kubernetes prints it. */
    private record GoServicePort(String protocol, int port) {
        @Override
        public String toString() {
            return "core.ServicePort{Name:\"\", Protocol:\"" + protocol + "\", AppProtocol:(*string)(nil), Port:" + port
                    + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}";
        }
    }
}

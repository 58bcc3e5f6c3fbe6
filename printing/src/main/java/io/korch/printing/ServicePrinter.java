package io.korch.printing;

import io.korch.api.LoadBalancerIngress;
import io.korch.api.Service;
import io.korch.api.ServicePort;
import io.korch.api.ServiceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Services as {@code kubectl get services} shows them: {@code NAME TYPE CLUSTER-IP EXTERNAL-IP
 * PORT(S) AGE}, wide adds {@code SELECTOR}. PORT(S) lists {@code port/protocol}, or
 * {@code port:nodePort/protocol} for a port with a node port; EXTERNAL-IP is the external IPs, and
 * for a LoadBalancer also its ingress addresses, {@code <pending>} while it has none, as on a
 * cluster without a load-balancer provider.
 */
public final class ServicePrinter implements TablePrinter<Service> {

    static final String PENDING = "<pending>";

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Type", "type determines how the Service is exposed. Defaults to ClusterIP. Valid options"
                    + " are ExternalName, ClusterIP, NodePort, and LoadBalancer."),
            Column.string("Cluster-IP", "clusterIP is the IP address of the service and is usually assigned randomly."
                    + " If an address is specified manually, is in-range (as per system configuration), and is not in"
                    + " use, it will be allocated to the service; otherwise creation of the service will fail."),
            Column.string("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will"
                    + " also accept traffic for this service."),
            Column.string("Port(s)", "The list of ports that are exposed by this service. More info:"
                    + " https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies"),
            Column.age(),
            Column.string("Selector", "Route service traffic to pods with label keys and values matching this"
                    + " selector. If empty or not present, the service is assumed to have an external process managing"
                    + " its endpoints, which Kubernetes will not modify.").wide());

    ServicePrinter() {
    }

    @Override
    public Class<Service> type() {
        return Service.class;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Service service, Instant now) {
        ServiceSpec spec = service.getSpec();
        String clusterIP = spec.getClusterIPs().isEmpty() ? Cells.orNone(spec.getClusterIP()) : spec.getClusterIPs().get(0);
        return List.of(service.getMetadata().getName(), type(spec), clusterIP, externalIP(service),
                Cells.orNone(ports(spec.getPorts())), Ages.age(service.getMetadata().getCreationTimestamp(), now),
                selector(spec.getSelector()));
    }

    /** The Service's type, ClusterIP when it is left out. */
    public static String type(ServiceSpec spec) {
        return spec.getType() == null ? "ClusterIP" : spec.getType();
    }

    /** The ports as kubectl lists them: {@code 80/TCP,443:30443/TCP}. */
    public static String ports(List<ServicePort> ports) {
        return ports.stream().map(port -> port.getNodePort() != null && port.getNodePort() > 0
                        ? port.getPort() + ":" + port.getNodePort() + "/" + protocol(port)
                        : port.getPort() + "/" + protocol(port))
                .collect(Collectors.joining(","));
    }

    /** A selector as {@code k=v,k2=v2}, sorted by key; {@code <none>} when empty. */
    public static String selector(Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return Cells.NONE;
        }
        return new TreeMap<>(selector).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    static String protocol(ServicePort port) {
        return port.getProtocol() == null ? "TCP" : port.getProtocol();
    }

    private static String externalIP(Service service) {
        ServiceSpec spec = service.getSpec();
        if (!"LoadBalancer".equals(spec.getType())) {
            return spec.getExternalIPs().isEmpty() ? Cells.NONE : String.join(",", spec.getExternalIPs());
        }
        List<String> addresses = new ArrayList<>();
        if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null) {
            for (LoadBalancerIngress ingress : service.getStatus().getLoadBalancer().getIngress()) {
                if (ingress.getIp() != null && !ingress.getIp().isEmpty()) {
                    addresses.add(ingress.getIp());
                } else if (ingress.getHostname() != null && !ingress.getHostname().isEmpty()) {
                    addresses.add(ingress.getHostname());
                }
            }
        }
        addresses.addAll(spec.getExternalIPs());
        return addresses.isEmpty() ? PENDING : String.join(",", addresses);
    }
}

package io.korch.cli.output.describe;

import io.korch.api.Endpoint;
import io.korch.api.EndpointPort;
import io.korch.api.EndpointSlice;
import io.korch.api.LoadBalancerIngress;
import io.korch.api.Service;
import io.korch.api.ServicePort;
import io.korch.api.ServiceSpec;
import io.korch.cli.output.DescribeWriter;
import io.korch.printing.ServicePrinter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code korch describe service}, laid out as kubectl's: metadata, selector, type, IP families and
 * addresses, then each port with its target port, node port and ready endpoints (from the
 * Service's EndpointSlices, the first three and how many more), session affinity, traffic
 * policies and events.
 */
public final class ServiceDescriber {

    private static final int ENDPOINTS_SHOWN = 3;

    private ServiceDescriber() {
    }

    /** The report of {@code service}, whose EndpointSlices are {@code slices}. */
    public static String describe(Service service, List<EndpointSlice> slices, EventHistory events, DescribeContext at) {
        ServiceSpec spec = service.getSpec();
        DescribeWriter w = new DescribeWriter();
        w.field(0, "Name", service.getMetadata().getName());
        w.field(0, "Namespace", service.getMetadata().getNamespace());
        Sections.labelsAndAnnotations(w, service.getMetadata());
        w.field(0, "Selector", ServicePrinter.selector(spec.getSelector()));
        w.field(0, "Type", ServicePrinter.type(spec));
        if (spec.getIpFamilyPolicy() != null) {
            w.field(0, "IP Family Policy", spec.getIpFamilyPolicy());
        }
        w.field(0, "IP Families", String.join(",", spec.getIpFamilies()));
        w.field(0, "IP", spec.getClusterIP());
        w.field(0, "IPs", String.join(",", spec.getClusterIPs()));
        if (!spec.getExternalIPs().isEmpty()) {
            w.field(0, "External IPs", String.join(",", spec.getExternalIPs()));
        }
        if (spec.getLoadBalancerIP() != null) {
            w.field(0, "IP", spec.getLoadBalancerIP());
        }
        if (spec.getLoadBalancerClass() != null) {
            w.field(0, "LoadBalancer Class", spec.getLoadBalancerClass());
        }
        String ingress = ingress(service);
        if (!ingress.isEmpty()) {
            w.field(0, "LoadBalancer Ingress", ingress);
        }
        for (ServicePort port : spec.getPorts()) {
            String name = port.getName() == null || port.getName().isEmpty() ? "<unset>" : port.getName();
            String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
            w.line(0, "Port:\t" + name + "\t" + port.getPort() + "/" + protocol);
            w.line(0, "TargetPort:\t" + port.getTargetPort() + "/" + protocol);
            if (port.getNodePort() != null && port.getNodePort() != 0) {
                w.line(0, "NodePort:\t" + name + "\t" + port.getNodePort() + "/" + protocol);
            }
            w.line(0, "Endpoints:\t" + endpoints(slices, port.getName() == null ? "" : port.getName()));
        }
        w.field(0, "Session Affinity", spec.getSessionAffinity());
        if (spec.getExternalTrafficPolicy() != null) {
            w.field(0, "External Traffic Policy", spec.getExternalTrafficPolicy());
        }
        if (spec.getInternalTrafficPolicy() != null) {
            w.field(0, "Internal Traffic Policy", spec.getInternalTrafficPolicy());
        }
        events.write(w, at);
        return w.render();
    }

    /**
     * The ready endpoints of the slices' port named {@code portName}, as {@code ip:port}, the
     * first three and how many more; {@code <none>} without slices. A slice without ports (a
     * headless Service's) gives its addresses alone.
     */
    static String endpoints(List<EndpointSlice> slices, String portName) {
        if (slices.isEmpty()) {
            return "<none>";
        }
        List<String> ready = new ArrayList<>();
        for (EndpointSlice slice : slices) {
            if (slice.getPorts().isEmpty()) {
                slice.getEndpoints().stream().filter(ServiceDescriber::ready)
                        .forEach(endpoint -> ready.add(endpoint.getAddresses().get(0)));
                continue;
            }
            for (EndpointPort port : slice.getPorts()) {
                if (Objects.equals(port.getName() == null ? "" : port.getName(), portName)) {
                    slice.getEndpoints().stream().filter(ServiceDescriber::ready)
                            .forEach(endpoint -> ready.add(endpoint.getAddresses().get(0) + ":" + port.getPort()));
                }
            }
        }
        String shown = String.join(",", ready.subList(0, Math.min(ENDPOINTS_SHOWN, ready.size())));
        return ready.size() > ENDPOINTS_SHOWN ? shown + " + " + (ready.size() - ENDPOINTS_SHOWN) + " more..." : shown;
    }

    private static boolean ready(Endpoint endpoint) {
        return !endpoint.getAddresses().isEmpty()
                && (endpoint.getConditions() == null || !Boolean.FALSE.equals(endpoint.getConditions().getReady()));
    }

    private static String ingress(Service service) {
        if (service.getStatus() == null || service.getStatus().getLoadBalancer() == null) {
            return "";
        }
        return service.getStatus().getLoadBalancer().getIngress().stream()
                .map(LoadBalancerIngress::getIp)
                .filter(Objects::nonNull)
                .collect(Collectors.joining(", "));
    }
}

package io.korch.agent.proxy.iptables;

import io.korch.agent.services.ServiceEntry;
import io.korch.model.Cidr;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which UDP flows the kernel must forget after the rules change, as kube-proxy clears them. UDP has no connection
 * to end: conntrack keeps sending a flow's datagrams where its first one went, for as long as the flow is not idle
 * for the UDP timeout. So once a sync is written, the flows DNATed to an endpoint that left a Service port are
 * deleted, and so are the flows to a port that had no endpoint and has one now (their first datagram was rejected,
 * and the flow would go on bypassing the new DNAT). Pure: from the UDP ports before and after, the {@code
 * conntrack -D} filters to run.
 */
public final class StaleUdpFlows {

    /**
     * A UDP port the kernel carries.
     *
     * @param clusterIP   the Service's virtual IP
     * @param port        its port
     * @param nodePort    the node port, or 0
     * @param endpointIPs the ready endpoints' addresses, in slice order
     */
    public record UdpPort(String clusterIP, int port, int nodePort, Set<String> endpointIPs) {

        public UdpPort {
            endpointIPs = Collections.unmodifiableSet(new LinkedHashSet<>(endpointIPs));
        }
    }

    private StaleUdpFlows() {
    }

    /** The UDP ports of {@code services} that {@link IptablesPlan} carries, by Service key and port. */
    public static Map<String, UdpPort> ports(Collection<ServiceEntry> services, IptablesPlan.Settings settings) {
        Cidr podCidr = Cidr.parse(settings.podCidr());
        Map<String, UdpPort> ports = new TreeMap<>();
        for (ServiceEntry service : services) {
            if (!service.hasClusterIP() || service.clusterIP().equals(settings.dnsIP())) {
                continue;
            }
            for (ServiceEntry.Port port : service.ports()) {
                if ("UDP".equals(port.protocol()) && IptablesPlan.carries(port, podCidr)) {
                    Set<String> ips = new LinkedHashSet<>();
                    port.backends().forEach(backend -> ips.add(backend.ip()));
                    int nodePort = service.exposesNodePorts() ? port.nodePort() : 0;
                    ports.put(service.key() + ":" + port.port(),
                            new UdpPort(service.clusterIP(), port.port(), nodePort, ips));
                }
            }
        }
        return ports;
    }

    /** The {@code conntrack -D} filters that take the flows made stale by going from {@code before} to {@code after}. */
    public static List<List<String>> deletions(Map<String, UdpPort> before, Map<String, UdpPort> after) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        after.forEach((key, now) -> {
            UdpPort then = before.get(key);
            if (!now.endpointIPs().isEmpty() && (then == null || then.endpointIPs().isEmpty())) {
                add(filters, List.of("-p", "udp", "--orig-dst", now.clusterIP(), "--orig-port-dst",
                        Integer.toString(now.port())));
                if (now.nodePort() > 0) {
                    add(filters, List.of("-p", "udp", "--orig-port-dst", Integer.toString(now.nodePort())));
                }
            }
            if (then != null) {
                Set<String> gone = new LinkedHashSet<>(then.endpointIPs());
                gone.removeAll(now.endpointIPs());
                gone.forEach(ip -> toEndpoint(filters, then, ip));
            }
        });
        before.forEach((key, then) -> {
            if (!after.containsKey(key)) {
                then.endpointIPs().forEach(ip -> toEndpoint(filters, then, ip));
            }
        });
        return new ArrayList<>(filters.values());
    }

    private static void toEndpoint(Map<String, List<String>> filters, UdpPort port, String ip) {
        add(filters, List.of("-p", "udp", "--orig-dst", port.clusterIP(), "--orig-port-dst",
                Integer.toString(port.port()), "--dst-nat", ip));
        if (port.nodePort() > 0) {
            add(filters, List.of("-p", "udp", "--orig-port-dst", Integer.toString(port.nodePort()), "--dst-nat", ip));
        }
    }

    private static void add(Map<String, List<String>> filters, List<String> filter) {
        filters.putIfAbsent(String.join(" ", filter), filter);
    }
}

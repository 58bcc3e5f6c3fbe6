package io.korch.agent.proxy;

import io.korch.agent.network.HostPorts.HostPortMapping;
import io.korch.agent.services.ServiceEntry;
import io.korch.agent.services.ServiceEntry.Backend;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Which addresses the node proxy listens on and where each forwards, from the Services of the catalog and the
 * host ports of the node's pods. Pure and idempotent: the same inputs give the same plan.
 *
 * <p>Each TCP port of a Service with a cluster IP is listened on at {@code clusterIP:port}, and for a
 * {@code NodePort} or {@code LoadBalancer} Service also at {@code nodeIP:nodePort}, both forwarding to the
 * port's ready endpoints with the Service's ClientIP affinity. A port without a ready endpoint is left out of
 * the plan, so nothing listens there and a connection is refused at once, as kube-proxy's reject rule does.
 * Each host port of a pod is listened on at {@code nodeIP:hostPort} and forwards to the pod's container port.
 * Where two claim one address (which the control plane's allocation prevents), the Service of the first key
 * wins, and Services win over host ports. Ports of other protocols than TCP are not proxied, nor the ports the
 * kernel carries in the iptables mode.
 */
public final class ProxyPlan {

    private ProxyPlan() {
    }

    /**
     * @param services  every Service of the catalog
     * @param nodeIP    the node's address, where node ports and host ports are listened on
     * @param hostPorts the host ports of the node's pods, by pod key
     */
    public static Map<ListenAddress, ForwardTarget> of(Collection<ServiceEntry> services, String nodeIP,
                                                       Map<String, List<HostPortMapping>> hostPorts) {
        return of(services, nodeIP, hostPorts, port -> false);
    }

    /**
     * As {@link #of(Collection, String, Map)}, leaving out the Service ports {@code carriedByKernel}.
     */
    public static Map<ListenAddress, ForwardTarget> of(Collection<ServiceEntry> services, String nodeIP,
                                                       Map<String, List<HostPortMapping>> hostPorts,
                                                       Predicate<ServiceEntry.Port> carriedByKernel) {
        Map<ListenAddress, ForwardTarget> plan = new LinkedHashMap<>();
        List<ServiceEntry> sorted = new ArrayList<>(services);
        sorted.sort(Comparator.comparing(ServiceEntry::key));
        for (ServiceEntry service : sorted) {
            if (!service.hasClusterIP()) {
                continue;
            }
            for (ServiceEntry.Port port : service.ports()) {
                if (!"TCP".equals(port.protocol()) || port.backends().isEmpty() || carriedByKernel.test(port)) {
                    continue;
                }
                ForwardTarget target = new ForwardTarget(service.key() + ":" + portName(port), port.backends(),
                        service.affinityTimeoutSeconds());
                plan.putIfAbsent(new ListenAddress(service.clusterIP(), port.port(), port.protocol()), target);
                if (service.exposesNodePorts() && port.nodePort() > 0) {
                    plan.putIfAbsent(new ListenAddress(nodeIP, port.nodePort(), port.protocol()), target);
                }
            }
        }
        new TreeMap<>(hostPorts).forEach((pod, mappings) -> {
            for (HostPortMapping mapping : mappings) {
                String protocol = mapping.protocol() == null ? "TCP" : mapping.protocol();
                if ("TCP".equals(protocol)) {
                    plan.putIfAbsent(new ListenAddress(nodeIP, mapping.hostPort(), protocol),
                            new ForwardTarget(pod + " hostPort " + mapping.hostPort(),
                                    List.of(new Backend(mapping.podIP(), mapping.containerPort())), 0));
                }
            }
        });
        return plan;
    }

    private static String portName(ServiceEntry.Port port) {
        return port.name().isEmpty() ? Integer.toString(port.port()) : port.name();
    }
}

package io.korch.agent.services;

import io.korch.agent.services.ServiceEntry.Backend;
import io.korch.agent.services.ServiceEntry.ReadyEndpoint;
import io.korch.api.ClientIPConfig;
import io.korch.api.Endpoint;
import io.korch.api.EndpointPort;
import io.korch.api.EndpointSlice;
import io.korch.api.Service;
import io.korch.api.ServicePort;
import io.korch.api.ServiceSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins a Service with its EndpointSlices into a {@link ServiceEntry}, as kube-proxy reads them: an endpoint
 * counts when its {@code conditions.ready} is true or unset; a Service port is served by the slice port of the
 * same name (both empty for an unnamed port) and protocol, whose {@code port} is the pods' port; of an endpoint's
 * addresses the first is used for forwarding, all of them for DNS; an address that several slices list counts
 * once. Slices of an address type other than IPv4 are skipped. Pure.
 */
public final class ServiceEntries {

    /** Kubernetes' default of {@code sessionAffinityConfig.clientIP.timeoutSeconds}: three hours. */
    public static final int DEFAULT_AFFINITY_TIMEOUT_SECONDS = 10800;

    private ServiceEntries() {
    }

    /** The entry of {@code service} with the ready endpoints of {@code slices} (the slices labelled with its name). */
    public static ServiceEntry of(Service service, Collection<EndpointSlice> slices) {
        ServiceSpec spec = service.getSpec();
        List<EndpointSlice> ipv4 = slices.stream().filter(s -> "IPv4".equals(s.getAddressType())).toList();
        List<ServiceEntry.Port> ports = new ArrayList<>();
        for (ServicePort port : spec.getPorts()) {
            String name = port.getName() == null ? "" : port.getName();
            String protocol = protocol(port.getProtocol());
            ports.add(new ServiceEntry.Port(name, protocol, port.getPort(),
                    port.getNodePort() == null ? 0 : port.getNodePort(), backends(ipv4, name, protocol)));
        }
        return new ServiceEntry(service.getMetadata().getNamespace(), service.getMetadata().getName(),
                spec.getType() == null ? ServiceEntry.CLUSTER_IP : spec.getType(), spec.getClusterIP(), ports,
                affinityTimeout(spec), readyEndpoints(ipv4));
    }

    /** Whether an endpoint takes new connections: {@code ready} unset counts as ready, as in Kubernetes. */
    public static boolean ready(Endpoint endpoint) {
        return endpoint.getConditions() == null || endpoint.getConditions().getReady() == null
                || endpoint.getConditions().getReady();
    }

    private static List<Backend> backends(List<EndpointSlice> slices, String portName, String protocol) {
        Set<Backend> backends = new LinkedHashSet<>();
        for (EndpointSlice slice : slices) {
            Integer target = slicePort(slice, portName, protocol);
            if (target == null) {
                continue;
            }
            for (Endpoint endpoint : slice.getEndpoints()) {
                if (ready(endpoint) && !endpoint.getAddresses().isEmpty()) {
                    backends.add(new Backend(endpoint.getAddresses().get(0), target));
                }
            }
        }
        return List.copyOf(backends);
    }

    /** The pods' port of the slice port named {@code portName}, or null when the slice has none. */
    private static Integer slicePort(EndpointSlice slice, String portName, String protocol) {
        for (EndpointPort port : slice.getPorts()) {
            String name = port.getName() == null ? "" : port.getName();
            if (name.equals(portName) && protocol(port.getProtocol()).equals(protocol) && port.getPort() != null) {
                return port.getPort();
            }
        }
        return null;
    }

    private static List<ReadyEndpoint> readyEndpoints(List<EndpointSlice> slices) {
        Map<String, ReadyEndpoint> byAddress = new LinkedHashMap<>();
        for (EndpointSlice slice : slices) {
            for (Endpoint endpoint : slice.getEndpoints()) {
                if (ready(endpoint)) {
                    for (String address : endpoint.getAddresses()) {
                        byAddress.putIfAbsent(address, new ReadyEndpoint(address, endpoint.getHostname()));
                    }
                }
            }
        }
        return List.copyOf(byAddress.values());
    }

    private static int affinityTimeout(ServiceSpec spec) {
        if (!"ClientIP".equals(spec.getSessionAffinity())) {
            return 0;
        }
        ClientIPConfig config = spec.getSessionAffinityConfig() == null ? null
                : spec.getSessionAffinityConfig().getClientIP();
        return config == null || config.getTimeoutSeconds() == null || config.getTimeoutSeconds() <= 0
                ? DEFAULT_AFFINITY_TIMEOUT_SECONDS : config.getTimeoutSeconds();
    }

    private static String protocol(String protocol) {
        return protocol == null || protocol.isEmpty() ? "TCP" : protocol;
    }
}

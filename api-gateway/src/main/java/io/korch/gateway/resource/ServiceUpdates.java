package io.korch.gateway.resource;

import io.korch.api.Service;
import io.korch.api.ServicePort;
import io.korch.api.ServiceSpec;
import io.korch.model.ServiceDefaults;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a replace of a Service keeps of the Service it replaces when the new one leaves it out, as
 * Kubernetes' {@code patchAllocatedValues} does: the cluster IPs, and the node port of each port
 * (matched by name) while both versions have node ports and no other port of the new one uses it.
 * So a manifest applied again without the allocated values keeps them.
 */
final class ServiceUpdates {

    private ServiceUpdates() {
    }

    /** {@code next} with the allocated values of {@code old} it left out. Pure. */
    static Service kept(Service next, Service old) {
        ServiceSpec spec = next.getSpec();
        ServiceSpec was = old.getSpec();
        ServiceSpec.Builder kept = ServiceSpec.newBuilder(spec);
        if (spec.getClusterIP() == null) {
            kept.setClusterIP(was.getClusterIP());
        }
        if (spec.getClusterIPs().isEmpty()) {
            kept.setClusterIPs(was.getClusterIPs());
        }
        if (hasNodePorts(spec) && hasNodePorts(was)) {
            Set<Integer> used = new HashSet<>();
            spec.getPorts().forEach(port -> {
                if (port.getNodePort() != null) {
                    used.add(port.getNodePort());
                }
            });
            Map<String, Integer> byName = new HashMap<>();
            was.getPorts().forEach(port -> byName.put(String.valueOf(port.getName()), port.getNodePort()));
            List<ServicePort> ports = spec.getPorts().stream().map(port -> {
                Integer previous = byName.get(String.valueOf(port.getName()));
                return port.getNodePort() == null && previous != null && !used.contains(previous)
                        ? ServicePort.newBuilder(port).setNodePort(previous).build() : port;
            }).toList();
            kept.setPorts(ports);
        }
        return Service.newBuilder(next).setSpec(kept.build()).build();
    }

    private static boolean hasNodePorts(ServiceSpec spec) {
        return ServiceDefaults.NODE_PORT.equals(spec.getType()) || ServiceDefaults.LOAD_BALANCER.equals(spec.getType());
    }
}

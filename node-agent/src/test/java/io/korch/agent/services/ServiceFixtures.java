package io.korch.agent.services;

import io.korch.api.ClientIPConfig;
import io.korch.api.Endpoint;
import io.korch.api.EndpointConditions;
import io.korch.api.EndpointPort;
import io.korch.api.EndpointSlice;
import io.korch.api.ObjectMeta;
import io.korch.api.Service;
import io.korch.api.ServicePort;
import io.korch.api.ServiceSpec;
import io.korch.api.SessionAffinityConfig;
import io.korch.model.ClusterNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builders of Services and EndpointSlices in the shape the gateway and the endpoints controller write them. */
public final class ServiceFixtures {

    private ServiceFixtures() {
    }

    public static ServiceBuilder service(String namespace, String name) {
        return new ServiceBuilder(namespace, name);
    }

    public static SliceBuilder slice(String namespace, String service, String sliceName) {
        return new SliceBuilder(namespace, service, sliceName);
    }

    /** The catalog with {@code services} and {@code slices} applied. */
    public static ServiceCatalog catalog(List<Service> services, List<EndpointSlice> slices) {
        ServiceCatalog catalog = new ServiceCatalog();
        Map<String, Service> byKey = new HashMap<>();
        services.forEach(s -> byKey.put(s.getMetadata().getNamespace() + "/" + s.getMetadata().getName(), s));
        Map<String, EndpointSlice> sliceByKey = new HashMap<>();
        slices.forEach(s -> sliceByKey.put(key(s), s));
        catalog.apply(byKey, sliceByKey);
        return catalog;
    }

    public static String key(Service service) {
        return service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
    }

    public static String key(EndpointSlice slice) {
        return slice.getMetadata().getNamespace() + "/" + slice.getMetadata().getName();
    }

    public static final class ServiceBuilder {
        private final ObjectMeta.Builder meta;
        private final ServiceSpec.Builder spec = ServiceSpec.newBuilder();
        private final List<ServicePort> ports = new ArrayList<>();

        private ServiceBuilder(String namespace, String name) {
            meta = ObjectMeta.newBuilder().setNamespace(namespace).setName(name);
        }

        public ServiceBuilder clusterIP(String ip) {
            spec.setClusterIP(ip);
            return this;
        }

        public ServiceBuilder headless() {
            return clusterIP("None");
        }

        public ServiceBuilder type(String type) {
            spec.setType(type);
            return this;
        }

        public ServiceBuilder port(String name, int port) {
            return port(name, port, null, null);
        }

        public ServiceBuilder port(String name, int port, String protocol, Integer nodePort) {
            ports.add(ServicePort.newBuilder().setName(name).setPort(port).setProtocol(protocol)
                    .setTargetPort(Integer.toString(port)).setNodePort(nodePort).build());
            return this;
        }

        public ServiceBuilder clientIPAffinity(Integer timeoutSeconds) {
            spec.setSessionAffinity("ClientIP");
            if (timeoutSeconds != null) {
                spec.setSessionAffinityConfig(SessionAffinityConfig.newBuilder()
                        .setClientIP(ClientIPConfig.newBuilder().setTimeoutSeconds(timeoutSeconds).build()).build());
            }
            return this;
        }

        public Service build() {
            return Service.newBuilder().setMetadata(meta.build()).setSpec(spec.setPorts(ports).build()).build();
        }
    }

    public static final class SliceBuilder {
        private final ObjectMeta.Builder meta;
        private final List<Endpoint> endpoints = new ArrayList<>();
        private final List<EndpointPort> ports = new ArrayList<>();
        private String addressType = "IPv4";

        private SliceBuilder(String namespace, String service, String name) {
            meta = ObjectMeta.newBuilder().setNamespace(namespace).setName(name)
                    .setLabels(new HashMap<>(Map.of(ClusterNetwork.SERVICE_NAME_LABEL, service,
                            ClusterNetwork.MANAGED_BY_LABEL, ClusterNetwork.ENDPOINTS_CONTROLLER)));
        }

        public SliceBuilder port(String name, int port) {
            return port(name, port, "TCP");
        }

        public SliceBuilder port(String name, int port, String protocol) {
            ports.add(EndpointPort.newBuilder().setName(name).setProtocol(protocol).setPort(port).build());
            return this;
        }

        public SliceBuilder ready(String... addresses) {
            for (String address : addresses) {
                endpoint(address, true, null);
            }
            return this;
        }

        public SliceBuilder notReady(String... addresses) {
            for (String address : addresses) {
                endpoint(address, false, null);
            }
            return this;
        }

        /** An endpoint with {@code ready} as given (null: unset), and a hostname or null. */
        public SliceBuilder endpoint(String address, Boolean ready, String hostname) {
            endpoints.add(Endpoint.newBuilder().setAddresses(List.of(address)).setHostname(hostname)
                    .setConditions(EndpointConditions.newBuilder().setReady(ready).setServing(ready)
                            .setTerminating(Boolean.FALSE.equals(ready) ? null : false).build())
                    .build());
            return this;
        }

        public SliceBuilder addressType(String type) {
            addressType = type;
            return this;
        }

        public EndpointSlice build() {
            return EndpointSlice.newBuilder().setMetadata(meta.build()).setAddressType(addressType)
                    .setEndpoints(endpoints).setPorts(ports).build();
        }
    }
}

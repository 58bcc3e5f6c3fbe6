package io.korch.benchmarks;

import io.korch.api.Endpoint;
import io.korch.api.EndpointConditions;
import io.korch.api.EndpointPort;
import io.korch.api.EndpointSlice;
import io.korch.api.ObjectMeta;
import io.korch.api.Service;
import io.korch.api.ServicePort;
import io.korch.api.ServiceSpec;
import io.korch.model.ClusterNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Services and EndpointSlices as the gateway and the endpoints controller write them, for the network benchmarks. */
final class ServiceRecords {

    private ServiceRecords() {
    }

    /**
     * A Service of one TCP port {@code http}.
     *
     * @param clusterIP the virtual IP, or {@code None} for a headless Service
     * @param nodePort  the node port, or null for a ClusterIP Service
     */
    static Service service(String namespace, String name, String clusterIP, int port, Integer nodePort) {
        return Service.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setNamespace(namespace).setName(name).build())
                .setSpec(ServiceSpec.newBuilder()
                        .setType(nodePort == null ? "ClusterIP" : "NodePort")
                        .setClusterIP(clusterIP)
                        .setPorts(List.of(ServicePort.newBuilder().setName("http").setProtocol("TCP").setPort(port)
                                .setTargetPort(Integer.toString(port)).setNodePort(nodePort).build()))
                        .build())
                .build();
    }

    /** The slice {@code NAME-1} of Service {@code name}: {@code addresses} at {@code targetPort}, ready as given. */
    static EndpointSlice slice(String namespace, String name, int targetPort, List<String> addresses,
                               List<Boolean> ready) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            boolean isReady = ready.get(i);
            endpoints.add(Endpoint.newBuilder().setAddresses(List.of(addresses.get(i)))
                    .setConditions(EndpointConditions.newBuilder().setReady(isReady).setServing(isReady)
                            .setTerminating(false).build())
                    .build());
        }
        Map<String, String> labels = new HashMap<>();
        labels.put(ClusterNetwork.SERVICE_NAME_LABEL, name);
        labels.put(ClusterNetwork.MANAGED_BY_LABEL, ClusterNetwork.ENDPOINTS_CONTROLLER);
        return EndpointSlice.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setNamespace(namespace).setName(name + "-1").setLabels(labels)
                        .build())
                .setEndpoints(endpoints)
                .setPorts(List.of(EndpointPort.newBuilder().setName("http").setProtocol("TCP").setPort(targetPort)
                        .build()))
                .build();
    }
}

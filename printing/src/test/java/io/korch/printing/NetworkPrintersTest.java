package io.korch.printing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.korch.api.Endpoint;
import io.korch.api.EndpointAddress;
import io.korch.api.EndpointPort;
import io.korch.api.EndpointSlice;
import io.korch.api.EndpointSubset;
import io.korch.api.Endpoints;
import io.korch.api.LoadBalancerIngress;
import io.korch.api.LoadBalancerStatus;
import io.korch.api.ObjectMeta;
import io.korch.api.Service;
import io.korch.api.ServicePort;
import io.korch.api.ServiceSpec;
import io.korch.api.ServiceStatus;
import io.korch.model.ApiKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The tables of Services, EndpointSlices and Endpoints, as kubectl shows them. */
class NetworkPrintersTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void servicesHaveKubectlsColumnsWithTheSelectorOnlyWhenWide() {
        assertThat(Printers.of(ApiKind.SERVICE).columns())
                .extracting(Column::name, Column::priority)
                .containsExactly(tuple("Name", 0), tuple("Type", 0), tuple("Cluster-IP", 0), tuple("External-IP", 0),
                        tuple("Port(s)", 0), tuple("Age", 0), tuple("Selector", 1));
        assertThat(Printers.SERVICES.columns()).allSatisfy(column -> assertThat(column.description()).isNotBlank());
    }

    @Test
    void aClusterIpServiceShowsItsAddressPortsAndSelector() {
        Service service = service("web", spec("ClusterIP", "10.96.0.12", port(80, null), port(443, null))
                .setSelector(Map.of("tier", "front", "app", "web")).build(), null);

        assertThat(Printers.SERVICES.cells(service, NOW))
                .containsExactly("web", "ClusterIP", "10.96.0.12", "<none>", "80/TCP,443/TCP", "3m", "app=web,tier=front");
    }

    @Test
    void aNodePortServiceShowsEachPortWithItsNodePort() {
        Service service = service("web", spec("NodePort", "10.96.0.12", port(80, 30080)).build(), null);

        assertThat(Printers.SERVICES.cells(service, NOW).subList(1, 5))
                .containsExactly("NodePort", "10.96.0.12", "<none>", "80:30080/TCP");
    }

    @Test
    void aLoadBalancerWithoutIngressIsPendingAndOneWithIngressShowsIt() {
        Service pending = service("lb", spec("LoadBalancer", "10.96.0.7", port(80, 31000)).build(), null);
        Service served = service("lb", spec("LoadBalancer", "10.96.0.7", port(80, 31000)).build(),
                ServiceStatus.newBuilder().setLoadBalancer(LoadBalancerStatus.newBuilder()
                        .setIngress(List.of(LoadBalancerIngress.newBuilder().setIp("192.0.2.4").build())).build()).build());

        assertThat(Printers.SERVICES.cells(pending, NOW).get(3)).isEqualTo("<pending>");
        assertThat(Printers.SERVICES.cells(served, NOW).get(3)).isEqualTo("192.0.2.4");
    }

    @Test
    void aHeadlessServiceWithoutSelectorOrPortsShowsNoneForThem() {
        Service headless = service("db", spec("ClusterIP", "None").build(), null);

        assertThat(Printers.SERVICES.cells(headless, NOW))
                .containsExactly("db", "ClusterIP", "None", "<none>", "<none>", "3m", "<none>");
    }

    @Test
    void anEndpointSliceShowsItsAddressTypePortsAndTheFirstThreeAddresses() {
        EndpointSlice slice = EndpointSlice.newBuilder()
                .setMetadata(meta("web-abcde"))
                .setPorts(List.of(EndpointPort.newBuilder().setName("http").setPort(8080).build()))
                .setEndpoints(IntStream.rangeClosed(1, 5).mapToObj(i -> Endpoint.newBuilder()
                        .setAddresses(List.of("10.244.1." + i)).build()).toList())
                .build();
        EndpointSlice empty = EndpointSlice.newBuilder().setMetadata(meta("idle-xyz12")).build();

        assertThat(Printers.of(ApiKind.ENDPOINTSLICE).columns()).extracting(Column::name)
                .containsExactly("Name", "AddressType", "Ports", "Endpoints", "Age");
        assertThat(Printers.ENDPOINTSLICES.cells(slice, NOW))
                .containsExactly("web-abcde", "IPv4", "8080", "10.244.1.1,10.244.1.2,10.244.1.3 + 2 more...", "3m");
        assertThat(Printers.ENDPOINTSLICES.cells(empty, NOW)).containsExactly("idle-xyz12", "IPv4", "<unset>", "<unset>",
                "3m");
    }

    @Test
    void endpointsShowTheReadyAddressesWithTheirPorts() {
        Endpoints endpoints = Endpoints.newBuilder()
                .setMetadata(meta("web"))
                .setSubsets(List.of(EndpointSubset.newBuilder()
                        .setAddresses(List.of(address("10.244.1.5"), address("10.244.2.3")))
                        .setNotReadyAddresses(List.of(address("10.244.2.9")))
                        .setPorts(List.of(EndpointPort.newBuilder().setPort(80).build()))
                        .build()))
                .build();
        Endpoints none = Endpoints.newBuilder().setMetadata(meta("idle")).build();

        assertThat(Printers.of(ApiKind.ENDPOINTS).columns()).extracting(Column::name)
                .containsExactly("Name", "Endpoints", "Age");
        assertThat(Printers.ENDPOINTS.cells(endpoints, NOW)).containsExactly("web", "10.244.1.5:80,10.244.2.3:80", "3m");
        assertThat(Printers.ENDPOINTS.cells(none, NOW)).containsExactly("idle", "<none>", "3m");
    }

    private static ServiceSpec.Builder spec(String type, String clusterIP, ServicePort... ports) {
        return ServiceSpec.newBuilder().setType(type).setClusterIP(clusterIP).setClusterIPs(List.of(clusterIP))
                .setPorts(List.of(ports));
    }

    private static ServicePort port(int port, Integer nodePort) {
        return ServicePort.newBuilder().setPort(port).setProtocol("TCP").setTargetPort(Integer.toString(port))
                .setNodePort(nodePort).build();
    }

    private static Service service(String name, ServiceSpec spec, ServiceStatus status) {
        return Service.newBuilder().setMetadata(meta(name)).setSpec(spec).setStatus(status).build();
    }

    private static EndpointAddress address(String ip) {
        return EndpointAddress.newBuilder().setIp(ip).build();
    }

    private static ObjectMeta meta(String name) {
        return ObjectMeta.newBuilder().setName(name).setNamespace("default")
                .setCreationTimestamp(NOW.minus(Duration.ofMinutes(3))).build();
    }
}

package io.korch.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Endpoint;
import io.korch.api.EndpointConditions;
import io.korch.api.EndpointPort;
import io.korch.api.EndpointSlice;
import io.korch.api.ObjectMeta;
import io.korch.api.Service;
import io.korch.api.ServicePort;
import io.korch.api.ServiceSpec;
import io.korch.cli.output.describe.DescribeContext;
import io.korch.cli.output.describe.EventHistory;
import io.korch.cli.output.describe.ServiceDescriber;
import io.korch.model.ServiceDefaults;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The describe report of a Service, laid out as kubectl's, with its ready endpoints from its EndpointSlices. */
class NetworkDescribersTest {

    private static final DescribeContext AT = new DescribeContext(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void aNodePortServiceShowsItsAddressesPortsAndReadyEndpoints() {
        Service service = ServiceDefaults.defaulted(Service.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("web").setNamespace("default")
                        .setLabels(Map.of("app", "web")).build())
                .setSpec(ServiceSpec.newBuilder().setType("NodePort").setClusterIP("10.96.0.12")
                        .setSelector(Map.of("app", "web"))
                        .setPorts(List.of(ServicePort.newBuilder().setName("http").setPort(80).setTargetPort("8080")
                                .setNodePort(30080).build()))
                        .build())
                .build());
        EndpointSlice slice = EndpointSlice.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("web-abcde").setNamespace("default").build())
                .setPorts(List.of(EndpointPort.newBuilder().setName("http").setPort(8080).build()))
                .setEndpoints(IntStream.rangeClosed(1, 5).mapToObj(i -> Endpoint.newBuilder()
                        .setAddresses(List.of("10.244.1." + i))
                        .setConditions(EndpointConditions.newBuilder().setReady(i != 2).build())
                        .build()).toList())
                .build();

        String report = ServiceDescriber.describe(service, List.of(slice), EventHistory.of(List.of()), AT);

        assertThat(report).isEqualTo("""
                Name:                     web
                Namespace:                default
                Labels:                   app=web
                Annotations:              <none>
                Selector:                 app=web
                Type:                     NodePort
                IP Family Policy:         SingleStack
                IP Families:              IPv4
                IP:                       10.96.0.12
                IPs:                      10.96.0.12
                Port:                     http  80/TCP
                TargetPort:               8080/TCP
                NodePort:                 http  30080/TCP
                Endpoints:                10.244.1.1:8080,10.244.1.3:8080,10.244.1.4:8080 + 1 more...
                Session Affinity:         None
                External Traffic Policy:  Cluster
                Internal Traffic Policy:  Cluster
                Events:                   <none>
                """);
    }

    @Test
    void aServiceWithoutSlicesHasNoEndpoints() {
        Service service = ServiceDefaults.defaulted(Service.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("db").setNamespace("default").build())
                .setSpec(ServiceSpec.newBuilder().setClusterIP("None").build())
                .build());

        String report = ServiceDescriber.describe(service, List.of(), EventHistory.of(List.of()), AT);

        assertThat(report.replaceAll(" +", " ")).contains("Selector: <none>\n", "IP: None\n", "IPs: None\n")
                .doesNotContain("Port:", "Endpoints:");
    }
}

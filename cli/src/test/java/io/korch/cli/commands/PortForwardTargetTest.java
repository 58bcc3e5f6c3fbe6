package io.korch.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.cli.client.PortForwardClient.Forward;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code korch port-forward} reads its target, ports and addresses, with kubectl's rules and words. */
class PortForwardTargetTest {

    private static final JsonNode POD = json("{\"metadata\":{\"name\":\"web-1\"},\"spec\":{\"containers\":[{\"name\":"
            + "\"main\",\"ports\":[{\"name\":\"http\",\"containerPort\":8080},{\"name\":\"metrics\","
            + "\"containerPort\":9090}]}]}}");
    private static final JsonNode SERVICE = json("{\"metadata\":{\"name\":\"web\"},\"spec\":{\"ports\":["
            + "{\"name\":\"web\",\"port\":80,\"targetPort\":\"http\"},"
            + "{\"name\":\"admin\",\"port\":81,\"targetPort\":9091},"
            + "{\"name\":\"same\",\"port\":82}]}}");

    @Test
    void targetsArePodsByDefaultAndServicesAndControllersByKind() {
        assertThat(PortForwardTarget.parse("web")).isEqualTo(new PortForwardTarget.Named(false, ApiKind.POD, "web"));
        assertThat(PortForwardTarget.parse("svc/web").service()).isTrue();
        assertThat(PortForwardTarget.parse("services/web").describe()).isEqualTo("service/web");
        assertThat(PortForwardTarget.parse("deploy/web").kind()).isEqualTo(ApiKind.DEPLOYMENT);
        assertThatThrownBy(() -> PortForwardTarget.parse("cm/web")).hasMessageStartingWith("cannot attach to configmaps");
    }

    @Test
    void portsAreReadAsClientGoReadsThem() {
        assertThat(PortForwardTarget.parsePorts(List.of("5000", "8888:5000", ":5000", "0:5000"))).containsExactly(
                new Forward(5000, 5000), new Forward(8888, 5000), new Forward(0, 5000), new Forward(0, 5000));
        assertThatThrownBy(() -> PortForwardTarget.parsePorts(List.of("1:2:3"))).hasMessage("invalid port format '1:2:3'");
        assertThatThrownBy(() -> PortForwardTarget.parsePorts(List.of("x:80")))
                .hasMessage("error parsing local port 'x': strconv.ParseUint: parsing \"x\": invalid syntax");
        assertThatThrownBy(() -> PortForwardTarget.parsePorts(List.of("80:70000")))
                .hasMessage("error parsing remote port '70000': strconv.ParseUint: parsing \"70000\": value out of range");
        assertThatThrownBy(() -> PortForwardTarget.parsePorts(List.of("80:0"))).hasMessage("remote port must be > 0");
    }

    @Test
    void aContainerPortNameBecomesItsNumber() {
        assertThat(PortForwardTarget.podPorts(List.of("http", "9000:metrics", "7000:70"), POD))
                .containsExactly("8080", "9000:9090", "7000:70");
        assertThatThrownBy(() -> PortForwardTarget.podPorts(List.of("grpc"), POD))
                .hasMessage("Pod 'web-1' does not have a named port 'grpc'");
    }

    @Test
    void aServicePortBecomesTheContainerPortItTargets() {
        assertThat(PortForwardTarget.servicePorts(List.of("80", "8000:80", "81", "82", "web"), SERVICE, POD))
                .containsExactly("80:8080", "8000:8080", "81:9091", "82", "80:8080");
        assertThatThrownBy(() -> PortForwardTarget.servicePorts(List.of("83"), SERVICE, POD))
                .hasMessage("Service web does not have a service port 83");
        assertThatThrownBy(() -> PortForwardTarget.servicePorts(List.of("grpc"), SERVICE, POD))
                .hasMessage("Service 'web' does not have a named port 'grpc'");
    }

    @Test
    void aHeadlessServiceForwardsToThePortAsGiven() {
        JsonNode headless = json("{\"metadata\":{\"name\":\"db\"},\"spec\":{\"clusterIP\":\"None\",\"ports\":"
                + "[{\"port\":5432,\"targetPort\":6432}]}}");

        assertThat(PortForwardTarget.servicePorts(List.of("5432"), headless, POD)).containsExactly("5432");
    }

    @Test
    void addressesAreIpAddressesOrLocalhost() {
        assertThat(PortForwardTarget.addresses(List.of("localhost", "127.0.0.2", "::1")))
                .containsExactly("127.0.0.1", "127.0.0.2", "::1");
        assertThatThrownBy(() -> PortForwardTarget.addresses(List.of("example.com")))
                .hasMessage("example.com is not a valid IP");
    }

    private static JsonNode json(String text) {
        try {
            return ApiJson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

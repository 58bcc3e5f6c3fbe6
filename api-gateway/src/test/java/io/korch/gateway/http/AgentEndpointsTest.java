package io.korch.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.api.DaemonEndpoint;
import io.korch.api.Node;
import io.korch.api.NodeAddress;
import io.korch.api.NodeDaemonEndpoints;
import io.korch.api.NodeStatus;
import io.korch.api.ObjectMeta;
import io.korch.gateway.resource.ApiError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentEndpointsTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "127.255.255.255"})
    void loopbackAddressesMayBeDialled(String address) {
        assertThat(AgentEndpoints.isLoopback(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "128.0.0.1", "localhost", "127.0.0.256", "::1", "127.0.0.1.example.com", ""})
    void anythingElseIsRefused(String address) {
        assertThat(AgentEndpoints.isLoopback(address)).isFalse();
    }

    @Test
    void theEndpointIsTheInternalIpAndTheRegisteredPort() {
        assertThat(AgentEndpoints.of(node("127.0.0.1", 10250))).isEqualTo(new AgentEndpoints.Endpoint("127.0.0.1", 10250));
    }

    @Test
    void aNodeRegisteredOnAnotherAddressIsABadGateway() {
        assertThatThrownBy(() -> AgentEndpoints.of(node("192.168.1.7", 10250)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(502))
                .hasMessageContaining("192.168.1.7").hasMessageContaining("127.0.0.0/8");
    }

    @Test
    void aNodeWithoutEndpointIsUnavailable() {
        assertThatThrownBy(() -> AgentEndpoints.of(node("127.0.0.1", null)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(503))
                .hasMessageContaining("registered no agent endpoint");
    }

    private static Node node(String address, Integer port) {
        NodeStatus.Builder status = NodeStatus.newBuilder()
                .setAddresses(List.of(NodeAddress.newBuilder().setType("InternalIP").setAddress(address).build()));
        if (port != null) {
            status.setDaemonEndpoints(NodeDaemonEndpoints.newBuilder()
                    .setKubeletEndpoint(DaemonEndpoint.newBuilder().setPort(port).build()).build());
        }
        return Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("node-1").build())
                .setStatus(status.build()).build();
    }
}

package io.korch.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiClientTest {

    @Test
    void readsReasonAndMessageFromAStatusBody() {
        // given
        String status = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"message\":\"Deployment.apps \\\"web\\\" is invalid: spec.replicas: must be >= 0\","
                + "\"reason\":\"Invalid\",\"code\":422}";

        // when
        ApiException error = ApiClient.error(422, status);

        // then
        assertThat(error.code()).isEqualTo(422);
        assertThat(error.toDisplayString())
                .isEqualTo("Error from server (Invalid): Deployment.apps \"web\" is invalid: spec.replicas: must be >= 0");
    }

    @Test
    void derivesTheReasonFromTheCodeWhenTheBodyIsNotAStatus() {
        // when
        ApiException error = ApiClient.error(503, "upstream unavailable");

        // then
        assertThat(error.toDisplayString()).isEqualTo("Error from server (ServiceUnavailable): upstream unavailable");
        assertThat(ApiClient.error(404, "").isNotFound()).isTrue();
    }

    @Test
    void saysTheApiCannotBeReachedWhenNothingListens() throws IOException {
        // given: a loopback port that was free a moment ago
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ApiClient client = new ApiClient("http://127.0.0.1:" + port);

        // when / then
        assertThatThrownBy(() -> client.get("/api/v1/nodes"))
                .isInstanceOf(ApiUnreachableException.class)
                .hasMessage("cannot reach the korch API at http://127.0.0.1:" + port
                        + ": connection refused (is \"korch dev\" running?)");
    }

    @Test
    void refusesAServerThatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> new ApiClient("127.0.0.1:8080"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected http://HOST:PORT");
    }

    @Test
    void encodesQueryParameters() {
        // given
        Map<String, String> params = new LinkedHashMap<>();
        params.put("labelSelector", "app in (web,db)");
        params.put("skipped", null);

        // when
        String path = ApiClient.withQuery("/api/v1/namespaces/default/pods", params);

        // then
        assertThat(path).isEqualTo("/api/v1/namespaces/default/pods?labelSelector=app%20in%20%28web%2Cdb%29");
    }
}

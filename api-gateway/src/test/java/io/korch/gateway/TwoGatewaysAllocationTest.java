package io.korch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.gateway.allocation.ServiceRanges;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.topics.TopicAdmin;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways allocate from one small Service network and node port range at once: every
 * Service gets its own cluster IP and node port, whichever gateway took it, until the range is
 * full, which is answered as Kubernetes answers it.
 */
class TwoGatewaysAllocationTest {

    private static final String SERVICES = "/api/v1/namespaces/default/services";
    /** Six addresses: 10.96.5.1 to 10.96.5.6. */
    private static final ServiceRanges SMALL = ServiceRanges.parse("10.96.5.0/29", "30000-30005");

    @TempDir
    static Path stateDirs;

    private static EmbeddedKafkaBroker kafka;
    private static GatewayApp first;
    private static GatewayApp second;
    private static Vertx vertx;
    private static Api one;
    private static Api other;

    @BeforeAll
    static void startTwoGateways() {
        kafka = EmbeddedKafkaBroker.builder().build().start();
        TopicAdmin.createTopics(kafka.bootstrapServers(), 3, (short) 1);
        first = GatewayApp.start(new GatewayConfig(kafka.bootstrapServers(), "127.0.0.1", 0, stateDirs.resolve("one"),
                SMALL));
        second = GatewayApp.start(new GatewayConfig(kafka.bootstrapServers(), "127.0.0.1", 0,
                stateDirs.resolve("other"), SMALL));
        vertx = Vertx.vertx();
        WebClient client = WebClient.create(vertx);
        one = new Api(client, first.url());
        other = new Api(client, second.url());
    }

    @AfterAll
    static void stop() {
        vertx.close();
        second.close();
        first.close();
        kafka.close();
    }

    @Test
    void servicesCreatedThroughBothGatewaysAtOnceGetDistinctAddressesAndNodePortsUntilTheRangeIsFull() {
        List<CompletableFuture<Response>> creates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Api gateway = i % 2 == 0 ? one : other;
            String name = "svc-" + i;
            creates.add(CompletableFuture.supplyAsync(() -> create(gateway, name)));
        }
        List<Response> created = creates.stream().map(CompletableFuture::join).toList();

        assertThat(created).allSatisfy(response -> assertThat(response.code()).as(response.body()).isEqualTo(201));
        assertThat(created).extracting(response -> response.at("/spec/clusterIP"))
                .containsExactlyInAnyOrder("10.96.5.1", "10.96.5.2", "10.96.5.3", "10.96.5.4", "10.96.5.5", "10.96.5.6");
        assertThat(created).extracting(response -> response.json().at("/spec/ports/0/nodePort").asInt())
                .containsExactlyInAnyOrder(30000, 30001, 30002, 30003, 30004, 30005);

        Response full = create(other, "one-too-many");

        assertThat(full.code()).isEqualTo(500);
        assertThat(full.at("/reason")).isEqualTo("InternalError");
        assertThat(full.at("/message")).isEqualTo("Internal error occurred: failed to allocate a serviceIP: range is full");
    }

    private static Response create(Api gateway, String name) {
        return gateway.send(HttpMethod.POST, SERVICES, Api.JSON, Api.JSON, """
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "%s"},
                 "spec": {"type": "NodePort", "selector": {"app": "%s"}, "ports": [{"port": 80}]}}""".formatted(name, name));
    }
}

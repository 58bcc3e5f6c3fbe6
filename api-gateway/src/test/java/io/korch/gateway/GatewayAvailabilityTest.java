package io.korch.gateway;

import static io.korch.gateway.testing.Api.DEPLOYMENTS;
import static io.korch.gateway.testing.Api.PODS;
import static io.korch.gateway.testing.Fixtures.deployment;
import static io.korch.gateway.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.topics.TopicAdmin;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway through the life of its Kafka cluster, in order: refused start without topics, a
 * restart that rebuilds the view from the topics alone, the broker going away (writes answer 503
 * promptly, reads go on) and coming back (writes succeed again).
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayAvailabilityTest {

    @TempDir
    static Path kafkaData;

    private static EmbeddedKafkaBroker kafka;
    private static int kafkaPort;
    private static GatewayApp gateway;
    private static WebClient client;

    @BeforeAll
    static void startBroker(Vertx vertx) {
        kafka = EmbeddedKafkaBroker.builder().dataDir(kafkaData).build().start();
        kafkaPort = Integer.parseInt(kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1));
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void stopAll() {
        client.close();
        if (gateway != null) {
            gateway.close();
        }
        kafka.close();
    }

    private static GatewayApp startGateway() {
        return GatewayApp.start(new GatewayConfig(kafka.bootstrapServers(), "127.0.0.1", 0));
    }

    private static Api api() {
        return new Api(client, gateway.url());
    }

    @Test
    @Order(1)
    void startFailsWithAClearMessageWhenTheTopicsAreMissing() {
        assertThatThrownBy(GatewayAvailabilityTest::startGateway)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lacks the korch topics")
                .hasMessageContaining("korch.deployments");
    }

    @Test
    @Order(2)
    void aRestartedGatewayRebuildsItsViewFromTheTopics() {
        TopicAdmin.createTopics(kafka.bootstrapServers(), 1, (short) 1);
        gateway = startGateway();
        Response created = api().post(DEPLOYMENTS, deployment("web").build());
        gateway.close();

        gateway = startGateway();
        Response read = api().get(DEPLOYMENTS + "/web");

        assertThat(read.code()).isEqualTo(200);
        assertThat(read.at("/metadata/uid")).isEqualTo(created.at("/metadata/uid"));
        assertThat(read.at("/metadata/resourceVersion")).isEqualTo(created.at("/metadata/resourceVersion"));
        assertThat(api().get("/api/v1/namespaces").json().get("items")).hasSize(1);
    }

    @Test
    @Order(3)
    void startFailsWithAClearMessageWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            GatewayConfig config = new GatewayConfig(kafka.bootstrapServers(), "127.0.0.1", taken.getLocalPort());

            assertThatThrownBy(() -> GatewayApp.start(config))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    @Order(4)
    void writesAnswerServiceUnavailablePromptlyWhenTheBrokerIsGoneAndReadsGoOn() {
        kafka.close();

        long start = System.nanoTime();
        Response write = api().post(PODS, pod("while-down").build());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(write.code()).as(write.body()).isEqualTo(503);
        assertThat(write.at("/reason")).isEqualTo("ServiceUnavailable");
        assertThat(write.at("/message")).contains("Kafka did not acknowledge the write");
        assertThat(took).isLessThan(Duration.ofSeconds(15));
        assertThat(api().get(DEPLOYMENTS + "/web").code()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void writesSucceedAgainOnceTheBrokerIsBack() {
        kafka = EmbeddedKafkaBroker.builder().dataDir(kafkaData).port(kafkaPort).build().start();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api().post(PODS, pod("after-outage").build()).code(), code -> code == 201 || code == 409);

        assertThat(api().get(PODS + "/after-outage").code()).isEqualTo(200);
        assertThat(api().get(PODS + "/while-down").code()).isEqualTo(404);
    }
}

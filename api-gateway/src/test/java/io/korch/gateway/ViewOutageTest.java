package io.korch.gateway;

import static io.korch.gateway.testing.Api.PODS;
import static io.korch.gateway.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.api.Node;
import io.korch.api.ObjectMeta;
import io.korch.gateway.kafka.KafkaSettings;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.testing.Cluster;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.model.Events;
import io.korch.topics.Keys;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway while its view stops following Kafka. A fault injected into the view's consumer
 * makes every API route answer 503 — reads and writes alike, so nothing is served from or checked
 * against a stale view — while {@code /healthz} stays up and {@code /readyz} says why. Once the
 * fault clears, the feed restarts, reads what was published meanwhile (and nothing twice) and the
 * API answers again.
 */
class ViewOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FAULT = "injected fault: the broker refused the fetch";
    private static final AtomicBoolean failing = new AtomicBoolean();

    private static EmbeddedKafkaBroker kafka;
    private static GatewayApp gateway;
    private static Vertx vertx;
    private static WebClient client;
    private static Api api;

    /** The view's consumer, failing every poll while {@link #failing} is set. */
    private static final class FaultyConsumer extends KafkaConsumer<byte[], byte[]> {

        FaultyConsumer(String bootstrapServers) {
            super(KafkaSettings.viewConsumer(bootstrapServers));
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            if (failing.get()) {
                throw new KafkaException(FAULT);
            }
            return super.poll(timeout);
        }
    }

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafkaBroker.builder().build().start();
        TopicAdmin.createTopics(kafka.bootstrapServers(), 1, (short) 1);
        String bootstrap = kafka.bootstrapServers();
        gateway = GatewayApp.start(new GatewayConfig(bootstrap, "127.0.0.1", 0), () -> new FaultyConsumer(bootstrap));
        vertx = Vertx.vertx();
        client = WebClient.create(vertx);
        api = new Api(client, gateway.url());
    }

    @AfterAll
    static void stop() throws Exception {
        failing.set(false);
        client.close();
        gateway.close();
        kafka.close();
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> raw(HttpMethod method, String path) throws Exception {
        return client.requestAbs(method, gateway.url() + path).send().await(30, TimeUnit.SECONDS);
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.code()).as(response.body()).isEqualTo(503);
        assertThat(response.at("/kind")).isEqualTo("Status");
        assertThat(response.at("/reason")).isEqualTo("ServiceUnavailable");
        assertThat(response.at("/message")).contains("the gateway's view of the cluster").contains(FAULT);
    }

    @Test
    void everyApiRouteAnswersServiceUnavailableWhileTheViewIsDownAndAnswersAgainOnceItRecovered() throws Exception {
        // given a pod and an event the view has read
        assertThat(api.post(PODS, pod("before").build()).code()).isEqualTo(201);
        Cluster.publish(kafka.bootstrapServers(), Topics.EVENTS, Keys.of("default", "before"),
                Events.of(Events.ref("Pod", "default", "before", "u1"), Events.NORMAL, "Scheduled",
                        "Successfully assigned default/before to node-1", "scheduler", null, Instant.now()));
        await().atMost(WAIT).until(() -> api.get("/api/v1/events").json().get("items").size() == 1);

        // when the view's consumer fails
        failing.set(true);
        await().atMost(WAIT).until(() -> api.get("/readyz").code() == 503);

        // then every API route but the health checks answers 503, saying why
        assertUnavailable(api.get("/readyz"));
        assertThat(api.get("/healthz").code()).isEqualTo(200);
        assertUnavailable(api.get(PODS + "/before"));
        assertUnavailable(api.get(PODS));
        assertUnavailable(api.get("/api/v1/nodes"));
        assertUnavailable(api.get("/apis"));
        assertUnavailable(api.post(PODS, pod("during").build()));
        assertUnavailable(api.delete(PODS + "/before"));
        assertThat(raw(HttpMethod.GET, PODS).getHeader("Retry-After")).isEqualTo("1");

        // and once the fault clears, the feed restarts and catches up with what was published meanwhile
        Cluster.publish(kafka.bootstrapServers(), Topics.NODES, "node-x",
                Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("node-x").build()).build());
        failing.set(false);
        await().atMost(WAIT).until(() -> api.get("/readyz").code() == 200);

        await().atMost(WAIT).until(() -> api.get("/api/v1/nodes/node-x").code() == 200);
        assertThat(api.get(PODS + "/before").code()).isEqualTo(200);
        assertThat(api.get(PODS + "/during").code()).isEqualTo(404);
        assertThat(api.get("/api/v1/events").json().get("items")).as("no record is applied twice").hasSize(1);
        assertThat(api.post(PODS, pod("after").build()).code()).isEqualTo(201);
        assertThat(raw(HttpMethod.GET, PODS).getHeader("Retry-After")).isNull();
    }
}

package io.korch.gateway;

import static io.korch.gateway.testing.Api.PODS;
import static io.korch.gateway.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.Pod;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.testing.WatchStream;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.topics.TopicAdmin;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways serve one cluster at once: every write is decided by the change log, so conflicts
 * are caught whichever gateway each client uses, and resourceVersions are the same on both.
 */
class TwoGatewaysTest {

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
        first = GatewayApp.start(new GatewayConfig(kafka.bootstrapServers(), "127.0.0.1", 0, stateDirs.resolve("one")));
        second = GatewayApp.start(new GatewayConfig(kafka.bootstrapServers(), "127.0.0.1", 0, stateDirs.resolve("other")));
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
    void ofRacingCreatesOfOneNameThroughBothGatewaysExactlyOneSucceeds() {
        for (int round = 0; round < 5; round++) {
            Pod candidate = pod("race-" + round).build();
            CompletableFuture<Response> viaOne = CompletableFuture.supplyAsync(() -> one.post(PODS, candidate));
            CompletableFuture<Response> viaOther = CompletableFuture.supplyAsync(() -> other.post(PODS, candidate));

            List<Integer> codes = List.of(viaOne.join().code(), viaOther.join().code());

            assertThat(codes).as("round %d", round).containsExactlyInAnyOrder(201, 409);
        }
    }

    @Test
    void aReplaceCarryingAStaleResourceVersionIsRefusedThroughEitherGateway() {
        Response created = one.post(PODS, pod("stale").label("v", "1").build());
        String version = created.at("/metadata/resourceVersion");

        Response replacedViaOther = other.put(PODS + "/stale", withVersion(pod("stale").label("v", "2").build(), version));
        Response staleViaOne = one.put(PODS + "/stale", withVersion(pod("stale").label("v", "3").build(), version));
        Response staleViaOther = other.put(PODS + "/stale", withVersion(pod("stale").label("v", "4").build(), version));

        assertThat(replacedViaOther.code()).isEqualTo(200);
        assertThat(staleViaOne.code()).isEqualTo(409);
        assertThat(staleViaOne.at("/reason")).isEqualTo("Conflict");
        assertThat(staleViaOther.code()).isEqualTo(409);
        assertThat(one.get(PODS + "/stale").at("/metadata/labels/v")).isEqualTo("2");
    }

    @Test
    void anObjectHasOneResourceVersionOnBothGatewaysAndItGrowsWithEveryChange() {
        Response created = one.post(PODS, pod("same").build());
        Response replaced = other.put(PODS + "/same", pod("same").label("changed", "yes").build());

        long createdAt = Long.parseLong(created.at("/metadata/resourceVersion"));
        long replacedAt = Long.parseLong(replaced.at("/metadata/resourceVersion"));
        assertThat(replacedAt).isGreaterThan(createdAt);
        assertThat(one.get(PODS + "/same").at("/metadata/resourceVersion")).isEqualTo(String.valueOf(replacedAt));
        assertThat(other.get(PODS + "/same").at("/metadata/resourceVersion")).isEqualTo(String.valueOf(replacedAt));
    }

    @Test
    void concurrentUnconditionalUpdatesThroughBothGatewaysAreAllApplied() {
        one.post(PODS, pod("counted").build());
        List<CompletableFuture<Response>> updates = IntStream.range(0, 10)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> (i % 2 == 0 ? one : other)
                        .put(PODS + "/counted", pod("counted").label("writer-" + i, "done").build())))
                .toList();

        assertThat(updates).allSatisfy(update -> assertThat(update.join().code()).isEqualTo(200));
        assertThat(one.get(PODS + "/counted").json().at("/metadata/labels").size()).isEqualTo(1);
    }

    @Test
    void aWatchOnOneGatewaySeesTheWritesMadeThroughTheOtherInOrder() {
        String version = one.get(PODS).at("/metadata/resourceVersion");
        try (WatchStream watch = WatchStream.open(second.url(), PODS + "?watch=true&resourceVersion=" + version)) {
            one.post(PODS, pod("seen").build());
            one.put(PODS + "/seen", pod("seen").label("round", "2").build());
            one.delete(PODS + "/seen");

            List<JsonNode> events = watch.nextChanges(3, Duration.ofSeconds(20));

            assertThat(events).extracting(e -> e.path("type").asText() + " " + e.at("/object/metadata/name").asText())
                    .containsExactly("ADDED seen", "MODIFIED seen", "DELETED seen");
        }
    }

    @Test
    void aResourceVersionThatIsNotOneOfOursIsABadRequest() {
        one.post(PODS, pod("odd").build());

        Response response = other.put(PODS + "/odd", withVersion(pod("odd").build(), "not-a-number"));

        assertThat(response.code()).isEqualTo(400);
        assertThat(response.at("/message")).contains("not-a-number");
    }

    private static Pod withVersion(Pod pod, String resourceVersion) {
        pod.getMetadata().setResourceVersion(resourceVersion);
        return pod;
    }
}

package io.korch.gateway;

import static io.korch.gateway.testing.Api.PODS;
import static io.korch.gateway.testing.Fixtures.namespace;
import static io.korch.gateway.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Cluster;
import io.korch.gateway.testing.WatchStream;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.model.EventReasons;
import io.korch.model.Events;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topics;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watches over real HTTP against a real broker: order, resume, bookmarks, expiry and bad requests. */
class WatchTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path stateDirs;

    private static EmbeddedKafkaBroker kafka;
    private static GatewayApp gateway;
    private static Vertx vertx;
    private static WebClient client;
    private static int starts;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafkaBroker.builder().build().start();
        TopicAdmin.createTopics(kafka.bootstrapServers(), 3, (short) 1);
        gateway = startGateway();
        vertx = Vertx.vertx();
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() {
        vertx.close();
        gateway.close();
        kafka.close();
    }

    private static GatewayApp startGateway() {
        starts++;
        return GatewayApp.start(new GatewayConfig(kafka.bootstrapServers(), "127.0.0.1", 0,
                stateDirs.resolve("gateway-" + starts)));
    }

    private static Api api() {
        return new Api(client, gateway.url());
    }

    private static WatchStream watch(String path) {
        return WatchStream.open(gateway.url(), path);
    }

    private static String listVersion(String path) {
        return api().get(path).at("/metadata/resourceVersion");
    }

    /** {@code TYPE name} of each event: what a client acts on. */
    private static List<String> summary(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText() + " " + e.at("/object/metadata/name").asText()).toList();
    }

    @Test
    void aWatchFromAListsVersionDeliversEveryLaterChangeOfItsSelectionInOrder() {
        api().post(PODS, pod("w1").label("app", "w").build());
        String version = listVersion(PODS);
        try (WatchStream watch = watch(PODS + "?watch=true&labelSelector=app%3Dw&resourceVersion=" + version)) {
            api().put(PODS + "/w1", pod("w1").label("app", "w").label("v", "2").build());
            api().post(PODS, pod("w2").label("app", "w").build());
            api().post(PODS, pod("other").label("app", "x").build());
            api().delete(PODS + "/w1");

            List<JsonNode> events = watch.nextChanges(3, WAIT);

            assertThat(watch.status()).isEqualTo(200);
            assertThat(summary(events)).containsExactly("MODIFIED w1", "ADDED w2", "DELETED w1");
            assertThat(events.get(0).at("/object/metadata/labels/v").asText()).isEqualTo("2");
            assertThat(events).extracting(e -> Long.parseLong(e.at("/object/metadata/resourceVersion").asText()))
                    .isSorted().allMatch(revision -> revision > Long.parseLong(version));
        }
    }

    @Test
    void aWatchWithoutAVersionStartsWithTheObjectsThatExistThenFollows() {
        api().post("/api/v1/namespaces", namespace("existing"));
        api().post("/api/v1/namespaces/existing/pods", pod("b").namespace("existing").build());
        api().post("/api/v1/namespaces/existing/pods", pod("a").namespace("existing").build());
        try (WatchStream watch = watch("/api/v1/namespaces/existing/pods?watch=true")) {
            assertThat(summary(watch.nextChanges(2, WAIT))).containsExactly("ADDED a", "ADDED b");

            api().post("/api/v1/namespaces/existing/pods", pod("c").namespace("existing").build());

            assertThat(summary(watch.nextChanges(1, WAIT))).containsExactly("ADDED c");
        }
    }

    @Test
    void bookmarksArriveWhenAskedForAndCarryAVersionToResumeFrom() {
        String version = listVersion(PODS);
        try (WatchStream watch = watch(PODS + "?watch=true&allowWatchBookmarks=true&resourceVersion=" + version)) {
            JsonNode event = watch.next(WAIT);

            assertThat(event.path("type").asText()).isEqualTo("BOOKMARK");
            assertThat(event.at("/object/kind").asText()).isEqualTo("Pod");
            assertThat(Long.parseLong(event.at("/object/metadata/resourceVersion").asText()))
                    .isGreaterThanOrEqualTo(Long.parseLong(version));
        }
    }

    @Test
    void timeoutSecondsEndsTheWatch() throws Exception {
        try (WatchStream watch = watch(PODS + "?watch=true&timeoutSeconds=1")) {
            assertThat(watch.ends(WAIT)).isTrue();
        }
    }

    @Test
    void aWatchResumedAfterAGatewayRestartGetsExactlyTheChangesItMissedThenFollows() throws Exception {
        api().post("/api/v1/namespaces", namespace("resume"));
        String version = listVersion("/api/v1/namespaces/resume/pods");
        String path = "/api/v1/namespaces/resume/pods?watch=true&resourceVersion=" + version;
        List<JsonNode> seenLive;
        try (WatchStream live = watch(path)) {
            api().post("/api/v1/namespaces/resume/pods", pod("r1").namespace("resume").build());
            api().post("/api/v1/namespaces/resume/pods", pod("r2").namespace("resume").build());
            api().put("/api/v1/namespaces/resume/pods/r1", pod("r1").namespace("resume").label("step", "3").build());
            api().delete("/api/v1/namespaces/resume/pods/r2");
            api().put("/api/v1/namespaces/resume/pods/r1", pod("r1").namespace("resume").label("step", "5").build());
            seenLive = live.nextChanges(5, WAIT);
        }

        gateway.close();
        gateway = startGateway();

        try (WatchStream resumed = watch(path)) {
            List<JsonNode> replayed = resumed.nextChanges(5, WAIT);
            assertThat(replayed).isEqualTo(seenLive);

            api().post("/api/v1/namespaces/resume/pods", pod("r3").namespace("resume").build());
            assertThat(summary(resumed.nextChanges(1, WAIT))).containsExactly("ADDED r3");
        }
        assertThat(summary(seenLive)).containsExactly("ADDED r1", "ADDED r2", "MODIFIED r1", "DELETED r2", "MODIFIED r1");
    }

    @Test
    void aVersionOlderThanWhatTheChangeLogStillHoldsIsExpired() throws Exception {
        api().post("/api/v1/namespaces", namespace("expiry"));
        String version = listVersion(PODS);
        api().post("/api/v1/namespaces/expiry/pods", pod("e1").namespace("expiry").build());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicPartition changes = new TopicPartition(Topics.CHANGES.name(), 0);
            long end = admin.listOffsets(Map.of(changes, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                    .all().get(10, TimeUnit.SECONDS).get(changes).offset();
            admin.deleteRecords(Map.of(changes, RecordsToDelete.beforeOffset(end - 1))).all().get(10, TimeUnit.SECONDS);
        }
        gateway.close();
        gateway = startGateway();

        try (WatchStream watch = watch(PODS + "?watch=true&resourceVersion=" + version)) {
            JsonNode event = watch.next(WAIT);

            assertThat(event.path("type").asText()).isEqualTo("ERROR");
            assertThat(event.at("/object/code").asInt()).isEqualTo(410);
            assertThat(event.at("/object/reason").asText()).isEqualTo("Expired");
            assertThat(watch.ends(WAIT)).isTrue();
        }
    }

    @Test
    void aWatchOfEventsFromAListsVersionGetsEachNewEventAndEachRepeatAndResumesTheSameAfterARestart() throws Exception {
        api().post("/api/v1/namespaces", namespace("noisy"));
        String version = listVersion("/api/v1/namespaces/noisy/events");
        String path = "/api/v1/namespaces/noisy/events?watch=true&fieldSelector=involvedObject.name%3Dnoisy"
                + "&resourceVersion=" + version;
        List<JsonNode> seenLive;
        try (WatchStream live = watch(path)) {
            occurrence(EventReasons.BACK_OFF, "Back-off restarting failed container");
            occurrence(EventReasons.BACK_OFF, "Back-off restarting failed container");
            occurrence(EventReasons.STARTED, "Started container main");
            occurrence(EventReasons.BACK_OFF, "Back-off restarting failed container");
            seenLive = live.nextChanges(4, WAIT);
        }

        gateway.close();
        gateway = startGateway();

        try (WatchStream resumed = watch(path)) {
            assertThat(resumed.nextChanges(4, WAIT)).isEqualTo(seenLive);
        }
        assertThat(seenLive).extracting(e -> e.path("type").asText() + " " + e.at("/object/reason").asText() + " x"
                + e.at("/object/count").asInt())
                .containsExactly("ADDED BackOff x1", "MODIFIED BackOff x2", "ADDED Started x1", "MODIFIED BackOff x3");
        List<Long> versions = seenLive.stream()
                .map(e -> Long.parseLong(e.at("/object/metadata/resourceVersion").asText())).toList();
        assertThat(versions).isSorted().doesNotHaveDuplicates().allMatch(v -> v > Long.parseLong(version));
        JsonNode listed = api().get("/api/v1/namespaces/noisy/events?fieldSelector=reason%3DBackOff,"
                + "involvedObject.name%3Dnoisy").json().at("/items/0");
        assertThat(listed.at("/metadata/resourceVersion").asText()).isEqualTo(versions.get(3).toString());
    }

    /** Writes an occurrence of an event about pod noisy/noisy, as the agent on node-1 does. */
    private static void occurrence(String reason, String message) {
        Cluster.publish(kafka.bootstrapServers(), Topics.EVENTS, "noisy/noisy",
                Events.of(Events.ref("Pod", "noisy", "noisy", "u-noisy"), Events.WARNING, reason, message,
                        "agent", "node-1", Instant.now()));
    }

    @Test
    void badWatchesAreRefusedWithTheReason() {
        assertThat(api().get("/api/v1/widgets?watch=true").code()).isEqualTo(404);
        Api.Response badSelector = api().get(PODS + "?watch=true&labelSelector=app%3D%3D%3D");
        assertThat(badSelector.code()).isEqualTo(400);
        Api.Response badField = api().get(PODS + "?watch=true&fieldSelector=spec.color%3Dred");
        assertThat(badField.code()).isEqualTo(400);
        assertThat(badField.at("/message")).contains("spec.color");
        Api.Response notOurs = api().get(PODS + "?watch=true&resourceVersion=yesterday");
        assertThat(notOurs.code()).isEqualTo(400);
        assertThat(notOurs.at("/message")).contains("yesterday");
        assertThat(api().get(PODS + "?watch=true&timeoutSeconds=soon").code()).isEqualTo(400);
    }
}

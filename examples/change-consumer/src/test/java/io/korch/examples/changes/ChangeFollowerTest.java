package io.korch.examples.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.api.Event;
import io.korch.gateway.GatewayApp;
import io.korch.gateway.GatewayConfig;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.model.Events;
import io.korch.topics.KorchPartitioner;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example against a real cluster: a broker, the korch topics and a gateway (which runs the
 * change log). Objects are made through the REST API as any client would, and the follower, a
 * consumer group of its own, prints them; stopped and started again it goes on where it stopped.
 */
class ChangeFollowerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GROUP = "audit";
    private static final String SHOP_PODS = "/api/v1/namespaces/shop/pods";
    private static final Pattern RESOURCE_VERSION = Pattern.compile("\"resourceVersion\"\\s*:\\s*\"(\\d+)\"");

    @TempDir
    static Path stateDir;

    private static EmbeddedKafkaBroker kafka;
    private static GatewayApp gateway;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startCluster() {
        kafka = EmbeddedKafkaBroker.builder().build().start();
        TopicAdmin.createTopics(kafka.bootstrapServers(), 3, (short) 1);
        gateway = GatewayApp.start(new GatewayConfig(kafka.bootstrapServers(), "127.0.0.1", 0, stateDir));
    }

    @AfterAll
    static void stopCluster() {
        if (gateway != null) {
            gateway.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void printsEachChangeAndEventOnceAndResumesAfterARestartWhereItStopped() {
        // given a follower, and objects made through the API
        Following first = Following.start(kafka.bootstrapServers(), GROUP);
        call("POST", "/api/v1/namespaces", """
                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}""", 201);
        String created = resourceVersionOf(call("POST", SHOP_PODS, pod("v1"), 201));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(Events.of(Events.ref("Pod", "shop", "web", null), Events.NORMAL, "Audited", "seen by the test",
                "test", null, now));

        // then it prints them, the pod under the revision the API gave as its resourceVersion, and the
        // event twice: as its occurrence, and as the change of kind Event the change log made of it
        await().atMost(WAIT).untilAsserted(() -> assertThat(first.lines())
                .anyMatch(line -> line.matches("\\d+ \\S+ gateway/\\S+ Namespace shop ADDED \\(korch\\.namespaces\\)"))
                .anyMatch(line -> line.matches(created + " \\S+ gateway/\\S+ Pod shop/web ADDED \\(korch\\.pods\\)"))
                .contains("EVENT " + now + " Normal Audited Pod/shop/web seen by the test")
                .anyMatch(line -> line.matches("\\d+ \\S+ test Event shop/web\\.\\S+ ADDED \\(korch\\.events\\)")));
        first.stop();

        // when the pod changes while no follower runs, and a follower of the same group starts again
        String modified = resourceVersionOf(call("PUT", SHOP_PODS + "/web", pod("v2"), 200));
        call("DELETE", SHOP_PODS + "/web", null, 200);
        Following second = Following.start(kafka.bootstrapServers(), GROUP);

        // then it prints exactly what happened meanwhile
        await().atMost(WAIT).untilAsserted(() -> assertThat(second.lines()).anyMatch(line -> line.contains(" DELETED ")));
        second.stop();
        assertThat(second.lines()).hasSize(2);
        assertThat(second.lines().get(0)).matches(modified + " \\S+ gateway/\\S+ Pod shop/web MODIFIED \\(korch\\.pods\\)");
        assertThat(second.lines().get(1)).matches("\\d+ \\S+ gateway/\\S+ Pod shop/web DELETED \\(korch\\.pods\\)");
    }

    /** A follower running on a thread of its own, its lines collected. */
    private record Following(ChangeFollower follower, Thread thread, List<String> lines) {

        static Following start(String bootstrapServers, String group) {
            List<String> lines = new CopyOnWriteArrayList<>();
            ChangeFollower follower = new ChangeFollower(bootstrapServers, group, lines::add);
            Thread thread = new Thread(follower, "change-follower-" + group);
            thread.start();
            return new Following(follower, thread, lines);
        }

        /** Stops the follower and waits until it committed and closed its consumers. */
        void stop() {
            follower.stop();
            try {
                thread.join(WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while stopping the follower", e);
            }
            assertThat(thread.isAlive()).as("the follower stopped").isFalse();
        }
    }

    private static String pod(String version) {
        return """
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "web", "labels": {"version": "%s"}},
                 "spec": {"containers": [{"name": "main", "image": "korch/busybox:latest"}]}}""".formatted(version);
    }

    /** Calls the API with a JSON body (or none) and checks the status code; returns the body. */
    private static String call(String method, String path, String json, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
            return response.body();
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String resourceVersionOf(String body) {
        Matcher matcher = RESOURCE_VERSION.matcher(body);
        assertThat(matcher.find()).as("a resourceVersion in %s", body).isTrue();
        return matcher.group(1);
    }

    /** Publishes an event as a korch component does: the topic's serde and partitioner. */
    private static void publish(Event event) {
        Map<String, Object> props = KorchPartitioner.use(new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all")));
        try (KafkaProducer<String, Event> producer = new KafkaProducer<>(props,
                Topics.EVENTS.keySerde().serializer(), Topics.EVENTS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.EVENTS.name(), Events.key(event), event)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while publishing the event", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot publish the event", e);
        }
    }
}

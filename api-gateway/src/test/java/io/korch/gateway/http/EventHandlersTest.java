package io.korch.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.Event;
import io.korch.gateway.resource.Admission;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.view.ClusterView;
import io.korch.gateway.watch.WatchHub;
import io.korch.model.EventReasons;
import io.korch.testkit.ClusterEvents;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The event list routes of the real API verticle, over HTTP, on a view fed by hand: the events of
 * pod web-1 (a back-off seen three times and a start) and of node node-1 in namespace {@code default}, one of
 * pod db-1 in namespace {@code shop}.
 */
@ExtendWith(VertxExtension.class)
class EventHandlersTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final ClusterView view = new ClusterView();
    private Api api;

    @BeforeEach
    void deploy(Vertx vertx) throws Exception {
        // event lists only read the view: no writer to Kafka
        ApiVerticle verticle = new ApiVerticle("127.0.0.1", 0, view, null, null, Admission.system(), Optional::empty,
                new WatchHub(10), () -> {
                    throw new IllegalStateException("event lists read no change log");
                });
        vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
        api = new Api(WebClient.create(vertx), "http://127.0.0.1:" + verticle.actualPort());
        show(ClusterEvents.about("Pod", "web-1").warning(EventReasons.BACK_OFF)
                .message("Back-off restarting failed container").seen(3, T0, T0.plusSeconds(20)).build());
        show(ClusterEvents.about("Pod", "web-1").at(T0.plusSeconds(25)).build());
        show(ClusterEvents.about("Node", "node-1").namespace(null).uid(null).normal(EventReasons.NODE_READY)
                .from("node-controller", "node-1").at(T0.plusSeconds(1)).build());
        show(ClusterEvents.about("Pod", "db-1").namespace("shop").at(T0.plusSeconds(2)).build());
    }

    /** Puts {@code event} in the view, as the change log records it: under its namespace and name, at the next revision. */
    private void show(Event event) {
        String key = Keys.of(event.getMetadata().getNamespace(), event.getMetadata().getName());
        view.apply(Topics.EVENTS, key, event, view.position() + 1);
    }

    @Test
    void listsTheEventsOfANamespaceAggregatedOldestFirst() {
        Response events = api.get("/api/v1/namespaces/default/events");

        assertThat(events.code()).isEqualTo(200);
        assertThat(events.at("/kind")).isEqualTo("EventList");
        assertThat(summary(events)).containsExactly("Node/node-1 NodeReady x1", "Pod/web-1 BackOff x3",
                "Pod/web-1 Started x1");
        assertThat(events.json().at("/items/1/firstTimestamp").asText()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(events.json().at("/items/1/lastTimestamp").asText()).isEqualTo("2025-01-01T00:00:20Z");
    }

    @Test
    void listsTheEventsOfEveryNamespace() {
        assertThat(summary(api.get("/api/v1/events"))).containsExactly("Node/node-1 NodeReady x1",
                "Pod/db-1 Started x1", "Pod/web-1 BackOff x3", "Pod/web-1 Started x1");
    }

    @Test
    void selectsEventsByInvolvedObjectReasonAndType() {
        assertThat(summary(api.get("/api/v1/namespaces/default/events?fieldSelector="
                + "involvedObject.kind%3DPod,involvedObject.name%3Dweb-1,type%3DWarning")))
                .containsExactly("Pod/web-1 BackOff x3");
        assertThat(summary(api.get("/api/v1/events?fieldSelector=reason%3DStarted,involvedObject.namespace%3Dshop")))
                .containsExactly("Pod/db-1 Started x1");
        assertThat(summary(api.get("/api/v1/events?fieldSelector=involvedObject.uid%3Dweb-1-uid,reason!%3DBackOff")))
                .containsExactly("Pod/web-1 Started x1");
        assertThat(summary(api.get("/api/v1/events?fieldSelector=involvedObject.namespace%3D")))
                .containsExactly("Node/node-1 NodeReady x1");
    }

    @Test
    void getsOneEventByNameWithTheRevisionOfItsLatestChangeAsItsResourceVersion() {
        Response listed = api.get("/api/v1/namespaces/shop/events");
        String name = listed.at("/items/0/metadata/name");

        Response event = api.get("/api/v1/namespaces/shop/events/" + name);

        assertThat(event.code()).isEqualTo(200);
        assertThat(event.at("/involvedObject/name")).isEqualTo("db-1");
        assertThat(event.at("/metadata/resourceVersion")).isEqualTo(listed.at("/items/0/metadata/resourceVersion"))
                .isEqualTo(Long.toString(view.position()));
        assertThat(api.get("/api/v1/namespaces/shop/events/none").code()).isEqualTo(404);
    }

    @Test
    void refusesAFieldSelectorOnAnUnknownFieldNamingTheField() {
        Response refused = api.get("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dweb-1,"
                + "source%3Dagent");

        assertThat(refused.code()).isEqualTo(400);
        assertThat(refused.at("/kind")).isEqualTo("Status");
        assertThat(refused.at("/reason")).isEqualTo("BadRequest");
        assertThat(refused.at("/message")).startsWith("field label not supported: source (");
    }

    private static List<String> summary(Response events) {
        List<String> lines = new ArrayList<>();
        for (JsonNode event : events.json().path("items")) {
            lines.add(event.at("/involvedObject/kind").asText() + "/" + event.at("/involvedObject/name").asText()
                    + " " + event.path("reason").asText() + " x" + event.path("count").asInt());
        }
        return lines;
    }
}

package io.korch.gateway;

import static io.korch.gateway.testing.Api.PODS;
import static io.korch.gateway.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.testing.GatewayFixture;
import io.korch.model.EventReasons;
import io.korch.model.Events;
import io.korch.topics.Revisions;
import io.korch.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every version of an object, and the cluster as it was, read back from the change log over HTTP. */
class HistoryTest {

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private final Api api = gateway.api();

    @Test
    void anObjectChangedFiveTimesThenDeletedHasSixVersionsInOrderWithWhoAndWhen() {
        api.post(PODS, pod("h").label("step", "0").build());
        for (int step = 1; step <= 4; step++) {
            assertThat(api.put(PODS + "/h", pod("h").label("step", String.valueOf(step)).build()).code()).isEqualTo(200);
        }
        api.delete(PODS + "/h");

        Response history = api.get(PODS + "/h/history");

        assertThat(history.code()).isEqualTo(200);
        JsonNode items = history.json().get("items");
        List<String> types = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        items.forEach(item -> {
            types.add(item.get("type").asText());
            steps.add(item.at("/object/metadata/labels/step").asText());
            assertThat(item.get("actor").asText()).startsWith("gateway/");
            assertThat(Instant.parse(item.get("time").asText())).isBefore(Instant.now().plusSeconds(1));
        });
        assertThat(types).containsExactly("ADDED", "MODIFIED", "MODIFIED", "MODIFIED", "MODIFIED", "DELETED");
        assertThat(steps).containsExactly("0", "1", "2", "3", "4", "4");
        assertThat(items).extracting(item -> Long.parseLong(item.get("revision").asText())).isSorted();
    }

    @Test
    void theClusterAtAMomentBetweenTwoChangesIsExactlyAsItWasThenDeletedObjectsIncluded() {
        api.post(PODS, pod("then-a").label("v", "1").build());
        Response second = api.post(PODS, pod("then-b").build());
        String between = Revisions.timeOf(Long.parseLong(second.at("/metadata/resourceVersion"))).toString();
        await(Revisions.timeOf(Long.parseLong(second.at("/metadata/resourceVersion"))).plusMillis(2));
        api.put(PODS + "/then-a", pod("then-a").label("v", "2").build());
        api.delete(PODS + "/then-b");
        api.post(PODS, pod("then-c").build());

        Response past = api.get(PODS + "?asOf=" + between);
        Response pastA = api.get(PODS + "/then-a?asOf=" + between);

        assertThat(past.code()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        past.json().get("items").forEach(item -> names.add(item.at("/metadata/name").asText()));
        assertThat(names).contains("then-a", "then-b").doesNotContain("then-c");
        assertThat(pastA.at("/metadata/labels/v")).isEqualTo("1");
        assertThat(api.get(PODS + "/then-a").at("/metadata/labels/v")).isEqualTo("2");
        assertThat(api.get(PODS + "/then-b?asOf=" + between).code()).isEqualTo(200);
    }

    @Test
    void aTimeInTheFutureOrNotATimeIsRefusedAndAnObjectWithoutHistoryIsNotFound() {
        Response future = api.get(PODS + "?asOf=" + Instant.now().plusSeconds(3600));
        Response garbage = api.get(PODS + "?asOf=yesterday");
        Response unknown = api.get(PODS + "/never-existed/history");

        assertThat(future.code()).isEqualTo(400);
        assertThat(future.at("/message")).contains("in the future");
        assertThat(garbage.code()).isEqualTo(400);
        assertThat(garbage.at("/message")).contains("yesterday");
        assertThat(unknown.code()).isEqualTo(404);
    }

    @Test
    void theHistoryOfAnEventShowsEachOccurrenceFoldedIntoItWithItsCountAndItsPastIsServedAsOf() {
        Instant first = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String events = "/api/v1/namespaces/default/events";
        String selector = "?fieldSelector=involvedObject.name%3Dcrashing";
        occur(first, 0);
        occur(first, 1);
        awaitCount(events + selector, 2);
        String name = api.get(events + selector).at("/items/0/metadata/name");
        Instant afterSecond = Revisions.timeOf(Long.parseLong(
                api.get(events + "/" + name + "/history").json().at("/items/1/revision").asText()));
        await(afterSecond);
        occur(first, 2);
        awaitCount(events + selector, 3);

        Response history = api.get(events + "/" + name + "/history");

        assertThat(history.code()).isEqualTo(200);
        JsonNode items = history.json().get("items");
        assertThat(items).extracting(item -> item.get("type").asText() + " x" + item.at("/object/count").asInt())
                .containsExactly("ADDED x1", "MODIFIED x2", "MODIFIED x3");
        assertThat(items).extracting(item -> item.get("actor").asText()).containsOnly("agent/node-1");
        assertThat(items).extracting(item -> item.at("/object/lastTimestamp").asText())
                .containsExactly(first.plusSeconds(0).toString(), first.plusSeconds(1).toString(),
                        first.plusSeconds(2).toString());
        assertThat(api.get(events + "/" + name + "?asOf=" + afterSecond).at("/count")).isEqualTo("2");
        assertThat(api.get(events + "/" + name).at("/count")).isEqualTo("3");
    }

    /** The agent on node-1 reports the {@code occurrence}th back-off of pod {@code crashing}. */
    private static void occur(Instant first, int occurrence) {
        gateway.cluster().publish(Topics.EVENTS, "default/crashing", Events.of(
                Events.ref("Pod", "default", "crashing", "u-crashing"), Events.WARNING, EventReasons.BACK_OFF,
                "Back-off restarting failed container", "agent", "node-1", first.plusSeconds(occurrence)));
    }

    private void awaitCount(String path, int count) {
        org.awaitility.Awaitility.await().until(() -> api.get(path).json().at("/items/0/count").asInt() == count);
    }

    /** Returns once the wall clock is past {@code moment}, so a change made next is recorded after it. */
    private static void await(Instant moment) {
        org.awaitility.Awaitility.await().until(() -> Instant.now().isAfter(moment));
    }
}

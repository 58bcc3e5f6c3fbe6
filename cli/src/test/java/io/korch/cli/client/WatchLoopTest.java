package io.korch.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.json.ApiJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class WatchLoopTest {

    private final List<String> changes = new ArrayList<>();

    @Test
    void watchesAgainFromTheLastVersionSeenWhenTheServerEndsTheWatch() {
        // given: the first watch delivers a change and a bookmark, then ends
        ScriptedListWatch source = new ScriptedListWatch()
                .stream(event("ADDED", "web", "11"), bookmark("15"))
                .stream(event("MODIFIED", "web", "16"));

        // when
        follow(source, snapshot("10"));

        // then
        assertThat(source.watchedFrom).containsExactly("10", "15", "16");
        assertThat(changes).containsExactly("ADDED web 11", "MODIFIED web 16");
    }

    @Test
    void listsAgainAfterAnExpiredVersionAndHandsOnOnlyWhatChanged() {
        // given: web and db known at 10; meanwhile web changed, db went, api came
        ScriptedListWatch source = new ScriptedListWatch()
                .stream(error(410, "Expired", "too old resource version: 10 (12)"))
                .listing(snapshot("30", object("web", "25"), object("api", "28")))
                .stream(event("DELETED", "api", "31"));

        // when
        follow(source, snapshot("10", object("web", "9"), object("db", "8")));

        // then
        assertThat(changes).containsExactly("MODIFIED web 25", "ADDED api 28", "DELETED db 8", "DELETED api 31");
        assertThat(source.watchedFrom).containsExactly("10", "30", "31");
    }

    @Test
    void ridesOutALostConnectionAndWatchesAgainFromTheLastVersionSeen() {
        // given: a change, then the gateway goes away for three attempts, then comes back
        ScriptedListWatch source = new ScriptedListWatch()
                .stream(event("ADDED", "web", "11"))
                .unreachable().unreachable().unreachable()
                .stream(event("MODIFIED", "web", "12"));
        List<String> notices = new ArrayList<>();
        List<Duration> waits = new ArrayList<>();
        WatchLoop loop = new WatchLoop(source, (type, object) -> changes.add(type + " "
                + object.path("metadata").path("name").asText()), notices::add, waits::add);

        // when
        assertThatThrownBy(() -> loop.follow(snapshot("10"))).isInstanceOf(InterruptedException.class);

        // then: every attempt resumed from 11, once told, with growing waits
        assertThat(source.watchedFrom).containsExactly("10", "11", "11", "11", "11", "12");
        assertThat(changes).containsExactly("ADDED web", "MODIFIED web");
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(notices).hasSize(2);
        assertThat(notices.get(0)).startsWith("lost the watch: cannot reach the korch API at http://gateway")
                .endsWith("watching again from resourceVersion 11 when it answers");
        assertThat(notices.get(1)).isEqualTo("watching again");
    }

    @Test
    void withoutARetryPolicyALostConnectionEndsTheLoop() {
        ScriptedListWatch source = new ScriptedListWatch().unreachable();

        assertThatThrownBy(() -> new WatchLoop(source, (type, object) -> { }).follow(snapshot("10")))
                .isInstanceOf(ApiUnreachableException.class);
    }

    @Test
    void endsWithTheRefusalOfAnyOtherError() {
        // given
        ScriptedListWatch source = new ScriptedListWatch().stream(error(500, "InternalError", "the change log is gone"));

        // when / then
        assertThatThrownBy(() -> new WatchLoop(source, (type, object) -> { }).follow(snapshot("10")))
                .isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).toDisplayString())
                .isEqualTo("Error from server (InternalError): the change log is gone");
    }

    /** Follows until the script runs out, which interrupts the thread as Ctrl-C would. */
    private void follow(ListWatch source, ListWatch.Snapshot start) {
        WatchLoop loop = new WatchLoop(source, (type, object) -> changes.add(type + " "
                + object.path("metadata").path("name").asText() + " "
                + object.path("metadata").path("resourceVersion").asText()));
        assertThatThrownBy(() -> loop.follow(start)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    /** Streams the scripted watches in turn, then acts interrupted. */
    private static final class ScriptedListWatch implements ListWatch {

        private static final String UNREACHABLE = "unreachable";

        final List<String> watchedFrom = new ArrayList<>();
        private final Deque<List<String>> streams = new ArrayDeque<>();
        private final Deque<Snapshot> listings = new ArrayDeque<>();

        ScriptedListWatch stream(String... lines) {
            streams.add(List.of(lines));
            return this;
        }

        /** A watch that finds the server gone. */
        ScriptedListWatch unreachable() {
            streams.add(List.of(UNREACHABLE));
            return this;
        }

        ScriptedListWatch listing(Snapshot snapshot) {
            listings.add(snapshot);
            return this;
        }

        @Override
        public Snapshot list() {
            return listings.remove();
        }

        @Override
        public void watch(String resourceVersion, Consumer<String> lines) throws InterruptedException {
            watchedFrom.add(resourceVersion);
            if (streams.isEmpty()) {
                throw new InterruptedException();
            }
            List<String> stream = streams.remove();
            if (stream.equals(List.of(UNREACHABLE))) {
                throw new ApiUnreachableException("http://gateway", "Connection refused", null);
            }
            stream.forEach(lines);
        }
    }

    private static ListWatch.Snapshot snapshot(String resourceVersion, JsonNode... items) {
        return new ListWatch.Snapshot(List.of(items), resourceVersion);
    }

    private static JsonNode object(String name, String resourceVersion) {
        return json("{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\",\"resourceVersion\":\""
                + resourceVersion + "\"}}");
    }

    private static String event(String type, String name, String resourceVersion) {
        return "{\"type\":\"" + type + "\",\"object\":" + object(name, resourceVersion) + "}";
    }

    private static String bookmark(String resourceVersion) {
        return "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\""
                + resourceVersion + "\"}}}";
    }

    private static String error(int code, String reason, String message) {
        return "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"message\":\"" + message + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}}";
    }

    private static JsonNode json(String text) {
        try {
            return ApiJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

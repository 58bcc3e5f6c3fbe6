package io.korch.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Event;
import io.korch.model.EventReasons;
import io.korch.testkit.ClusterEvents;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests of the aggregating, bounded per-namespace event memory. */
class EventLogTest {

    private static Instant second(int second) {
        return Instant.ofEpochSecond(second);
    }

    private static ClusterEvents backOff(String pod) {
        return ClusterEvents.about("Pod", pod).warning(EventReasons.BACK_OFF).message("Back-off restarting " + pod);
    }

    private static Event event(String namespace, String pod, int second) {
        return ClusterEvents.about("Pod", pod).namespace(namespace).at(second(second)).build();
    }

    @Test
    void foldsARepeatedEventIntoOneThatCountsItsOccurrences() {
        // given
        EventLog log = new EventLog();
        Event first = backOff("web-1").at(second(10)).build();

        // when
        log.add(first);
        log.add(backOff("web-1").at(second(20)).build());
        log.add(backOff("web-1").at(second(30)).build());

        // then
        assertThat(log.list("default", e -> true)).singleElement().satisfies(event -> {
            assertThat(event.getCount()).isEqualTo(3);
            assertThat(event.getFirstTimestamp()).isEqualTo(second(10));
            assertThat(event.getLastTimestamp()).isEqualTo(second(30));
            assertThat(event.getMetadata().getName()).isEqualTo(first.getMetadata().getName());
        });
    }

    @Test
    void addsUpEventsThatAlreadyCountSeveralOccurrencesAndKeepsTheirOuterTimes() {
        EventLog log = new EventLog();

        log.add(backOff("web-1").seen(2, second(50), second(60)).build());
        log.add(backOff("web-1").seen(3, second(10), second(40)).build());

        assertThat(log.list(null, e -> true)).singleElement().satisfies(event -> {
            assertThat(event.getCount()).isEqualTo(5);
            assertThat(event.getFirstTimestamp()).isEqualTo(second(10));
            assertThat(event.getLastTimestamp()).isEqualTo(second(60));
        });
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("message", backOff("web-1").message("Back-off 20s restarting web-1")),
                Arguments.of("reason", backOff("web-1").warning(EventReasons.FAILED)),
                Arguments.of("type", backOff("web-1").normal(EventReasons.BACK_OFF)),
                Arguments.of("source host", backOff("web-1").from("agent", "node-2")),
                Arguments.of("source component", backOff("web-1").from("scheduler", "node-1")),
                Arguments.of("object uid", backOff("web-1").uid("another-uid")),
                Arguments.of("object namespace", backOff("web-1").namespace("other")),
                Arguments.of("object kind", ClusterEvents.about("ReplicaSet", "web-1").warning(EventReasons.BACK_OFF)
                        .message("Back-off restarting web-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void keepsEventsApartThatDifferInOneFieldOfTheKey(String field, ClusterEvents variant) {
        EventLog log = new EventLog();

        log.add(backOff("web-1").at(second(1)).build());
        log.add(variant.at(second(2)).build());

        assertThat(log.list(null, e -> true)).hasSize(2).allSatisfy(e -> assertThat(e.getCount()).isOne());
    }

    @Test
    void rebuildsTheSameEventsFromTheLogWhateverOrderItsPartitionsAreReadIn() {
        // given: a namespace's pod events over its capacity, on one partition; two nodes' events, each on its own
        List<Event> pods = List.of(
                backOff("web-1").at(second(2)).build(), backOff("web-1").at(second(3)).build(),
                backOff("web-2").at(second(5)).build(), backOff("web-3").at(second(8)).build(),
                backOff("web-1").at(second(9)).build());
        List<Event> node1 = List.of(node("node-1", EventReasons.NODE_NOT_READY, 1),
                node("node-1", EventReasons.NODE_READY, 4), node("node-1", EventReasons.NODE_NOT_READY, 6));
        List<Event> node2 = List.of(node("node-2", EventReasons.NODE_READY, 7));
        EventLog live = new EventLog(2);
        EventLog rebuilt = new EventLog(2);

        // when: live as they happened, rebuilt one partition after the other
        Stream.of(pods, node1, node2).flatMap(List::stream)
                .sorted(Comparator.comparing(Event::getLastTimestamp))
                .forEach(live::add);
        Stream.of(pods, node2, node1).flatMap(List::stream).forEach(rebuilt::add);

        // then: web-1 was forgotten once the namespace was full, and counts afresh from its next back-off
        assertThat(summary(rebuilt)).isEqualTo(summary(live)).containsExactly(
                "NodeReady node-1 x1 4..4", "NodeNotReady node-1 x2 1..6", "NodeReady node-2 x1 7..7",
                "BackOff web-3 x1 8..8", "BackOff web-1 x1 9..9");
        assertThat(live.list("default", e -> true)).hasSize(5);
    }

    @Test
    void forgetsTheEventSeenLastTheLongestAgoBeyondTheCapacityOfANamespace() {
        EventLog log = new EventLog(2);
        log.add(event("default", "a", 1));
        log.add(event("default", "b", 2));
        log.add(event("default", "a", 3));
        log.add(event("default", "c", 4));
        log.add(event("other", "d", 5));

        assertThat(log.list("default", e -> true)).extracting(e -> e.getInvolvedObject().getName() + " x" + e.getCount())
                .containsExactly("a x2", "c x1");
        assertThat(log.list(null, e -> true)).hasSize(3);
    }

    @Test
    void listsEventsByLastOccurrenceOldestFirstAcrossNamespaces() {
        EventLog log = new EventLog();
        log.add(event("b", "late", 9));
        log.add(event("a", "early", 1));
        log.add(event("a", "repeated", 2));
        log.add(event("a", "repeated", 10));

        assertThat(log.list(null, e -> true)).extracting(e -> e.getInvolvedObject().getName())
                .containsExactly("early", "late", "repeated");
    }

    @Test
    void changesNoEventItWasGiven() {
        EventLog log = new EventLog();
        Event first = backOff("web-1").at(second(1)).build();
        Event again = backOff("web-1").at(second(2)).build();

        log.add(first);
        log.add(again);

        assertThat(first.getCount()).isOne();
        assertThat(first.getLastTimestamp()).isEqualTo(second(1));
        assertThat(again.getCount()).isOne();
    }

    private static Event node(String name, String reason, int second) {
        return ClusterEvents.about("Node", name).namespace(null).uid(null).normal(reason)
                .message(name + " " + reason).from("node-controller", name).at(second(second)).build();
    }

    private static List<String> summary(EventLog log) {
        return log.list(null, e -> true).stream()
                .map(e -> e.getReason() + " " + e.getInvolvedObject().getName() + " x" + e.getCount() + " "
                        + e.getFirstTimestamp().getEpochSecond() + ".." + e.getLastTimestamp().getEpochSecond())
                .toList();
    }
}

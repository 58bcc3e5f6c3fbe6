package io.korch.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Change;
import io.korch.api.Event;
import io.korch.model.EventReasons;
import io.korch.streams.SkipRule;
import io.korch.streams.StreamsConfigs;
import io.korch.streams.StreamsSettings;
import io.korch.testkit.ClusterEvents;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events in the change log: each occurrence a change of the event it is folded into, and forgotten events deleted. */
class EventChangesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** Events kept per group here: few, so a test fills a group quickly. */
    private static final int CAPACITY = 5;

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Event> occurrences;
    private TestOutputTopic<String, Change> changes;
    private TestInputTopic<String, byte[]> namespaces;

    @BeforeEach
    void setUp() {
        Properties props = StreamsConfigs.of(new StreamsSettings("127.0.0.1:1", "change-log-events-test", stateDir,
                SkipRule.exceptionsOfType(IllegalArgumentException.class)));
        driver = new TopologyTestDriver(ChangeLogTopology.topology(Clock.fixed(T0, ZoneOffset.UTC), CAPACITY), props, T0);
        occurrences = driver.createInputTopic(Topics.EVENTS.name(), Topics.EVENTS.keySerde().serializer(),
                Topics.EVENTS.valueSerde().serializer());
        namespaces = driver.createInputTopic(Topics.NAMESPACES.name(), new StringSerializer(), new ByteArraySerializer());
        changes = driver.createOutputTopic(Topics.CHANGES.name(), new StringDeserializer(),
                Topics.CHANGES.valueSerde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void eachOccurrenceIsAChangeOfTheEventItIsFoldedIntoUnderTheEventsOwnKey() {
        Event first = write(ClusterEvents.about("Pod", "web-1").warning(EventReasons.BACK_OFF).at(T0).build());
        write(ClusterEvents.about("Pod", "web-1").warning(EventReasons.BACK_OFF).at(T0.plusSeconds(10)).build());
        Event other = write(ClusterEvents.about("Pod", "web-1").at(T0.plusSeconds(15)).build());
        write(ClusterEvents.about("Pod", "web-1").warning(EventReasons.BACK_OFF).at(T0.plusSeconds(20)).build());

        List<Change> recorded = changes.readValuesToList();
        String backOff = "default/" + first.getMetadata().getName();
        assertThat(recorded).extracting(Change::getKind).containsOnly("Event");
        assertThat(recorded).extracting(Change::getTopic).containsOnly(Topics.EVENTS.name());
        assertThat(recorded).extracting(Change::getKey)
                .containsExactly(backOff, backOff, "default/" + other.getMetadata().getName(), backOff);
        assertThat(recorded).extracting(Change::getObjectKey).containsExactlyElementsOf(
                recorded.stream().map(Change::getKey).toList());
        assertThat(recorded).extracting(change -> event(change.getValue()).getCount()).containsExactly(1, 2, 1, 3);
        assertThat(event(recorded.get(3).getValue()).getLastTimestamp()).isEqualTo(T0.plusSeconds(20));
        assertThat(event(recorded.get(3).getValue()).getFirstTimestamp()).isEqualTo(T0);
        assertThat(event(recorded.get(3).getPreviousValue()).getCount()).isEqualTo(2);
        assertThat(recorded.get(3).getPreviousRevision()).isEqualTo(recorded.get(1).getRevision());
        assertThat(recorded).extracting(Change::getActor).containsOnly("agent/node-1");
    }

    @Test
    void anEventOfACrowdedGroupSeenLastTheLongestAgoIsDeleted() {
        Event oldest = write(ClusterEvents.about("Pod", "web-0").at(T0).build());
        for (int i = 1; i <= CAPACITY; i++) {
            write(ClusterEvents.about("Pod", "web-" + i).at(T0.plusSeconds(i)).build());
        }

        List<Change> recorded = changes.readValuesToList();
        Change last = recorded.get(recorded.size() - 1);
        assertThat(recorded).hasSize(CAPACITY + 2);
        assertThat(last.getKey()).isEqualTo("default/" + oldest.getMetadata().getName());
        assertThat(last.getValue()).isNull();
        assertThat(last.getActor()).isEqualTo("change-log");
    }

    @Test
    void anEventIsDeletedOnceItsLastOccurrenceIsOlderThanOccurrencesAreKept() {
        Event kept = write(ClusterEvents.about("Node", "node-1").namespace(null).uid(null)
                .normal(EventReasons.NODE_READY).at(T0).build());
        driver.advanceWallClockTime(Duration.ofDays(1));
        assertThat(changes.readValuesToList()).extracting(change -> change.getValue() == null).containsExactly(false);

        driver.advanceWallClockTime(Topics.EVENTS_RETENTION);

        List<Change> recorded = changes.readValuesToList();
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).getKey()).isEqualTo(Keys.of("default", kept.getMetadata().getName()));
        assertThat(recorded.get(0).getValue()).isNull();
    }

    @Test
    void aNamespacesDeletionDeletesTheEventsListedInItAndNoOther() {
        Event inShop = write(ClusterEvents.about("Pod", "web-1").namespace("shop").at(T0).build());
        Event alsoInShop = write(ClusterEvents.about("Pod", "web-2").namespace("shop").at(T0.plusSeconds(1)).build());
        Event elsewhere = write(ClusterEvents.about("Pod", "web-1").namespace("shopping").at(T0.plusSeconds(2)).build());
        changes.readValuesToList();

        namespaces.pipeInput("shop", null, T0.plusSeconds(3));

        List<Change> recorded = changes.readValuesToList();
        assertThat(recorded).extracting(Change::getKey).containsExactlyInAnyOrder(
                "shop/" + inShop.getMetadata().getName(), "shop/" + alsoInShop.getMetadata().getName());
        assertThat(recorded).allSatisfy(change -> {
            assertThat(change.getValue()).isNull();
            assertThat(change.getActor()).isEqualTo("change-log");
        });
        assertThat(recorded).extracting(Change::getKey)
                .doesNotContain("shopping/" + elsewhere.getMetadata().getName());

        // an event of the namespace made again starts afresh
        Event again = write(ClusterEvents.about("Pod", "web-1").namespace("shop").at(T0.plusSeconds(4)).build());
        assertThat(changes.readValuesToList()).extracting(change -> event(change.getValue()).getCount())
                .as("count of " + again.getMetadata().getName()).containsExactly(1);
    }

    private Event write(Event occurrence) {
        occurrences.pipeInput(io.korch.model.Events.key(occurrence), occurrence, occurrence.getLastTimestamp());
        return occurrence;
    }

    private static Event event(ByteBuffer bytes) {
        ByteBuffer copy = bytes.duplicate();
        byte[] array = new byte[copy.remaining()];
        copy.get(array);
        return Topics.EVENTS.valueSerde().deserializer().deserialize(Topics.EVENTS.name(), array);
    }
}

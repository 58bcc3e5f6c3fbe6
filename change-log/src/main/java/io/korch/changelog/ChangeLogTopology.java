package io.korch.changelog;

import io.korch.changelog.feed.ChangeFeedProcessor;
import io.korch.changelog.feed.EventFeedProcessor;
import io.korch.changelog.sequencer.SequencerProcessor;
import io.korch.changelog.sequencer.SequencerStores;
import io.korch.streams.TopicSinks;
import io.korch.topics.ServedTopics;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The change log as a Kafka Streams topology of two parts.
 *
 * <pre>
 *  korch.owned.*, korch.status.*, korch.bindings,      korch.write-requests (gateways)
 *  korch.nodes, korch.node-health, korch.pod-owners,             │
 *  korch.events (occurrences, folded into events;               │
 *    korch.namespaces: a deleted one's events go)                │
 *        │ ChangeFeedProcessor, EventFeedProcessor (per partition)│
 *        ▼                                                       ▼
 *  korch.change-feed (1 partition) ─────────────────▶ Sequencer (one task): revision, preconditions
 *                                                        │        │          │             │
 *                                             korch.changes  korch.objects  desired-state  korch.write-responses
 *                                                                           korch.allocations
 * </pre>
 *
 * The feed gathers, partition by partition, the records of the served topics others write (the
 * occurrences of events folded into the events the API serves); the
 * sequencer, a single task since its inputs have one partition, gives every change its revision,
 * and applies the gateways' claims on unique values (korch.allocations) without recording them.
 */
public final class ChangeLogTopology {

    /** The served topics the change feed gathers: every one the change log does not write itself. */
    public static final List<Topic<String, ?>> FED = ServedTopics.TOPICS.stream()
            .filter(topic -> topic.writer() != Topic.Writer.CHANGE_LOG).toList();
    /** The desired-state topics the sequencer writes for the gateways. */
    public static final List<Topic<String, ?>> DESIRED = ServedTopics.TOPICS.stream()
            .filter(topic -> topic.writer() == Topic.Writer.CHANGE_LOG).toList();

    private static final String FEED_SINK = "change-feed-sink";
    private static final String NAMESPACES_TO_EVENTS = "source-korch.namespaces-for-events";
    private static final String REQUESTS = "requests";
    private static final String FEED = "feed";

    private ChangeLogTopology() {
    }

    /** The topology, revisions taken from {@code clock}. */
    public static Topology topology(Clock clock) {
        return topology(clock, EventFeedProcessor.CAPACITY);
    }

    /** The topology, revisions taken from {@code clock}, keeping at most {@code eventsPerGroup} events per group. */
    public static Topology topology(Clock clock, int eventsPerGroup) {
        Topology topology = new Topology();
        String[] feeders = FED.stream().map(topic -> "feed-" + topic.name()).toArray(String[]::new);
        // the event feed also reads the namespaces (co-partitioned with the events) to delete a deleted one's events
        topology.addSource(NAMESPACES_TO_EVENTS, new StringDeserializer(), new ByteArrayDeserializer(),
                Topics.NAMESPACES.name());
        for (Topic<String, ?> topic : FED) {
            String source = "source-" + topic.name();
            topology.addSource(source, new StringDeserializer(), new ByteArrayDeserializer(), topic.name());
            if (topic == Topics.EVENTS) {
                topology.addProcessor("feed-" + topic.name(), () -> new EventFeedProcessor(eventsPerGroup), source,
                        NAMESPACES_TO_EVENTS);
            } else {
                topology.addProcessor("feed-" + topic.name(), () -> new ChangeFeedProcessor(topic), source);
            }
        }
        topology.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(ChangeFeedProcessor.heartbeatStore()), Serdes.String(), Serdes.String()),
                "feed-" + Topics.NODES.name());
        String[] eventStores = EventFeedProcessor.stores();
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(eventStores[0]), Serdes.String(), Serdes.ByteArray()), "feed-" + Topics.EVENTS.name());
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(eventStores[1]), Serdes.String(), Serdes.String()), "feed-" + Topics.EVENTS.name());
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(eventStores[2]), Serdes.String(), Serdes.Integer()), "feed-" + Topics.EVENTS.name());
        TopicSinks.add(topology, FEED_SINK, Topics.CHANGE_FEED, feeders);

        topology.addSource(REQUESTS + "-source", Topics.WRITE_REQUESTS.keySerde().deserializer(),
                Topics.WRITE_REQUESTS.valueSerde().deserializer(), Topics.WRITE_REQUESTS.name());
        topology.addSource(FEED + "-source", Topics.CHANGE_FEED.keySerde().deserializer(),
                Topics.CHANGE_FEED.valueSerde().deserializer(), Topics.CHANGE_FEED.name());
        topology.addProcessor(REQUESTS, () -> SequencerProcessor.requests(clock), REQUESTS + "-source");
        topology.addProcessor(FEED, () -> SequencerProcessor.feed(clock), FEED + "-source");
        SequencerStores.add(topology, REQUESTS, FEED);
        TopicSinks.add(topology, SequencerStores.CHANGES_SINK, Topics.CHANGES, REQUESTS, FEED);
        TopicSinks.add(topology, SequencerStores.OBJECTS_SINK, Topics.OBJECTS, REQUESTS, FEED);
        TopicSinks.add(topology, SequencerStores.RESPONSES_SINK, Topics.WRITE_RESPONSES, REQUESTS);
        for (Topic<String, ?> topic : DESIRED) {
            TopicSinks.addRaw(topology, SequencerStores.desiredStateSink(topic.name()), topic, REQUESTS);
        }
        for (Topic<String, ?> topic : SequencerStores.CLAIMS) {
            TopicSinks.addRaw(topology, SequencerStores.desiredStateSink(topic.name()), topic, REQUESTS);
        }
        return topology;
    }
}

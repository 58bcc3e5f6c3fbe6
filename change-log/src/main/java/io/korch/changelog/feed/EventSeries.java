package io.korch.changelog.feed;

import io.korch.api.Event;
import io.korch.api.ObjectReference;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The events the API serves, made of the occurrences components write to {@link Topics#EVENTS}:
 * an occurrence of the same happening as an event kept ({@link EventCorrelation}) is folded into
 * it, any other starts an event of its own, served under {@code namespace/name} of its first
 * occurrence.
 *
 * <p>Events are kept in groups: those listed in one namespace about one namespace's objects, or
 * about one cluster-wide object. The event topic is keyed by the listing namespace, so one task of
 * the feed keeps each group, and the task that learns of a namespace's deletion keeps all its events. A group keeps at most {@link #CAPACITY} events; beyond it, the one seen last the longest
 * ago is forgotten, and a later occurrence of it counts afresh. An event whose last occurrence is
 * older than {@link #TTL}, the event topic's retention, is forgotten too. A forgotten event is
 * deleted from the API, as Kubernetes deletes an event at the end of its time to live; so are the
 * events of a namespace once it is deleted.
 *
 * <p>Three stores: the events by correlation key; an index of them by group and last occurrence,
 * oldest first; the number of events of each group.
 */
final class EventSeries {

    /** Events kept per group: per namespace, and per cluster-wide object. */
    static final int CAPACITY = 1000;
    /** How long an event is kept after its last occurrence: as long as the occurrences are. */
    static final Duration TTL = Topics.EVENTS_RETENTION;
    static final String EVENTS_STORE = "change-feed-events";
    static final String ORDER_STORE = "change-feed-event-order";
    static final String COUNT_STORE = "change-feed-event-counts";

    private static final char SEPARATOR = '\u001f';
    private static final String NULL = "\u0000";

    /** What an occurrence did: the event it is now part of, and the events forgotten to make room. */
    record Folded(String key, Event event, List<String> forgotten) {
    }

    private final KeyValueStore<String, byte[]> events;
    private final KeyValueStore<String, String> order;
    private final KeyValueStore<String, Integer> counts;
    private final int capacity;

    EventSeries(KeyValueStore<String, byte[]> events, KeyValueStore<String, String> order,
                KeyValueStore<String, Integer> counts, int capacity) {
        this.events = events;
        this.order = order;
        this.counts = counts;
        this.capacity = capacity;
    }

    /** Folds the occurrence {@code occurrence} into the event it repeats, or keeps it as a new one. */
    Folded add(Event occurrence) {
        String group = groupOf(occurrence);
        String correlation = group + correlationOf(occurrence);
        Optional<Event> seen = Optional.ofNullable(events.get(correlation)).map(EventSeries::decode);
        Event kept = seen.map(event -> EventCorrelation.merge(event, occurrence)).orElse(occurrence);
        String key = keyOf(kept);
        seen.ifPresent(event -> order.delete(orderKey(group, event)));
        events.put(correlation, encode(kept));
        order.put(orderKey(group, kept), correlation);
        List<String> forgotten = new ArrayList<>();
        if (seen.isEmpty()) {
            int size = counts.get(group) == null ? 1 : counts.get(group) + 1;
            counts.put(group, size);
            if (size > capacity) {
                oldestOf(group).ifPresent(oldest -> forgotten.add(forget(oldest.orderKey, oldest.correlation)));
            }
        }
        return new Folded(key, kept, forgotten);
    }

    /** Forgets every event last seen before {@code cutoff}; returns their keys. */
    List<String> expire(Instant cutoff) {
        List<String[]> due = new ArrayList<>();
        try (KeyValueIterator<String, String> all = order.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                if (lastSeenOf(entry.key) < cutoff.toEpochMilli()) {
                    due.add(new String[] {entry.key, entry.value});
                }
            }
        }
        List<String> forgotten = new ArrayList<>();
        for (String[] entry : due) {
            forgotten.add(forget(entry[0], entry[1]));
        }
        return forgotten;
    }

    /**
     * Forgets every event listed in {@code namespace} that this task keeps, as Kubernetes deletes a
     * namespace's events with it; returns their keys.
     */
    List<String> forgetNamespace(String namespace) {
        List<String[]> listed = new ArrayList<>();
        try (KeyValueIterator<String, String> under = order.prefixScan(namespace + SEPARATOR, new StringSerializer())) {
            while (under.hasNext()) {
                var entry = under.next();
                listed.add(new String[] {entry.key, entry.value});
            }
        }
        List<String> forgotten = new ArrayList<>();
        for (String[] entry : listed) {
            forgotten.add(forget(entry[0], entry[1]));
        }
        return forgotten;
    }

    private record Indexed(String orderKey, String correlation) {
    }

    private Optional<Indexed> oldestOf(String group) {
        try (KeyValueIterator<String, String> under = order.prefixScan(group, new StringSerializer())) {
            if (!under.hasNext()) {
                return Optional.empty();
            }
            var first = under.next();
            return Optional.of(new Indexed(first.key, first.value));
        }
    }

    /** Forgets the event of {@code correlation}, indexed at {@code orderKey}; returns its key. */
    private String forget(String orderKey, String correlation) {
        String group = orderKey.substring(0, orderKey.indexOf(SEPARATOR, orderKey.indexOf(SEPARATOR) + 1) + 1);
        order.delete(orderKey);
        events.delete(correlation);
        Integer size = counts.get(group);
        if (size == null || size <= 1) {
            counts.delete(group);
        } else {
            counts.put(group, size - 1);
        }
        return orderKey.substring(orderKey.lastIndexOf(SEPARATOR) + 1);
    }

    /** The API key of {@code event}: the namespace it is listed in, and the name of its first occurrence. */
    static String keyOf(Event event) {
        return Keys.of(namespaceOf(event), event.getMetadata().getName());
    }

    /**
     * The group of {@code event}, ending in a separator: the namespace it is listed in and its
     * involved object's own scope (the object's namespace, or the name of a cluster-wide object).
     */
    private static String groupOf(Event event) {
        ObjectReference object = event.getInvolvedObject();
        String scope = object.getNamespace() == null ? object.getName() : object.getNamespace();
        return namespaceOf(event) + SEPARATOR + scope + SEPARATOR;
    }

    private static String namespaceOf(Event event) {
        if (event.getMetadata() != null && event.getMetadata().getNamespace() != null) {
            return event.getMetadata().getNamespace();
        }
        String namespace = event.getInvolvedObject().getNamespace();
        return namespace == null ? "default" : namespace;
    }

    /** Group, last occurrence (20 digits, so keys sort by it) and key: oldest first within a group. */
    private static String orderKey(String group, Event event) {
        return group + String.format("%020d", event.getLastTimestamp().toEpochMilli()) + SEPARATOR + keyOf(event);
    }

    private static long lastSeenOf(String orderKey) {
        int end = orderKey.lastIndexOf(SEPARATOR);
        return Long.parseLong(orderKey.substring(end - 20, end));
    }

    private static String correlationOf(Event event) {
        EventCorrelation.Key key = EventCorrelation.key(event);
        StringBuilder joined = new StringBuilder();
        for (String field : List.of(orNull(key.component()), orNull(key.host()), orNull(key.kind()),
                orNull(key.namespace()), orNull(key.name()), orNull(key.uid()), orNull(key.apiVersion()),
                orNull(key.type()), orNull(key.reason()), orNull(key.message()))) {
            joined.append(field).append(SEPARATOR);
        }
        return joined.toString();
    }

    private static String orNull(String field) {
        return field == null ? NULL : field;
    }

    static byte[] encode(Event event) {
        return Topics.EVENTS.valueSerde().serializer().serialize(Topics.EVENTS.name(), event);
    }

    private static Event decode(byte[] bytes) {
        return Topics.EVENTS.valueSerde().deserializer().deserialize(Topics.EVENTS.name(), bytes);
    }
}

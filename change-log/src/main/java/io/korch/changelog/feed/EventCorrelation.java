package io.korch.changelog.feed;

import io.korch.api.Event;
import io.korch.api.EventSource;
import io.korch.api.ObjectReference;

/**
 * When two events are the same happening seen again, and what one event of both says, as
 * Kubernetes' {@code EventCorrelator} decides: events of one {@link Key} — source, involved object,
 * type, reason and message — are one event whose {@code count} adds up the occurrences, whose
 * {@code firstTimestamp} is the earliest and whose {@code lastTimestamp} the latest, under the
 * name and uid of the first one seen. Counts and times do not depend on the order the events come
 * in, and events of one key are about one object, hence share a topic key and a partition, so the
 * first one seen is the same on every reading of the log: a view rebuilt from it gets the events
 * the live one had.
 */
final class EventCorrelation {

    private EventCorrelation() {
    }

    /**
     * What makes events the same happening: the fields of Kubernetes' event key that korch's events
     * have.
     */
    record Key(String component, String host, String kind, String namespace, String name, String uid,
               String apiVersion, String type, String reason, String message) {
    }

    /** The key of {@code event}. */
    static Key key(Event event) {
        EventSource source = event.getSource();
        ObjectReference object = event.getInvolvedObject();
        return new Key(source == null ? null : source.getComponent(), source == null ? null : source.getHost(),
                object.getKind(), object.getNamespace(), object.getName(), object.getUid(), object.getApiVersion(),
                event.getType(), event.getReason(), event.getMessage());
    }

    /**
     * The one event that {@code seen} and {@code again}, of the same key, make together; neither is
     * changed.
     */
    static Event merge(Event seen, Event again) {
        return Event.newBuilder(seen)
                .setCount(occurrences(seen) + occurrences(again))
                .setFirstTimestamp(seen.getFirstTimestamp().isAfter(again.getFirstTimestamp())
                        ? again.getFirstTimestamp() : seen.getFirstTimestamp())
                .setLastTimestamp(seen.getLastTimestamp().isBefore(again.getLastTimestamp())
                        ? again.getLastTimestamp() : seen.getLastTimestamp())
                .build();
    }

    /** How many occurrences {@code event} stands for: a record written once stands for one. */
    private static int occurrences(Event event) {
        return Math.max(1, event.getCount());
    }
}

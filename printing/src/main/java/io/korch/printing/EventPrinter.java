package io.korch.printing;

import io.korch.api.Event;
import io.korch.api.EventSource;
import io.korch.api.ObjectReference;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Events as {@code kubectl get events} shows them: {@code LAST SEEN TYPE REASON OBJECT MESSAGE},
 * the age of the last occurrence and the object as {@code pod/web-1}; wide adds {@code SOURCE}
 * before the message and {@code FIRST SEEN COUNT NAME} after it.
 */
public final class EventPrinter implements TablePrinter<Event> {

    private static final List<Column> COLUMNS = List.of(
            Column.string("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
            Column.string("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
            Column.string("Reason", "This should be a short, machine understandable string that gives the reason for"
                    + " the transition into the object's current status."),
            Column.string("Object", "The object that this event is about."),
            Column.string("Source", "The component reporting this event. Should be a short machine understandable"
                    + " string.").wide(),
            Column.string("Message", "A human-readable description of the status of this operation."),
            Column.string("First Seen", "The time at which the event was first recorded. (Time of server receipt is"
                    + " in TypeMeta.)").wide(),
            Column.string("Count", "The number of times this event has occurred.").wide(),
            Column.objectName().wide());

    EventPrinter() {
    }

    @Override
    public Class<Event> type() {
        return Event.class;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Event event, Instant now) {
        return List.of(
                Ages.age(event.getLastTimestamp(), now),
                event.getType(),
                event.getReason(),
                object(event.getInvolvedObject()),
                source(event.getSource()),
                event.getMessage().strip(),
                Ages.age(event.getFirstTimestamp(), now),
                Math.max(1, event.getCount()),
                event.getMetadata().getName());
    }

    /** {@code pod/web-1}: the lower-case kind and the name, or the kind alone for an object without one. */
    private static String object(ObjectReference object) {
        String kind = object.getKind().toLowerCase(Locale.ROOT);
        return object.getName().isEmpty() ? kind : kind + "/" + object.getName();
    }

    /** {@code agent, node-1}, as kubectl formats an event source. */
    public static String source(EventSource source) {
        if (source == null) {
            return "";
        }
        String host = source.getHost();
        return source.getComponent() + (host == null || host.isEmpty() ? "" : ", " + host);
    }
}

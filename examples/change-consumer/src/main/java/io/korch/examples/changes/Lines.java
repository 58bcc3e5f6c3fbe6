package io.korch.examples.changes;

import java.time.Instant;
import org.apache.avro.generic.GenericRecord;

/**
 * The lines the follower prints, made from decoded records by field name:
 *
 * <pre>
 *  REVISION TIME ACTOR KIND OBJECT-KEY ADDED|MODIFIED|DELETED (TOPIC)      a Change of korch.changes
 *  EVENT TIME TYPE REASON OBJECT MESSAGE                                  an Event of korch.events
 * </pre>
 *
 * Times are ISO-8601 instants; an event's object is {@code Kind/namespace/name}, or
 * {@code Kind/name} when it is cluster-scoped.
 */
public final class Lines {

    private Lines() {
    }

    /** The line of a {@code Change}. */
    public static String change(GenericRecord change) {
        return String.join(" ",
                String.valueOf(change.get("revision")),
                Instant.ofEpochMilli((Long) change.get("time")).toString(),
                text(change, "actor"),
                text(change, "kind"),
                text(change, "objectKey"),
                operation(change),
                "(" + text(change, "topic") + ")");
    }

    /**
     * What a change did to its record: DELETED when it has no value, ADDED when there was none
     * before it, MODIFIED otherwise.
     */
    public static String operation(GenericRecord change) {
        if (change.get("value") == null) {
            return "DELETED";
        }
        return change.get("previousValue") == null ? "ADDED" : "MODIFIED";
    }

    /** The line of an {@code Event}. */
    public static String event(GenericRecord event) {
        GenericRecord object = (GenericRecord) event.get("involvedObject");
        String namespace = object.get("namespace") == null ? "" : object.get("namespace") + "/";
        return String.join(" ",
                "EVENT",
                Instant.ofEpochMilli((Long) event.get("lastTimestamp")).toString(),
                text(event, "type"),
                text(event, "reason"),
                text(object, "kind") + "/" + namespace + text(object, "name"),
                text(event, "message"));
    }

    /** A string field: Avro decodes strings as {@code Utf8}. */
    private static String text(GenericRecord record, String field) {
        return String.valueOf(record.get(field));
    }
}

package io.korch.model;

import io.korch.api.Event;
import io.korch.api.EventSource;
import io.korch.api.ObjectMeta;
import io.korch.api.ObjectReference;
import io.korch.topics.Keys;
import java.time.Instant;
import java.util.UUID;

/** Builds {@link Event} records, the entries of the append-only event log. */
public final class Events {

    /** Event type of routine happenings. */
    public static final String NORMAL = "Normal";
    /** Event type of something a user may have to act on. */
    public static final String WARNING = "Warning";

    private Events() {
    }

    /**
     * A new event about {@code object}.
     *
     * @param object    the object it happened to
     * @param type      {@link #NORMAL} or {@link #WARNING}
     * @param reason    one of the {@link EventReasons}
     * @param message   a sentence for people
     * @param component the component that saw it: {@code scheduler}, {@code agent}...
     * @param host      the node it was seen on, or null
     * @param now       the time it happened
     */
    public static Event of(ObjectReference object, String type, String reason, String message,
                           String component, String host, Instant now) {
        String namespace = object.getNamespace() == null ? "default" : object.getNamespace();
        ObjectMeta meta = ObjectMeta.newBuilder()
                .setName(object.getName() + "." + Long.toHexString(now.toEpochMilli()) + "."
                        + UUID.randomUUID().toString().substring(0, 8))
                .setNamespace(namespace)
                .setUid(UUID.randomUUID().toString())
                .setCreationTimestamp(now)
                .build();
        return Event.newBuilder()
                .setMetadata(meta)
                .setInvolvedObject(object)
                .setType(type)
                .setReason(reason)
                .setMessage(message)
                .setSource(EventSource.newBuilder().setComponent(component).setHost(host).build())
                .setFirstTimestamp(now)
                .setLastTimestamp(now)
                .build();
    }

    /** A reference to a namespaced object. */
    public static ObjectReference ref(String kind, String namespace, String name, String uid) {
        return ObjectReference.newBuilder().setKind(kind).setNamespace(namespace).setName(name).setUid(uid).build();
    }

    /**
     * The event-log key of an event: {@code namespace/name} of its involved object. An event about
     * a cluster-wide object (a node) is keyed by the namespace it is listed in, so it lands on that
     * namespace's partition and goes with the namespace when it is deleted.
     */
    public static String key(Event event) {
        ObjectReference object = event.getInvolvedObject();
        if (object.getNamespace() != null) {
            return Keys.of(object.getNamespace(), object.getName());
        }
        ObjectMeta meta = event.getMetadata();
        String listedIn = meta == null || meta.getNamespace() == null ? "default" : meta.getNamespace();
        return Keys.of(listedIn, object.getName());
    }
}

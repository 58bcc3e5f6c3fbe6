package io.korch.testkit;

import io.korch.api.Event;
import io.korch.model.EventReasons;
import io.korch.model.Events;
import java.time.Instant;

/**
 * Builds events for tests: {@code ClusterEvents.about("Pod", "web-1").warning(EventReasons.BACK_OFF).at(t).build()}.
 *
 * <p>An event is about an object in {@code default} with uid {@code <name>-uid}: a Normal
 * {@code Started}, recorded by the agent on {@code node-1} with the message {@code "<reason> <name>"},
 * seen once at {@link #AT}, unless told otherwise.
 */
public final class ClusterEvents {

    /** When an event happened unless told otherwise. */
    public static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

    private final String kind;
    private final String name;
    private String namespace = "default";
    private String uid;
    private String type = Events.NORMAL;
    private String reason = EventReasons.STARTED;
    private String message;
    private String component = "agent";
    private String host = "node-1";
    private Instant first = AT;
    private Instant last = AT;
    private int count = 1;

    private ClusterEvents(String kind, String name) {
        this.kind = kind;
        this.name = name;
        this.uid = name + "-uid";
    }

    /** An event about the object {@code kind/name}. */
    public static ClusterEvents about(String kind, String name) {
        return new ClusterEvents(kind, name);
    }

    /** The namespace of the object; null for a cluster-wide one (a node), whose events are kept in {@code default}. */
    public ClusterEvents namespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    public ClusterEvents uid(String uid) {
        this.uid = uid;
        return this;
    }

    /** A Normal event with this reason. */
    public ClusterEvents normal(String reason) {
        this.type = Events.NORMAL;
        this.reason = reason;
        return this;
    }

    /** A Warning event with this reason. */
    public ClusterEvents warning(String reason) {
        this.type = Events.WARNING;
        this.reason = reason;
        return this;
    }

    public ClusterEvents message(String message) {
        this.message = message;
        return this;
    }

    /** The component that recorded it, and the node it was seen on (or null). */
    public ClusterEvents from(String component, String host) {
        this.component = component;
        this.host = host;
        return this;
    }

    /** Seen once, at {@code time}. */
    public ClusterEvents at(Instant time) {
        return seen(1, time, time);
    }

    /** Seen {@code count} times, first at {@code first} and last at {@code last}: an aggregated event. */
    public ClusterEvents seen(int count, Instant first, Instant last) {
        this.count = count;
        this.first = first;
        this.last = last;
        return this;
    }

    public Event build() {
        Event event = Events.of(Events.ref(kind, namespace, name, uid), type, reason,
                message == null ? reason + " " + name : message, component, host, first);
        return Event.newBuilder(event).setCount(count).setLastTimestamp(last).build();
    }
}

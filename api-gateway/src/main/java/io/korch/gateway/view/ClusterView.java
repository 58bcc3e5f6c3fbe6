package io.korch.gateway.view;

import io.korch.api.Event;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's materialized view of the cluster: one {@link VersionedTable} per compacted topic
 * it serves, and the recent {@link EventLog}. Reads on the event loop come from here.
 *
 * <p>Records arrive from a consumer that reads every topic from the beginning
 * ({@code io.korch.gateway.kafka.ViewFeed}) and, for read-your-writes, straight after each of the
 * gateway's acknowledged writes. {@link #revision()} counts the changes applied; lists carry it as
 * their resource version.
 */
public final class ClusterView {

    /** The compacted topics the view holds, in the order they are read. */
    public static final List<Topic<String, ?>> TABLE_TOPICS = List.of(
            Topics.NAMESPACES, Topics.DEPLOYMENTS, Topics.REPLICASETS, Topics.PODS,
            Topics.OWNED_REPLICASETS, Topics.OWNED_PODS, Topics.DEPLOYMENT_STATUS, Topics.REPLICASET_STATUS,
            Topics.NODE_HEALTH, Topics.BINDINGS, Topics.NODES, Topics.POD_STATUS);

    private final Map<String, VersionedTable<?>> tables = new LinkedHashMap<>();
    private final EventLog events;
    private final AtomicLong revision = new AtomicLong();

    public ClusterView(EventLog events) {
        this.events = events;
        for (Topic<String, ?> topic : TABLE_TOPICS) {
            tables.put(topic.name(), new VersionedTable<>());
        }
    }

    public ClusterView() {
        this(new EventLog());
    }

    /** The table of a compacted topic of {@link #TABLE_TOPICS}. */
    @SuppressWarnings("unchecked")
    public <V> VersionedTable<V> table(Topic<String, V> topic) {
        VersionedTable<V> table = (VersionedTable<V>) tables.get(topic.name());
        if (table == null) {
            throw new IllegalArgumentException("the view does not hold " + topic.name());
        }
        return table;
    }

    /** Applies one record of a table topic (null value: tombstone); older records than the entry's are ignored. */
    public <V> void apply(Topic<String, V> topic, String key, V value, long offset) {
        if (table(topic).apply(key, value, offset)) {
            revision.incrementAndGet();
        }
    }

    /** Remembers one record of the event log. */
    public void addEvent(Event event) {
        events.add(event);
        revision.incrementAndGet();
    }

    public EventLog events() {
        return events;
    }

    /** How many changes the view applied so far; grows with every change. */
    public long revision() {
        return revision.get();
    }
}

package io.korch.gateway.view;

import io.korch.api.Event;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's materialized view of the cluster: one {@link VersionedTable} per compacted topic
 * it serves, and the recent {@link EventLog}. Reads on the event loop come from here.
 *
 * <p>Records arrive from a consumer that reads every topic from the beginning
 * ({@code io.korch.gateway.kafka.ViewFeed}, {@link #apply}) and, for read-your-writes, straight after
 * each of the gateway's acknowledged writes ({@link #applyOwnWrite}). {@link #revision()} counts the
 * changes applied; lists carry it as their resource version. The feed calls
 * {@link #pruneTombstonesIfDue} as it goes, so deleted objects leave nothing behind for longer than
 * {@link #TOMBSTONE_RETENTION} (see {@link VersionedTable} for when a tombstone may go).
 */
public final class ClusterView {

    /** The compacted topics the view holds, in the order they are read. */
    public static final List<Topic<String, ?>> TABLE_TOPICS = List.of(
            Topics.NAMESPACES, Topics.DEPLOYMENTS, Topics.REPLICASETS, Topics.PODS,
            Topics.OWNED_REPLICASETS, Topics.OWNED_PODS, Topics.POD_OWNERS, Topics.DEPLOYMENT_STATUS, Topics.REPLICASET_STATUS,
            Topics.NODE_HEALTH, Topics.BINDINGS, Topics.NODES, Topics.NODE_SPECS, Topics.POD_STATUS);

    /** How long a deletion is remembered at least, once the feed read it. */
    public static final Duration TOMBSTONE_RETENTION = VersionedTable.TOMBSTONE_RETENTION;
    /** How often {@link #pruneTombstonesIfDue} scans the tables: a fraction of the retention. */
    public static final Duration PRUNE_INTERVAL = Duration.ofSeconds(10);

    private final Map<String, VersionedTable<?>> tables = new LinkedHashMap<>();
    private final EventLog events;
    private final Clock clock;
    private final AtomicLong revision = new AtomicLong();
    private final AtomicLong nextPruneMillis = new AtomicLong(Long.MIN_VALUE);

    /** A view remembering {@code events}, whose tombstones age by {@code clock}. */
    public ClusterView(EventLog events, Clock clock) {
        this.events = events;
        this.clock = clock;
        for (Topic<String, ?> topic : TABLE_TOPICS) {
            tables.put(topic.name(), new VersionedTable<>(clock, TOMBSTONE_RETENTION));
        }
    }

    public ClusterView() {
        this(new EventLog(), Clock.systemUTC());
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

    /**
     * Applies one record of a table topic as the feed read it (null value: tombstone); older
     * records than the entry's are ignored.
     */
    public <V> void apply(Topic<String, V> topic, String key, V value, long offset) {
        if (table(topic).apply(key, value, offset)) {
            revision.incrementAndGet();
        }
    }

    /**
     * Applies the gateway's own write of a table topic, acknowledged at {@code offset}, before the
     * feed reads it. Call it between {@link VersionedTable#beginWrite} and
     * {@link VersionedTable#endWrite} of that table.
     */
    public <V> void applyOwnWrite(Topic<String, V> topic, String key, V value, long offset) {
        if (table(topic).applyOwnWrite(key, value, offset)) {
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

    /**
     * Forgets, in every table, the tombstones no older record can arrive after any more; readers see
     * no change.
     *
     * @return how many were forgotten
     */
    public int pruneTombstones() {
        int pruned = 0;
        for (VersionedTable<?> table : tables.values()) {
            pruned += table.pruneTombstones();
        }
        return pruned;
    }

    /** {@link #pruneTombstones}, at most once per {@link #PRUNE_INTERVAL}; 0 when it was not due. */
    public int pruneTombstonesIfDue() {
        long now = clock.millis();
        long due = nextPruneMillis.get();
        if (now < due || !nextPruneMillis.compareAndSet(due, now + PRUNE_INTERVAL.toMillis())) {
            return 0;
        }
        return pruneTombstones();
    }
}

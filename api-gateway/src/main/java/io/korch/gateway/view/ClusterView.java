package io.korch.gateway.view;

import io.korch.model.ApiKind;
import io.korch.topics.ServedTopics;
import io.korch.topics.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's materialized view of the cluster: one {@link VersionedTable} per served topic
 * (events too, as the change log folded them) and the revision of every object it serves. Reads
 * on the event loop come from here.
 *
 * <p>Changes arrive from the change log, read in order by {@code io.korch.gateway.kafka.ViewFeed}
 * ({@link #apply}). The view's {@link #position()} is the revision of the latest change applied:
 * the view holds every change up to it and none after, so lists carry it as their resourceVersion
 * and a watch from it misses nothing. An object's resourceVersion ({@link #objectRevision}) is the
 * revision of the latest change to any of its records — its declaration, its status, its binding.
 * A write waits for the view to reach its revision ({@link #awaitPosition}) before it is answered,
 * so a client reads its own writes on the gateway that took them.
 */
public final class ClusterView {

    /** The served topics the view holds. */
    public static final List<Topic<String, ?>> TABLE_TOPICS = ServedTopics.TOPICS;

    /** How long a deletion is remembered at least, once the feed read it. */
    public static final Duration TOMBSTONE_RETENTION = VersionedTable.TOMBSTONE_RETENTION;
    /** How often {@link #pruneTombstonesIfDue} scans the tables: a fraction of the retention. */
    public static final Duration PRUNE_INTERVAL = Duration.ofSeconds(10);

    private final Map<String, VersionedTable<?>> tables = new LinkedHashMap<>();
    private final Map<String, Long> objectRevisions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicLong position = new AtomicLong();
    private final NavigableMap<Long, List<CompletableFuture<Void>>> waiting = new TreeMap<>();
    private final AtomicLong nextPruneMillis = new AtomicLong(Long.MIN_VALUE);

    /** A view whose tombstones age by {@code clock}. */
    public ClusterView(Clock clock) {
        this.clock = clock;
        for (Topic<String, ?> topic : TABLE_TOPICS) {
            tables.put(topic.name(), new VersionedTable<>(clock, TOMBSTONE_RETENTION));
        }
    }

    public ClusterView() {
        this(Clock.systemUTC());
    }

    private ClusterView(ClusterView under) {
        this.clock = under.clock;
        for (Topic<String, ?> topic : TABLE_TOPICS) {
            tables.put(topic.name(), VersionedTable.over(under.tables.get(topic.name())));
        }
    }

    /**
     * A view laid over {@code live}: it reads like {@code live} until records are {@link #set} in
     * it, which then hide theirs. Object revisions are its own. How the cluster as of an earlier
     * revision is rebuilt from the change log.
     */
    public static ClusterView overlayOn(ClusterView live) {
        return new ClusterView(live);
    }

    /** Sets record {@code key} of {@code topic} to {@code value} (null: deleted) at {@code revision}, whatever it held. */
    public <V> void set(Topic<String, V> topic, String key, V value, long revision) {
        table(topic).set(key, value, revision);
    }

    /** The table of a served topic. */
    @SuppressWarnings("unchecked")
    public <V> VersionedTable<V> table(Topic<String, V> topic) {
        VersionedTable<V> table = (VersionedTable<V>) tables.get(topic.name());
        if (table == null) {
            throw new IllegalArgumentException("the view does not hold " + topic.name());
        }
        return table;
    }

    /**
     * Applies one change of the change log: record {@code key} of {@code topic} became {@code value}
     * (null: deleted) at {@code revision}. Changes older than a record's entry are ignored; the
     * position moves to {@code revision} if that is further.
     *
     * @return whether the view changed
     */
    public <V> boolean apply(Topic<String, V> topic, String key, V value, long revision) {
        boolean changed = table(topic).apply(key, value, revision);
        if (changed) {
            ServedTopics.byName(topic.name()).ifPresent(served -> recordObjectRevision(served, key, value, revision));
        }
        advanceTo(revision);
        return changed;
    }

    /**
     * Moves the position to {@code revision} if that is further, completing the writes that wait
     * for it: every change up to it has been applied.
     */
    public void advanceTo(long revision) {
        if (position.accumulateAndGet(revision, Math::max) != revision) {
            return;
        }
        List<CompletableFuture<Void>> reached = new ArrayList<>();
        synchronized (waiting) {
            NavigableMap<Long, List<CompletableFuture<Void>>> due = waiting.headMap(revision, true);
            due.values().forEach(reached::addAll);
            due.clear();
        }
        reached.forEach(future -> future.complete(null));
    }

    /** Completes once the view holds every change up to {@code revision}; at once if it does. */
    public CompletableFuture<Void> awaitPosition(long revision) {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        synchronized (waiting) {
            if (position.get() < revision) {
                waiting.computeIfAbsent(revision, r -> new ArrayList<>()).add(reached);
                return reached;
            }
        }
        reached.complete(null);
        return reached;
    }

    /** The revision of the latest change applied: the view holds the cluster as of it. 0 before any. */
    public long position() {
        return position.get();
    }

    /** The resourceVersion of object {@code objectKey} of {@code kind}: its latest change's revision, 0 when unknown. */
    public long objectRevision(ApiKind kind, String objectKey) {
        return objectRevisions.getOrDefault(objectRevisionKey(kind, objectKey), 0L);
    }

    /**
     * Forgets, in every table, the tombstones old enough; readers see no change.
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

    /**
     * A declaring record that is written makes its object's revision; one that is deleted drops it
     * unless another record still declares the object; a status, binding or owner record moves the
     * revision of an object that exists.
     */
    private void recordObjectRevision(ServedTopics.Served served, String key, Object value, long revision) {
        String objectKey = ServedTopics.objectKey(served.topic().name(), key);
        String revisionKey = objectRevisionKey(served.kind(), objectKey);
        if (served.declares() && value != null) {
            objectRevisions.merge(revisionKey, revision, Math::max);
        } else if (served.declares() && !declared(served.kind(), objectKey)) {
            objectRevisions.remove(revisionKey);
        } else {
            objectRevisions.computeIfPresent(revisionKey, (k, was) -> Math.max(was, revision));
        }
    }

    private boolean declared(ApiKind kind, String objectKey) {
        return ServedTopics.ALL.stream()
                .filter(served -> served.declares() && served.kind() == kind)
                .anyMatch(served -> tables.get(served.topic().name()).contains(objectKey));
    }

    private static String objectRevisionKey(ApiKind kind, String objectKey) {
        return kind.kind() + "/" + objectKey;
    }
}

package io.korch.gateway.view;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The latest value of every record of one served topic, with the revision of the change that
 * made it, as the change log recorded them.
 *
 * <p>Changes arrive in revision order, except while a reader starts: it reads the change log's
 * snapshot and then the log from a little before the snapshot's end, so a few changes arrive a
 * second time or after a newer one. A change only replaces a record's entry when its revision is
 * newer, and a deletion is kept as a tombstone entry so that an older change arriving late cannot
 * bring the record back. Tombstones are forgotten ({@link #pruneTombstones}) once they are older
 * than the retention (a minute by default), far longer than that start-up overlap.
 *
 * <p>A table may be laid {@link #over} another, to read the cluster as it was: its entries hide
 * those below. Safe for concurrent use; values are never mutated after they are applied.
 *
 * @param <V> the value type
 */
public final class VersionedTable<V> {

    /** How long a tombstone is kept at least. */
    public static final Duration TOMBSTONE_RETENTION = Duration.ofMinutes(1);

    /** One record's entry and when it was applied, by the table's clock. */
    private record Entry<V>(Versioned<V> versioned, long appliedAtMillis) {

        boolean prunable(long cutoffMillis) {
            return versioned.deleted() && appliedAtMillis <= cutoffMillis;
        }
    }

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration tombstoneRetention;
    private final VersionedTable<V> under;

    /** A table whose tombstones are kept at least {@code tombstoneRetention}, as measured by {@code clock}. */
    public VersionedTable(Clock clock, Duration tombstoneRetention) {
        this(clock, tombstoneRetention, null);
    }

    private VersionedTable(Clock clock, Duration tombstoneRetention, VersionedTable<V> under) {
        this.clock = clock;
        this.tombstoneRetention = tombstoneRetention;
        this.under = under;
    }

    /**
     * A table laid over {@code under}: a key it holds an entry of (a tombstone too) reads from
     * it, any other from {@code under}. How the cluster as of an earlier revision is read: the
     * records changed since are laid over the live view with the values they had then.
     */
    public static <V> VersionedTable<V> over(VersionedTable<V> under) {
        return new VersionedTable<>(under.clock, under.tombstoneRetention, under);
    }

    /** Sets {@code key} to {@code value} (null: deleted) at {@code revision}, whatever it held. */
    public void set(String key, V value, long revision) {
        entries.put(key, new Entry<>(new Versioned<>(value, revision), clock.millis()));
    }

    private Entry<V> entry(String key) {
        Entry<V> entry = entries.get(key);
        return entry != null || under == null ? entry : under.entry(key);
    }

    /** A table on the system clock, keeping tombstones {@link #TOMBSTONE_RETENTION}. */
    public VersionedTable() {
        this(Clock.systemUTC(), TOMBSTONE_RETENTION);
    }

    /**
     * Applies the change at {@code revision}: sets {@code key} to {@code value} (null deletes it)
     * unless the table already holds a change of that key at this revision or later.
     *
     * @return whether the table changed
     */
    public boolean apply(String key, V value, long revision) {
        boolean[] applied = {false};
        entries.compute(key, (k, existing) -> {
            if (existing != null && existing.versioned().revision() >= revision) {
                return existing;
            }
            applied[0] = true;
            return new Entry<>(new Versioned<>(value, revision), clock.millis());
        });
        return applied[0];
    }

    /**
     * Forgets the tombstones older than the retention. Readers see no change.
     *
     * @return how many were forgotten
     */
    public int pruneTombstones() {
        long cutoff = clock.millis() - tombstoneRetention.toMillis();
        int[] pruned = {0};
        for (String key : entries.keySet()) {
            entries.computeIfPresent(key, (k, entry) -> {
                if (entry.prunable(cutoff)) {
                    pruned[0]++;
                    return null;
                }
                return entry;
            });
        }
        return pruned[0];
    }

    /** How many entries the table holds, tombstones included. */
    public int size() {
        return entries.size();
    }

    /** The live entry of {@code key}; empty when it never existed or was deleted. */
    public Optional<Versioned<V>> get(String key) {
        Entry<V> entry = entry(key);
        return entry == null || entry.versioned().deleted() ? Optional.empty() : Optional.of(entry.versioned());
    }

    /** The live value of {@code key}, or null. */
    public V value(String key) {
        Entry<V> entry = entry(key);
        return entry == null ? null : entry.versioned().value();
    }

    /** Whether {@code key} is live. */
    public boolean contains(String key) {
        return get(key).isPresent();
    }

    /** Every live entry, in no particular order. */
    public Stream<Map.Entry<String, Versioned<V>>> live() {
        Stream<Map.Entry<String, Versioned<V>>> own = entries.entrySet().stream()
                .filter(entry -> !entry.getValue().versioned().deleted())
                .map(entry -> Map.entry(entry.getKey(), entry.getValue().versioned()));
        if (under == null) {
            return own;
        }
        return Stream.concat(own, under.live().filter(entry -> !entries.containsKey(entry.getKey())));
    }
}

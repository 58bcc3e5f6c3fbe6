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
 * <p>Safe for concurrent use; values are never mutated after they are applied.
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

    /** A table whose tombstones are kept at least {@code tombstoneRetention}, as measured by {@code clock}. */
    public VersionedTable(Clock clock, Duration tombstoneRetention) {
        this.clock = clock;
        this.tombstoneRetention = tombstoneRetention;
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
        Entry<V> entry = entries.get(key);
        return entry == null || entry.versioned().deleted() ? Optional.empty() : Optional.of(entry.versioned());
    }

    /** The live value of {@code key}, or null. */
    public V value(String key) {
        Entry<V> entry = entries.get(key);
        return entry == null ? null : entry.versioned().value();
    }

    /** Whether {@code key} is live. */
    public boolean contains(String key) {
        return get(key).isPresent();
    }

    /** Every live entry, in no particular order. */
    public Stream<Map.Entry<String, Versioned<V>>> live() {
        return entries.entrySet().stream()
                .filter(entry -> !entry.getValue().versioned().deleted())
                .map(entry -> Map.entry(entry.getKey(), entry.getValue().versioned()));
    }
}

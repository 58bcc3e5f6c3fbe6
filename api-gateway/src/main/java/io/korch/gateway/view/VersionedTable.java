package io.korch.gateway.view;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The latest value of every key of one compacted topic, with the offset of the record that holds it.
 *
 * <p>Records arrive from two sources: the log, read in offset order by the view's consumer
 * ({@link #apply}), and the gateway's own acknowledged writes, applied at once for read-your-writes
 * ({@link #applyOwnWrite}), so a record may arrive twice and out of order. A record only replaces a
 * key's entry when its offset is newer, and a deletion is kept as a tombstone entry so that an older
 * record arriving late cannot bring the key back.
 *
 * <p>Tombstones are forgotten ({@link #pruneTombstones}) once no older record of their key can
 * arrive any more, so the table holds the live keys and only the recent deletions. A tombstone at
 * offset T is pruned only when all of these hold:
 * <ol>
 *   <li>the log delivered it: the consumer has passed T in the key's partition, and it reads each
 *       partition in order and resumes after what it read, so it never delivers an older record of
 *       the key again (this is "prune only below the consumer's position", tracked per entry so the
 *       table needs no partition numbers);</li>
 *   <li>no write of the gateway to that key is in flight ({@link #beginWrite}/{@link #endWrite}):
 *       a write acknowledged before T but applied after it would otherwise revive the key. A write
 *       that begins after T was read gets an offset above T, so it needs no such guard;</li>
 *   <li>it is older than the retention (a minute by default), a margin for anything not foreseen.</li>
 * </ol>
 * A low-water offset per partition was the alternative; it would have needed the partition of every
 * record, including the gateway's own writes, for no stronger guarantee.
 *
 * <p>Safe for concurrent use; values are never mutated after they are applied.
 *
 * @param <V> the value type
 */
public final class VersionedTable<V> {

    /** How long a tombstone is kept at least once the log delivered it. */
    public static final Duration TOMBSTONE_RETENTION = Duration.ofMinutes(1);

    /**
     * One key's entry.
     *
     * @param versioned    the value and its offset
     * @param fromLog      whether the consumer delivered the record at this offset (or it came from the log first)
     * @param appliedAtMillis when this offset was first applied, by the table's clock
     */
    private record Entry<V>(Versioned<V> versioned, boolean fromLog, long appliedAtMillis) {

        boolean prunable(long cutoffMillis) {
            return versioned.deleted() && fromLog && appliedAtMillis <= cutoffMillis;
        }
    }

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Map<String, Integer> writesInFlight = new ConcurrentHashMap<>();
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
     * Applies the record at {@code offset} as the consumer read it from the log: sets {@code key} to
     * {@code value} (null deletes it) unless the table already holds a record of that key at this
     * offset or later.
     *
     * @return whether the table changed
     */
    public boolean apply(String key, V value, long offset) {
        boolean[] applied = {false};
        entries.compute(key, (k, existing) -> {
            if (existing != null && existing.versioned().offset() > offset) {
                return existing;
            }
            if (existing != null && existing.versioned().offset() == offset) {
                // the gateway's own write, applied before: now the log has delivered it too
                return existing.fromLog() ? existing : new Entry<>(existing.versioned(), true, existing.appliedAtMillis());
            }
            applied[0] = true;
            return new Entry<>(new Versioned<>(value, offset), true, clock.millis());
        });
        return applied[0];
    }

    /**
     * Applies the gateway's own write, acknowledged at {@code offset}, ahead of the consumer: like
     * {@link #apply}, but the log has still to deliver it.
     *
     * @return whether the table changed
     */
    public boolean applyOwnWrite(String key, V value, long offset) {
        boolean[] applied = {false};
        entries.compute(key, (k, existing) -> {
            if (existing != null && existing.versioned().offset() >= offset) {
                return existing;
            }
            applied[0] = true;
            return new Entry<>(new Versioned<>(value, offset), false, clock.millis());
        });
        return applied[0];
    }

    /** Marks a write to {@code key} as in flight, before it is sent; its tombstone is kept until {@link #endWrite}. */
    public void beginWrite(String key) {
        writesInFlight.merge(key, 1, Integer::sum);
    }

    /** Marks a write begun with {@link #beginWrite} as done: acknowledged and applied, or failed. */
    public void endWrite(String key) {
        writesInFlight.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
    }

    /**
     * Forgets the tombstones no older record of their key can arrive after (see the class comment).
     * Readers see no change.
     *
     * @return how many were forgotten
     */
    public int pruneTombstones() {
        long cutoff = clock.millis() - tombstoneRetention.toMillis();
        int[] pruned = {0};
        for (String key : entries.keySet()) {
            entries.computeIfPresent(key, (k, entry) -> {
                if (entry.prunable(cutoff) && !writesInFlight.containsKey(k)) {
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

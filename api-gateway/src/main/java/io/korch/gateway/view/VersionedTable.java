package io.korch.gateway.view;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The latest value of every key of one compacted topic, with the offset of the record that holds it.
 *
 * <p>Records may arrive twice — once applied right after the gateway's own acknowledged write and
 * again from the consumer — so a record only replaces a key's entry when its offset is newer.
 * Tombstones are kept as entries without a value so an older record arriving late cannot bring a
 * deleted key back. Safe for concurrent use; values are never mutated after they are applied.
 *
 * @param <V> the value type
 */
public final class VersionedTable<V> {

    private final Map<String, Versioned<V>> entries = new ConcurrentHashMap<>();

    /**
     * Applies the record at {@code offset}: sets {@code key} to {@code value} (null deletes it)
     * unless the table already holds a record of that key at this offset or later.
     *
     * @return whether the table changed
     */
    public boolean apply(String key, V value, long offset) {
        boolean[] applied = {false};
        entries.compute(key, (k, existing) -> {
            if (existing != null && existing.offset() >= offset) {
                return existing;
            }
            applied[0] = true;
            return new Versioned<>(value, offset);
        });
        return applied[0];
    }

    /** The live entry of {@code key}; empty when it never existed or was deleted. */
    public Optional<Versioned<V>> get(String key) {
        Versioned<V> entry = entries.get(key);
        return entry == null || entry.deleted() ? Optional.empty() : Optional.of(entry);
    }

    /** The live value of {@code key}, or null. */
    public V value(String key) {
        Versioned<V> entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    /** Whether {@code key} is live. */
    public boolean contains(String key) {
        return get(key).isPresent();
    }

    /** Every live entry, in no particular order. */
    public Stream<Map.Entry<String, Versioned<V>>> live() {
        return entries.entrySet().stream().filter(entry -> !entry.getValue().deleted());
    }
}

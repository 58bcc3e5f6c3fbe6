package io.korch.controllers;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An input record about to be written to the store that mirrors its topic, and the index entries
 * it implies ({@link #and}). While a step is planned the stores are not touched yet, so the
 * planning reads through these writes ({@link #read}, {@link #scan}) to see the stores as they will
 * be; the writes themselves become the step's first effects ({@link #addTo}).
 *
 * @param store    the store the record goes to, or null when the step has no input record
 * @param key      its key
 * @param value    its value; null deletes the key
 * @param previous the write planned before this one, or null
 * @param <V>      the value type
 */
public record InputWrite<V>(KeyValueStore<String, V> store, String key, V value, InputWrite<?> previous) {

    private static final InputWrite<Object> NONE = new InputWrite<>(null, null, null);
    private static final StringSerializer KEYS = new StringSerializer();

    /** The write of {@code value} at {@code key} of {@code store}, the only one of its step. */
    public InputWrite(KeyValueStore<String, V> store, String key, V value) {
        this(store, key, value, null);
    }

    /** No input record: a step started by the clock. */
    @SuppressWarnings("unchecked")
    public static <V> InputWrite<V> none() {
        return (InputWrite<V>) NONE;
    }

    /** These writes followed by the write of {@code value} (null: a deletion) at {@code key} of {@code to}. */
    public <W> InputWrite<W> and(KeyValueStore<String, W> to, String at, W written) {
        return new InputWrite<>(to, at, written, this);
    }

    /** The value at {@code at} in {@code from} once these writes are applied. */
    @SuppressWarnings("unchecked")
    public <T> T read(KeyValueStore<String, T> from, String at) {
        for (InputWrite<?> write = this; write != null; write = write.previous) {
            if (write.store != null && from == write.store && write.key.equals(at)) {
                return (T) write.value;
            }
        }
        return from.get(at);
    }

    /** The entries of {@code from} whose keys start with {@code prefix}, once these writes are applied. */
    @SuppressWarnings("unchecked")
    public <T> Map<String, T> scan(KeyValueStore<String, T> from, String prefix) {
        Map<String, T> entries = new LinkedHashMap<>();
        try (KeyValueIterator<String, T> found = from.prefixScan(prefix, KEYS)) {
            found.forEachRemaining(entry -> entries.put(entry.key, entry.value));
        }
        Set<String> seen = new HashSet<>();
        for (InputWrite<?> write = this; write != null; write = write.previous) {
            if (write.store != null && from == write.store && write.key.startsWith(prefix) && seen.add(write.key)) {
                if (write.value == null) {
                    entries.remove(write.key);
                } else {
                    entries.put(write.key, (T) write.value);
                }
            }
        }
        return entries;
    }

    /** Adds the writes to {@code effects}, in the order they were planned. */
    public void addTo(Effects effects) {
        if (previous != null) {
            previous.addTo(effects);
        }
        if (store != null) {
            effects.put(store, key, value);
        }
    }
}

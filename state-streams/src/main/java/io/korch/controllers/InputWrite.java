package io.korch.controllers;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An input record about to be written to the store that mirrors its topic. While a step is planned
 * the store is not touched yet, so the planning reads through this write ({@link #read}) to see the
 * store as it will be; the write itself becomes the step's first effect ({@link #addTo}).
 *
 * @param store the store the record goes to, or null when the step has no input record
 * @param key   its key
 * @param value its value; null deletes the key
 * @param <V>   the value type
 */
public record InputWrite<V>(KeyValueStore<String, V> store, String key, V value) {

    private static final InputWrite<Object> NONE = new InputWrite<>(null, null, null);

    /** No input record: a step started by the clock. */
    @SuppressWarnings("unchecked")
    public static <V> InputWrite<V> none() {
        return (InputWrite<V>) NONE;
    }

    /** The value at {@code at} in {@code from} once this write is applied. */
    @SuppressWarnings("unchecked")
    public <T> T read(KeyValueStore<String, T> from, String at) {
        if (store != null && from == store && key.equals(at)) {
            return (T) value;
        }
        return from.get(at);
    }

    /** Adds the write to {@code effects}. */
    public void addTo(Effects effects) {
        if (store != null) {
            effects.put(store, key, value);
        }
    }
}

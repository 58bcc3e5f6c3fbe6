package io.korch.controllers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * When each of a controller's objects next needs a reconcile that no input record will bring — a
 * rollout's progress deadline, a ready pod's {@code minReadySeconds} running out — kept in a store
 * (key → epoch milliseconds) so it survives a restart. The controller records the time as part of
 * a step's {@link Effects} and, on its wall-clock punctuation, reconciles the keys that are due.
 */
public final class DueTimes {

    private final KeyValueStore<String, Long> store;

    public DueTimes(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    /** Adds to {@code effects} that {@code key} is due at {@code due}, or, when null, no longer due. */
    public void record(Effects effects, String key, Instant due) {
        Long recorded = store.get(key);
        if (due == null && recorded != null) {
            effects.delete(store, key);
        } else if (due != null && !Long.valueOf(due.toEpochMilli()).equals(recorded)) {
            effects.put(store, key, due.toEpochMilli());
        }
    }

    /** The keys due by {@code now}. */
    public List<String> dueBy(Instant now) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value <= now.toEpochMilli()) {
                    due.add(entry.key);
                }
            });
        }
        return due;
    }
}

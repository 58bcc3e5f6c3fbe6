package io.korch.controllers;

import io.korch.controllers.metrics.ReconcileMeters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The side effects of one processor step — store writes and records to forward — collected while
 * the step is planned and carried out together afterwards.
 *
 * <p>Every controller processor works in two phases. It first <em>plans</em>: it reads its stores,
 * runs its pure reconcile step and records here what to write and forward, touching nothing. Then
 * it <em>applies</em> the effects, in the order they were added. Everything that can fail because
 * of the input — an unexpected record, a bug in a reconcile step — fails while planning, so a step
 * either has all of its effects or none. {@link #plan} reports such a failure as a
 * {@link ReconcileException}, which the controllers skip ({@link ControllersConfig#SKIP_RULE}); any failure while
 * applying stops the application, whose exactly-once transaction then rolls the partial step back.
 */
public final class Effects {

    private final ProcessorContext<String, SpecificRecord> context;
    private final List<Runnable> steps = new ArrayList<>();

    /** No effects yet; forwarded records go to children of {@code context}. */
    public Effects(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
    }

    /**
     * Runs {@code planner}, which must only read, and returns the effects it planned; the step is
     * counted and timed as a reconcile of the controller {@code planner} belongs to ({@link ReconcileMeters}).
     *
     * @param context the context of the processor that plans, whose application the step is counted in
     * @param trigger what started the step, such as {@code the record at key default/web}, for the message of a failure
     * @throws ReconcileException when planning fails; nothing was written or forwarded. Kafka
     *                            Streams' own exceptions (state stores, task migration) pass unwrapped.
     */
    public static Effects plan(ProcessorContext<?, ?> context, String trigger, Supplier<Effects> planner) {
        try {
            return ReconcileMeters.of(context).measure(planner);
        } catch (StreamsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ReconcileException(trigger, e);
        }
    }

    /** Writes {@code value} at {@code key} of {@code store}; a null value deletes the key. */
    public <V> Effects put(KeyValueStore<String, V> store, String key, V value) {
        if (value == null) {
            steps.add(() -> store.delete(key));
        } else {
            steps.add(() -> store.put(key, value));
        }
        return this;
    }

    /** Deletes {@code key} from {@code store}. */
    public <V> Effects delete(KeyValueStore<String, V> store, String key) {
        return put(store, key, null);
    }

    /** Forwards {@code value} (null: a tombstone) at {@code key} to the child processor or sink {@code child}. */
    public Effects forward(String child, String key, SpecificRecord value, Instant timestamp) {
        Record<String, SpecificRecord> record = new Record<>(key, value, timestamp.toEpochMilli());
        steps.add(() -> context.forward(record, child));
        return this;
    }

    /** Whether nothing is planned. */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Carries the effects out, in the order they were added. */
    public void apply() {
        steps.forEach(Runnable::run);
    }
}

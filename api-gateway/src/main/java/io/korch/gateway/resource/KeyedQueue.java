package io.korch.gateway.resource;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs asynchronous operations one at a time per key: an operation on a key starts only after the
 * previous one on that key completed, so each sees the outcome of the one before (two concurrent
 * creates of one name: the second finds the first's object). Operations on different keys run
 * concurrently.
 *
 * <p>Confined to one event loop (the API verticle's), hence no locking.
 */
public final class KeyedQueue {

    private final Map<String, Future<?>> tails = new HashMap<>();

    /** Runs {@code operation} once every earlier operation on {@code key} has completed. */
    public <R> Future<R> run(String key, Supplier<Future<R>> operation) {
        Future<?> previous = tails.getOrDefault(key, Future.succeededFuture());
        Future<R> result = previous.transform(ignored -> start(operation));
        tails.put(key, result);
        result.onComplete(ignored -> tails.remove(key, result));
        return result;
    }

    /** Whether operations are queued or running on {@code key}. */
    public boolean busy(String key) {
        return tails.containsKey(key);
    }

    private static <R> Future<R> start(Supplier<Future<R>> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}

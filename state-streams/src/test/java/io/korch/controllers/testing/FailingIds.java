package io.korch.controllers.testing;

import io.korch.controllers.Ids;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link SequentialIds} that can be told to fail: the next call after {@link #failNext} throws the
 * given failure instead of answering, as a reconcile step with a bug would. Safe to arm from a test
 * thread while a stream thread calls it.
 */
public final class FailingIds implements Ids {

    private final SequentialIds ids = new SequentialIds();
    private final AtomicReference<Throwable> next = new AtomicReference<>();

    /** Makes the next call throw {@code failure}, a RuntimeException or an Error. */
    public void failNext(Throwable failure) {
        if (!(failure instanceof RuntimeException) && !(failure instanceof Error)) {
            throw new IllegalArgumentException("only unchecked failures can be thrown: " + failure);
        }
        next.set(failure);
    }

    @Override
    public synchronized String uid() {
        throwIfArmed();
        return ids.uid();
    }

    @Override
    public synchronized String nameSuffix() {
        throwIfArmed();
        return ids.nameSuffix();
    }

    private void throwIfArmed() {
        Throwable failure = next.getAndSet(null);
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
    }
}

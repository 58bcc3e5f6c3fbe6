package io.korch.gateway.kafka;

import java.time.Duration;

/**
 * Bounded exponential back-off: the delays before successive retries double from {@code initial}
 * up to {@code max}, and start over from {@code initial} after a {@link #reset}. Not thread-safe;
 * owned by the one thread that retries.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private int failures;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
    }

    /** Counts one more failure and returns how long to wait before the next attempt. */
    public Duration next() {
        Duration delay = initial;
        for (int i = 0; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        failures++;
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** How many failures were counted since the last success. */
    public int failures() {
        return failures;
    }

    /** A success: the next failure waits {@code initial} again. */
    public void reset() {
        failures = 0;
    }
}

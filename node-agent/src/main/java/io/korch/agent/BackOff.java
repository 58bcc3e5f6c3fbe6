package io.korch.agent;

import java.time.Duration;

/**
 * The restart back-off: 1 s before the first restart, doubling per consecutive failure up to 30 s. A
 * container that ran for 10 s or more before exiting starts over at 1 s.
 */
public final class BackOff {

    /** Delay at level 0. */
    public static final Duration INITIAL = Duration.ofSeconds(1);
    /** The longest delay. */
    public static final Duration MAX = Duration.ofSeconds(30);
    /** A run at least this long resets the level to 0. */
    public static final Duration RESET_AFTER = Duration.ofSeconds(10);

    private BackOff() {
    }

    /** The delay at {@code level} consecutive failures: 1 s, 2 s, 4 s ... at most {@link #MAX}. */
    public static Duration delay(int level) {
        if (level >= 5) {
            return MAX;
        }
        Duration delay = INITIAL.multipliedBy(1L << Math.max(0, level));
        return delay.compareTo(MAX) > 0 ? MAX : delay;
    }
}

package io.korch.agent;

import java.time.Duration;

/**
 * The restart back-off of Kubernetes' kubelet: the first restart of a failed container is immediate, then
 * the container waits 10 s, 20 s, 40 s ... at most 5 min before each further restart. A container that ran
 * for 10 min or more before exiting starts over.
 */
public final class BackOff {

    /** Delay before the second restart in a row. */
    public static final Duration INITIAL = Duration.ofSeconds(10);
    /** The longest delay. */
    public static final Duration MAX = Duration.ofMinutes(5);
    /** A run at least this long resets the level to 0. */
    public static final Duration RESET_AFTER = Duration.ofMinutes(10);

    private BackOff() {
    }

    /** The delay after {@code level} restarts in a row: 0, 10 s, 20 s, 40 s ... at most {@link #MAX}. */
    public static Duration delay(int level) {
        if (level <= 0) {
            return Duration.ZERO;
        }
        if (level > 10) {
            return MAX;
        }
        Duration delay = INITIAL.multipliedBy(1L << (level - 1));
        return delay.compareTo(MAX) > 0 ? MAX : delay;
    }
}

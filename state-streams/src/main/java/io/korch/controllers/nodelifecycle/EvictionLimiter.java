package io.korch.controllers.nodelifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The token bucket that paces evictions, with a burst of one as in Kubernetes: at {@code rate}
 * nodes per second it allows one eviction, then the next one {@code 1 / rate} seconds later. A
 * rate of zero allows none. An immutable value: each step returns a new one.
 *
 * <p>When evictions resume after a rate of zero, the bucket starts empty, as Kubernetes hands over
 * a drained limiter when it swaps a stopped one: a cluster leaving a full disruption first gives
 * its nodes {@code 1 / rate} seconds to come back before it evicts one.
 *
 * @param rate   nodes per second
 * @param tokens evictions allowed now, between 0 and 1
 * @param at     when {@code tokens} was counted
 */
public record EvictionLimiter(double rate, double tokens, Instant at) {

    private static final double BURST = 1;

    public EvictionLimiter {
        Objects.requireNonNull(at, "at");
    }

    /** A full bucket at {@code rate}, counted at {@code now}. */
    public static EvictionLimiter full(double rate, Instant now) {
        return new EvictionLimiter(rate, BURST, now);
    }

    /** This bucket at {@code now}, refilled at its rate since it was counted, and going on at {@code newRate}. */
    public EvictionLimiter at(double newRate, Instant now) {
        if (!now.isAfter(at)) {
            return new EvictionLimiter(newRate, resumed(newRate) ? 0 : tokens, at);
        }
        double seconds = Duration.between(at, now).toNanos() / 1e9;
        double refilled = Math.min(BURST, tokens + rate * seconds);
        return new EvictionLimiter(newRate, resumed(newRate) ? 0 : refilled, now);
    }

    /** Whether an eviction is allowed now. */
    public boolean allows() {
        return rate > 0 && tokens >= 1;
    }

    /** This bucket with one eviction taken. */
    public EvictionLimiter take() {
        if (!allows()) {
            throw new IllegalStateException("no eviction allowed: " + this);
        }
        return new EvictionLimiter(rate, tokens - 1, at);
    }

    private boolean resumed(double newRate) {
        return rate <= 0 && newRate > 0;
    }
}

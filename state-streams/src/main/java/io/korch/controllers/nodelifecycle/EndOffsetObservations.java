package io.korch.controllers.nodelifecycle;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turns the end offsets of one partition, looked at over time, and the controller's position into
 * the time up to which it has read the partition ({@link ReadPosition#readUpTo}).
 *
 * <p>An end offset {@code E} seen at time {@code t} (taken before asking) covers every record written
 * before {@code t}; once the position reaches {@code E}, all of them have been read, so the partition
 * is read up to {@code t}. The observations not reached yet are kept in order; a controller that
 * trails its input by a few records therefore still moves {@code readUpTo} forward, to the newest
 * observation it has passed. At most {@value #MAX_PENDING} are kept: forgetting older ones can only
 * hold {@code readUpTo} back, never move it past what was read. Not thread-safe: one poller owns it.
 */
final class EndOffsetObservations {

    /** Bounds the memory of a controller that lags far behind. */
    static final int MAX_PENDING = 256;

    private record Observation(long endOffset, Instant at) {
    }

    private final Deque<Observation> pending = new ArrayDeque<>();
    private Instant readUpTo;

    /**
     * Notes that the partition ended at {@code endOffset} at {@code at}, and that the position is
     * {@code position} now, and returns how far the partition has been read.
     */
    ReadPosition observe(long endOffset, Instant at, long position) {
        pending.addLast(new Observation(endOffset, at));
        while (!pending.isEmpty() && pending.peekFirst().endOffset() <= position) {
            Observation reached = pending.removeFirst();
            if (readUpTo == null || reached.at().isAfter(readUpTo)) {
                readUpTo = reached.at();
            }
        }
        while (pending.size() > MAX_PENDING) {
            pending.removeFirst();
        }
        return new ReadPosition(position, endOffset, readUpTo);
    }
}

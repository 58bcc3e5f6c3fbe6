package io.korch.controllers.nodelifecycle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How far the node-lifecycle controller has read one partition of {@code korch.nodes}.
 *
 * @param offset    its position: every record below it has been processed, and its effects committed
 * @param endOffset the end of the partition when last looked at
 * @param readUpTo  the time up to which the partition has been read: every record written to it
 *                  before then lies below {@code offset}. Null while not known: the controller has
 *                  not yet caught up with any end offset it saw. Kept to the millisecond, the
 *                  precision verdicts record it with, so a verdict's evidence shows what it was judged on.
 * @param heartbeatsResumedAt when the heartbeat log last started growing again after it stood still
 *                  ({@link LogStall}), or null if it never did: no node is silent for the stall itself
 * @param heartbeatsStalledSince since when the heartbeat log has stood still, or null while it grows
 */
public record ReadPosition(long offset, long endOffset, Instant readUpTo, Instant heartbeatsResumedAt,
                           Instant heartbeatsStalledSince) {

    public ReadPosition {
        readUpTo = readUpTo == null ? null : readUpTo.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A position of a log that never stalled. */
    public ReadPosition(long offset, long endOffset, Instant readUpTo) {
        this(offset, endOffset, readUpTo, null, null);
    }

    /** This position, in a log that last resumed after a stall at {@code resumedAt} (null: never). */
    public ReadPosition withHeartbeatsResumedAt(Instant resumedAt) {
        return new ReadPosition(offset, endOffset, readUpTo, resumedAt, heartbeatsStalledSince);
    }

    /** This position, in a log that has stood still since {@code since} (null: it grows). */
    public ReadPosition withHeartbeatsStalledSince(Instant since) {
        return new ReadPosition(offset, endOffset, readUpTo, heartbeatsResumedAt, since);
    }

    /** The records of the partition not read yet, when last looked at. */
    public long lag() {
        return Math.max(0, endOffset - offset);
    }
}

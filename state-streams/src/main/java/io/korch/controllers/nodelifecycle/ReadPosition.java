package io.korch.controllers.nodelifecycle;

import java.time.Instant;

/**
 * How far the node-lifecycle controller has read one partition of {@code korch.nodes}.
 *
 * @param offset    its position: every record below it has been processed, and its effects committed
 * @param endOffset the end of the partition when last looked at
 * @param readUpTo  the time up to which the partition has been read: every record written to it
 *                  before then lies below {@code offset}. Null while not known: the controller has
 *                  not yet caught up with any end offset it saw.
 */
public record ReadPosition(long offset, long endOffset, Instant readUpTo) {

    /** The records of the partition not read yet, when last looked at. */
    public long lag() {
        return Math.max(0, endOffset - offset);
    }
}

package io.korch.controllers.nodelifecycle;

import io.korch.topics.Topics;
import java.time.Instant;
import java.util.Objects;

/**
 * A heartbeat as the node-lifecycle controller read it from {@code korch.nodes}: when the node sent
 * it, and where it lies in the log.
 *
 * @param time      when the node sent it: its Ready condition's lastHeartbeatTime, else the record time
 * @param partition the partition of {@code korch.nodes} holding it
 * @param offset    its offset in that partition; {@value #UNKNOWN_OFFSET} when not known (a verdict
 *                  written before offsets were recorded)
 */
public record Heartbeat(Instant time, int partition, long offset) {

    /** The offset of a heartbeat whose place in the log is not known. */
    public static final long UNKNOWN_OFFSET = -1;

    public Heartbeat {
        Objects.requireNonNull(time, "time");
    }

    /** {@code korch.nodes-0@41}, or {@code korch.nodes-0} when the offset is not known. */
    public String where() {
        String partitionName = Topics.NODES.name() + "-" + partition;
        return offset == UNKNOWN_OFFSET ? partitionName : partitionName + "@" + offset;
    }
}

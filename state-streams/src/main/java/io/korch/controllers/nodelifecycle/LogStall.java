package io.korch.controllers.nodelifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Tells when the heartbeat log as a whole started growing again after it stood still: no record
 * appended to any partition of {@code korch.nodes} for longer than a threshold. Every live node
 * heartbeats every second, so a log that stands still most likely means nobody could write to it
 * (a stalled broker, a fault on the writers' side of the network) rather than that every node died
 * at once. While it stands still, verdicts wait a while ({@link NodeLifecycle#silent}); once it
 * resumes, a node is judged from the moment it resumed, not from its last heartbeat before the stall.
 *
 * <p>Fed, in time order, with the sum of the partitions' end offsets as the read-position poller
 * sees it. Not thread-safe: the poller's thread alone uses it.
 */
final class LogStall {

    private final Duration threshold;
    private long lastTotal = -1;
    private Instant lastGrowthAt;
    private Instant resumedAt;
    private Instant lastAt;

    /** @param threshold how long the log may stand still before it counts as stalled */
    LogStall(Duration threshold) {
        this.threshold = Objects.requireNonNull(threshold, "threshold");
    }

    /**
     * Observes that the partitions' end offsets summed up to {@code total} at {@code at}.
     *
     * @return when the log last resumed after a stall, or null if it never stalled
     */
    Instant observe(long total, Instant at) {
        lastAt = at;
        if (lastTotal < 0 || total < lastTotal) {
            // the first look, or a topic recreated: growth counts from here
            lastTotal = total;
            lastGrowthAt = at;
        } else if (total > lastTotal) {
            if (Duration.between(lastGrowthAt, at).compareTo(threshold) > 0) {
                resumedAt = at;
            }
            lastTotal = total;
            lastGrowthAt = at;
        }
        return resumedAt;
    }

    /** Since when the log has stood still, as of the last observation; null while it grows. */
    Instant stalledSince() {
        if (lastGrowthAt == null || Duration.between(lastGrowthAt, lastAt).compareTo(threshold) <= 0) {
            return null;
        }
        return lastGrowthAt;
    }
}

package io.korch.controllers.nodelifecycle;

import java.time.Duration;
import java.time.Instant;

/**
 * Tells the node-lifecycle controller since when its view of the heartbeats is current, so that it
 * counts a node's silence only from then on and never mistakes its own backlog for a lost node.
 *
 * <p>The view is current ({@link #watchingSince()} not null) from the first heartbeat processed
 * that is at most half a grace period old, or, when no heartbeat arrives at all, once the input
 * has been quiet for a whole grace period (there is nothing left to read). It stops being current
 * when a heartbeat older than half a grace period is processed: the controller lags behind its
 * input, after a restart or under load, and opens again only when it has caught up. Agents and
 * controllers are assumed to have clocks synchronized well within half a grace period.
 */
public final class CatchUpGate {

    private final Duration grace;
    private final Duration maxLag;
    private Instant quietSince;
    private Instant watchingSince;

    /** A gate for a controller that started reading at {@code startedAt}, still closed. */
    public CatchUpGate(Duration grace, Instant startedAt) {
        this.grace = grace;
        this.maxLag = grace.dividedBy(2);
        this.quietSince = startedAt;
    }

    /** Notes that a heartbeat sent at {@code heartbeat} was processed at {@code now}. */
    public void heartbeatProcessed(Instant heartbeat, Instant now) {
        quietSince = now;
        boolean fresh = !heartbeat.isBefore(now.minus(maxLag));
        if (!fresh) {
            watchingSince = null;
        } else if (watchingSince == null) {
            watchingSince = now;
        }
    }

    /** Notes the wall-clock time {@code now}: a long enough quiet input opens the gate. */
    public void tick(Instant now) {
        if (watchingSince == null && !now.isBefore(quietSince.plus(grace))) {
            watchingSince = now;
        }
    }

    /** Since when the view is current, or null while the controller is catching up. */
    public Instant watchingSince() {
        return watchingSince;
    }
}

package io.korch.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the agent remembers about one pod container between reconcile passes, beyond what the runtime
 * shows: restarts, the back-off level, and the last failure to create or start it. Immutable; each
 * transition returns a new value.
 *
 * @param restartCount         how often the container was started again after exiting
 * @param backOffLevel         consecutive failures, the exponent of {@link BackOff#delay}
 * @param retryAt              no create or start is attempted before this time, or null
 * @param backOffAnnouncedFor  the exit (its finish time) a BackOff event was already published for, or null
 * @param waitingReason        why the last create or start failed ({@code ErrImageNeverPull}...), or null
 * @param waitingMessage       the failure's message, or null
 */
public record ContainerHistory(
        int restartCount,
        int backOffLevel,
        Instant retryAt,
        Instant backOffAnnouncedFor,
        String waitingReason,
        String waitingMessage) {

    /** A container the agent knows nothing about yet. */
    public static final ContainerHistory NEW = new ContainerHistory(0, 0, null, null, null, null);

    /** A container adopted with a restart count known from an earlier report. */
    public static ContainerHistory adopted(int restartCount) {
        return new ContainerHistory(restartCount, 0, null, null, null, null);
    }

    /** After restarting an exited container whose failure streak was {@code level}. */
    public ContainerHistory restarted(int level) {
        return new ContainerHistory(restartCount + 1, level + 1, null, backOffAnnouncedFor, null, null);
    }

    /** After a successful create and start, or start: the last failure is over. */
    public ContainerHistory started() {
        return new ContainerHistory(restartCount, backOffLevel, null, backOffAnnouncedFor, null, null);
    }

    /** After a BackOff event was published for the exit that finished at {@code finishedAt}. */
    public ContainerHistory announced(Instant finishedAt) {
        return new ContainerHistory(restartCount, backOffLevel, retryAt, finishedAt, waitingReason, waitingMessage);
    }

    /** After a create or start failed at {@code now}: wait out the back-off, one level longer each time. */
    public ContainerHistory failed(String reason, String message, Instant now) {
        Duration delay = BackOff.delay(backOffLevel);
        return new ContainerHistory(restartCount, backOffLevel + 1, now.plus(delay), backOffAnnouncedFor,
                reason, message);
    }

    /** Whether a failure is recorded whose reason or message differs from {@code other}'s. */
    public boolean failureDiffersFrom(ContainerHistory other) {
        return waitingReason != null
                && (!waitingReason.equals(other.waitingReason) || !Objects.equals(waitingMessage, other.waitingMessage));
    }
}

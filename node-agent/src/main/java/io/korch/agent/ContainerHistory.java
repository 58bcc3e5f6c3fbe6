package io.korch.agent;

import io.korch.api.ContainerStateTerminated;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the agent remembers about one pod container between reconcile passes, beyond what the runtime
 * shows: restarts, the back-off level, how its last run ended, and the last failure to create or start it.
 * Immutable; each transition returns a new value.
 *
 * @param restartCount         how often the container was started again after exiting
 * @param backOffLevel         restarts in a row without a long run, the exponent of {@link BackOff#delay}
 * @param retryAt              no create or start is attempted before this time, or null
 * @param backOffAnnouncedFor  the exit (its finish time) a BackOff event was already published for, or null
 * @param waitingReason        why the last create or start failed ({@code ErrImageNeverPull}...), or null
 * @param waitingMessage       the failure's message, or null
 * @param lastTermination      how the run before the current one ended (the status' {@code lastState}), or null
 */
public record ContainerHistory(
        int restartCount,
        int backOffLevel,
        Instant retryAt,
        Instant backOffAnnouncedFor,
        String waitingReason,
        String waitingMessage,
        ContainerStateTerminated lastTermination) {

    /** A container the agent knows nothing about yet. */
    public static final ContainerHistory NEW = new ContainerHistory(0, 0, null, null, null, null, null);

    /** A history without a known last termination. */
    public ContainerHistory(int restartCount, int backOffLevel, Instant retryAt, Instant backOffAnnouncedFor,
                            String waitingReason, String waitingMessage) {
        this(restartCount, backOffLevel, retryAt, backOffAnnouncedFor, waitingReason, waitingMessage, null);
    }

    /** A container adopted with a restart count and last termination known from an earlier report. */
    public static ContainerHistory adopted(int restartCount, ContainerStateTerminated lastTermination) {
        return new ContainerHistory(restartCount, 0, null, null, null, null, lastTermination);
    }

    /** A container adopted with a restart count known from an earlier report. */
    public static ContainerHistory adopted(int restartCount) {
        return adopted(restartCount, null);
    }

    /** After restarting an exited container, whose run ended as {@code ended}, at back-off {@code level}. */
    public ContainerHistory restarted(int level, ContainerStateTerminated ended) {
        return new ContainerHistory(restartCount + 1, level + 1, null, backOffAnnouncedFor, null, null, ended);
    }

    /** After restarting an exited container at back-off {@code level}. */
    public ContainerHistory restarted(int level) {
        return restarted(level, lastTermination);
    }

    /**
     * After the container was removed because its pod's sandbox changed, to be created anew in the new one:
     * that counts as a restart, as in Kubernetes; {@code ended} is how its run ended if it had, else null.
     */
    public ContainerHistory recreated(ContainerStateTerminated ended) {
        return new ContainerHistory(restartCount + 1, backOffLevel, null, backOffAnnouncedFor, null, null,
                ended != null ? ended : lastTermination);
    }

    /** After a successful create and start, or start: the last failure is over. */
    public ContainerHistory started() {
        return new ContainerHistory(restartCount, backOffLevel, null, backOffAnnouncedFor, null, null,
                lastTermination);
    }

    /** After a BackOff event was published for the exit that finished at {@code finishedAt}. */
    public ContainerHistory announced(Instant finishedAt) {
        return new ContainerHistory(restartCount, backOffLevel, retryAt, finishedAt, waitingReason, waitingMessage,
                lastTermination);
    }

    /** After a create or start failed at {@code now}: wait out the back-off, one level longer each time. */
    public ContainerHistory failed(String reason, String message, Instant now) {
        Duration delay = BackOff.delay(backOffLevel + 1);
        return new ContainerHistory(restartCount, backOffLevel + 1, now.plus(delay), backOffAnnouncedFor,
                reason, message, lastTermination);
    }

    /** Whether a failure is recorded whose reason or message differs from {@code other}'s. */
    public boolean failureDiffersFrom(ContainerHistory other) {
        return waitingReason != null
                && (!waitingReason.equals(other.waitingReason) || !Objects.equals(waitingMessage, other.waitingMessage));
    }
}

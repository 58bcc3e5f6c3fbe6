package io.korch.agent.probe;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides which probe failures become events: a failure whose message differs from the last one published,
 * or the same failure again once {@link #REPEAT} has passed, so a probe failing every period does not
 * publish an event every period (Kubernetes aggregates such events by count). A success clears the memory,
 * so the next failure is told again. Pure; not thread-safe.
 */
public final class EventThrottle {

    /** The same failure is told again at most this often. */
    public static final Duration REPEAT = Duration.ofMinutes(1);

    private String lastMessage;
    private Instant lastAt;

    /** Whether the failure worded {@code message} at {@code now} is to be published; remembers it if so. */
    public boolean failed(String message, Instant now) {
        if (message.equals(lastMessage) && Duration.between(lastAt, now).compareTo(REPEAT) < 0) {
            return false;
        }
        lastMessage = message;
        lastAt = now;
        return true;
    }

    /** The probe passed: the next failure is new. */
    public void succeeded() {
        lastMessage = null;
        lastAt = null;
    }
}

package io.korch.agent.runtime;

import java.time.Instant;

/**
 * Which part of a container's log to read, as {@code kubectl logs} asks for it.
 *
 * @param previous  the runs before the container's latest start instead of the latest run
 * @param follow    keep streaming new entries until the container stops or the reader closes the stream
 * @param since     only entries written at or after this time, or null for all
 * @param tailLines only the last this many entries, or null for all
 */
public record LogRequest(boolean previous, boolean follow, Instant since, Integer tailLines) {

    public LogRequest {
        if (tailLines != null && tailLines < 0) {
            throw new IllegalArgumentException("tailLines must not be negative: " + tailLines);
        }
        if (previous && follow) {
            // the previous runs are over: there is nothing more to follow
            follow = false;
        }
    }

    /** The whole log of the latest run, not followed. */
    public static LogRequest latestRun() {
        return new LogRequest(false, false, null, null);
    }
}

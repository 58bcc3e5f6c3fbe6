package io.korch.agent.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * The part of a container's whole log that a {@link LogRequest} asks for, as a time window. The agent restarts
 * a container by starting the same runtime container again, so the runtime's log of it holds every run, one
 * after the other: the latest run is what was written from the latest start on ({@link #latestRunStart}), the
 * previous runs ({@code --previous}) what was written before. Pure.
 *
 * @param from       first time included, or null for the log's beginning
 * @param until      first time excluded, or null for no end
 * @param tailLines  how many of the window's last entries to keep, or null for all
 */
public record LogWindow(Instant from, Instant until, Integer tailLines) {

    /** How long before its recorded start a run may already write. */
    public static final Duration START_MARGIN = Duration.ofSeconds(1);

    /**
     * The window of {@code request} in the log of a container whose latest run's entries start at {@code lastStart}
     * (see {@link #latestRunStart}; null when every entry is the latest run's).
     */
    public static LogWindow of(LogRequest request, Instant lastStart) {
        if (request.previous()) {
            Instant until = lastStart;
            return new LogWindow(request.since(), until, request.tailLines());
        }
        Instant from = lastStart;
        if (request.since() != null && (from == null || request.since().isAfter(from))) {
            from = request.since();
        }
        return new LogWindow(from, null, request.tailLines());
    }

    /**
     * The time from which a container's log entries belong to its latest run. The runtime records a run's start
     * a moment after its process started writing, so the start itself is no exact boundary: while a restarted
     * container runs, its previous run's end is (every later entry is the latest run's); otherwise the latest
     * start less {@link #START_MARGIN}, which a restart back-off of 10 s and more keeps clear of the run before.
     *
     * @param running    whether the container runs now
     * @param startedAt  its latest start, or null if it never started
     * @param finishedAt the end of its last finished run, or null if none
     * @return the boundary, or null when every entry belongs to the latest run
     */
    public static Instant latestRunStart(boolean running, Instant startedAt, Instant finishedAt) {
        if (startedAt == null) {
            return null;
        }
        if (running) {
            return finishedAt != null && finishedAt.isBefore(startedAt) ? finishedAt.plusNanos(1) : null;
        }
        return startedAt.minus(START_MARGIN);
    }

    /** Whether an entry written at {@code time} belongs to the window; entries without a time always do. */
    public boolean includes(Instant time) {
        if (time == null) {
            return true;
        }
        return (from == null || !time.isBefore(from)) && (until == null || time.isBefore(until));
    }

    /**
     * Whether the runtime can apply the tail itself: only when the window runs to the log's end, so that the
     * log's last entries are the window's last entries.
     */
    public boolean tailAtEnd() {
        return until == null;
    }

    /** The window's start in whole seconds, rounded down, for runtimes that filter by the second; 0 for none. */
    public int fromSecondFloor() {
        return from == null ? 0 : (int) from.getEpochSecond();
    }

    /** The window's end in whole seconds, rounded up, for runtimes that filter by the second; 0 for none. */
    public int untilSecondCeiling() {
        if (until == null) {
            return 0;
        }
        return (int) (until.getNano() == 0 ? until.getEpochSecond() : until.getEpochSecond() + 1);
    }
}

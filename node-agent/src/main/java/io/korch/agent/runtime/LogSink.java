package io.korch.agent.runtime;

import java.time.Instant;

/**
 * Receives a container's log entries as a runtime reads them, on the runtime's thread, in order, then exactly
 * one {@link #end}.
 */
public interface LogSink {

    /**
     * One entry: a line of the container's output with its line break, or a part of a long line.
     *
     * @param time  when the runtime recorded it, or null when the runtime keeps no times
     * @param bytes the output, stdout and stderr interleaved as written
     */
    void entry(Instant time, byte[] bytes);

    /** The stream ended: the log was read to its end, the container stopped, or reading failed with {@code failure}. */
    void end(Throwable failure);
}

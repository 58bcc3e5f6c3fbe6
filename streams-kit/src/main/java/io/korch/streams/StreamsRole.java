package io.korch.streams;

import java.time.Duration;
import java.util.Objects;

/**
 * What one Streams client does for its service, for its log lines and errors, and how long it may
 * take to start and to stop.
 *
 * @param name         what the client runs: {@code scheduler}, {@code controllers}, {@code node-lifecycle controller}
 * @param whileStopped what goes undone while it is stopped, for the log: {@code no pod is placed}
 * @param startTimeout bounds {@link StreamsClient#start}: joining the group, creating internal topics, restoring stores
 * @param closeTimeout bounds {@link StreamsClient#close}: committing and leaving the group
 */
public record StreamsRole(String name, String whileStopped, Duration startTimeout, Duration closeTimeout) {

    public StreamsRole {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(whileStopped, "whileStopped");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
    }

    /** The name of the thread that runs the failure listeners: {@code korch-<name>-failure}. */
    String failureThreadName() {
        return "korch-" + name.replace(' ', '-') + "-failure";
    }
}

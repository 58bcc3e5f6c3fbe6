package io.korch.controllers.nodelifecycle;

import io.korch.topics.Topics;
import java.time.Duration;
import java.util.Locale;

/**
 * Writes the evidence of a NotReady verdict into its message: the last heartbeat, where it lies in
 * the log, and how far the controller had read that partition, e.g.
 * {@code Kubelet stopped posting node status. Last heartbeat at 2025-03-01T12:00:00Z
 * (korch.nodes-0@41); korch.nodes-0 read up to 2025-03-01T12:00:05.800Z, 5.8 s after it, at offset
 * 57, lag 0.}
 */
final class Evidence {

    private static final String LAST_HEARTBEAT = "Last heartbeat at ";

    private Evidence() {
    }

    /** {@code message}, if any, followed by the evidence sentence. */
    static String message(String message, Heartbeat heartbeat, ReadPosition read) {
        return prefix(message) + heartbeat.time() + " (" + heartbeat.where() + "); " + reading(heartbeat, read);
    }

    /** How every message {@link #message} writes after {@code message} begins, up to the heartbeat time. */
    static String prefix(String message) {
        if (message == null || message.isEmpty()) {
            return LAST_HEARTBEAT;
        }
        return message + (message.endsWith(".") ? " " : ". ") + LAST_HEARTBEAT;
    }

    private static String reading(Heartbeat heartbeat, ReadPosition read) {
        String partition = Topics.NODES.name() + "-" + heartbeat.partition();
        if (read == null || read.readUpTo() == null) {
            return "how far " + partition + " was read is not known yet"
                    + (read == null ? "." : " (offset " + read.offset() + ", lag " + read.lag() + ").");
        }
        long millis = Duration.between(heartbeat.time(), read.readUpTo()).toMillis();
        String age = String.format(Locale.ROOT, "%.1f s %s", Math.abs(millis) / 1000.0, millis < 0 ? "before" : "after");
        return partition + " read up to " + read.readUpTo() + ", " + age + " it, at offset " + read.offset()
                + ", lag " + read.lag() + ".";
    }
}

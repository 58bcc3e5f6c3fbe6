package io.korch.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lets this host's new connections reuse its TIME_WAIT sockets ({@code net.ipv4.tcp_tw_reuse=1}) while a load
 * generator runs, and puts the previous setting back on close.
 *
 * <p>A client opening thousands of new connections a second to one address and port leaves a TIME_WAIT socket
 * for each one it closes first; with 28,000 ephemeral ports and 60 s of TIME_WAIT, after a few seconds every
 * {@code connect} searches the whole port range (in {@code __inet_hash_connect}, nearly all of the machine's cpu)
 * and the rate falls to what the expiring sockets free, about 500 a second. Linux's default ({@code 2}) allows the
 * reuse only towards loopback addresses, so without this a NodePort on {@code 127.0.0.1} keeps its rate while
 * the pod's and the ClusterIP's addresses do not, and the comparison measures the client's port search.
 */
final class TimeWaitReuse implements AutoCloseable {

    private static final Path SETTING = Path.of("/proc/sys/net/ipv4/tcp_tw_reuse");

    private final String previous;

    private TimeWaitReuse(String previous) {
        this.previous = previous;
    }

    /** Turns the reuse on for every destination; needs root. */
    static TimeWaitReuse enable() {
        try {
            String previous = Files.readString(SETTING).strip();
            Files.writeString(SETTING, "1");
            return new TimeWaitReuse(previous);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set " + SETTING + " (run as root)", e);
        }
    }

    /** The setting found before. */
    String previous() {
        return previous;
    }

    @Override
    public void close() {
        try {
            Files.writeString(SETTING, previous);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + SETTING + " to " + previous, e);
        }
    }
}

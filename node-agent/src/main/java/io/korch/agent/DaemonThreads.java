package io.korch.agent;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * The agent's background threads: daemons, so that a stopped agent never holds its process up, and
 * named after what they do and for which node ({@code korch-agent-reconcile-node-1}), so that a
 * thread dump or a profile says whose work it is.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A factory of daemon threads all called {@code name}, for an executor. */
    public static ThreadFactory named(String name) {
        Objects.requireNonNull(name);
        return runnable -> thread(runnable, name);
    }

    /** A daemon thread called {@code name} that runs {@code runnable}, not started. */
    public static Thread thread(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, Objects.requireNonNull(name));
        thread.setDaemon(true);
        return thread;
    }
}

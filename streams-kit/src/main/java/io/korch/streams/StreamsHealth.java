package io.korch.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the state of one Kafka Streams client, named by its {@link StreamsRole} in its log lines.
 * It completes {@link #running()} when the client first runs, or fails it when the client fails
 * first. Once started, the client is healthy while it runs or rebalances; when it reaches ERROR, or
 * shuts down although nobody called {@link #closing()}, it is failed for good: that is logged at
 * ERROR and the failure listeners run, once each, in order, on the listener executor rather than on
 * a Kafka Streams thread, so a listener may close the application or stop the process.
 */
public final class StreamsHealth implements KafkaStreams.StateListener {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsHealth.class);

    private final StreamsRole role;
    private final Executor listenerExecutor;
    private final CompletableFuture<Void> running = new CompletableFuture<>();
    private final List<Runnable> listeners = new ArrayList<>();
    private volatile State state = State.CREATED;
    private Throwable cause;
    private boolean closing;
    private boolean failed;

    /** Follows a client of {@code role}, running the failure listeners on a thread of their own. */
    public StreamsHealth(StreamsRole role) {
        this(role, task -> new Thread(task, role.failureThreadName()).start());
    }

    /** @param listenerExecutor runs the failure listeners */
    public StreamsHealth(StreamsRole role, Executor listenerExecutor) {
        this.role = role;
        this.listenerExecutor = listenerExecutor;
    }

    @Override
    public void onChange(State newState, State oldState) {
        state = newState;
        LOG.info("{}: {} -> {}", role.name(), oldState, newState);
        switch (newState) {
            case RUNNING -> running.complete(null);
            case PENDING_ERROR -> running.completeExceptionally(failure());
            case ERROR -> failed("went from " + oldState + " to ERROR");
            case NOT_RUNNING -> {
                if (!isClosing()) {
                    failed("shut down although nobody closed it");
                }
            }
            default -> {
                // CREATED, REBALANCING, PENDING_SHUTDOWN: nothing settled yet
            }
        }
    }

    /**
     * The uncaught exception handler: remembers the first error, logs {@code exception} and shuts
     * the client down, which then reaches ERROR.
     */
    public StreamThreadExceptionResponse uncaught(Throwable exception) {
        synchronized (this) {
            if (cause == null) {
                cause = exception;
            }
        }
        LOG.error("{} stopped by an unexpected error; shutting its client down", role.name(), exception);
        running.completeExceptionally(exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** Completes when the client first runs; fails when it fails before. */
    public CompletableFuture<Void> running() {
        return running;
    }

    /** Whether the client runs or rebalances and has never failed. */
    public boolean healthy() {
        return state.isRunningOrRebalancing() && !failed();
    }

    /** True once the client failed for good. */
    public synchronized boolean failed() {
        return failed;
    }

    /** The first error that stopped the client, or null. */
    public synchronized Throwable cause() {
        return cause;
    }

    /** Notes that the client is being closed on purpose: its shutdown is no failure. */
    public synchronized void closing() {
        closing = true;
    }

    /** Runs {@code listener} once when the client fails; at once if it already failed. */
    public void onFailure(Runnable listener) {
        synchronized (this) {
            if (!failed) {
                listeners.add(listener);
                return;
            }
        }
        runAll(List.of(listener));
    }

    private void failed(String what) {
        List<Runnable> toRun;
        Throwable why;
        synchronized (this) {
            if (failed) {
                return;
            }
            failed = true;
            why = cause;
            toRun = List.copyOf(listeners);
            listeners.clear();
        }
        running.completeExceptionally(failure());
        LOG.error("*** THE {} HAS STOPPED: its Kafka Streams client {}{}; {} until the process is restarted ***",
                role.name().toUpperCase(Locale.ROOT), what, why == null ? "" : " after " + why,
                role.whileStopped(), why);
        runAll(toRun);
    }

    private void runAll(List<Runnable> toRun) {
        if (toRun.isEmpty()) {
            return;
        }
        listenerExecutor.execute(() -> {
            for (Runnable listener : toRun) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    LOG.error("a failure listener of the {} threw", role.name(), e);
                }
            }
        });
    }

    private synchronized boolean isClosing() {
        return closing;
    }

    private IllegalStateException failure() {
        Throwable why = cause();
        return new IllegalStateException("the " + role.name() + " stopped with an error"
                + (why == null ? "" : ": " + why), why);
    }
}

package io.korch.controllers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the state of one of the controllers' Kafka Streams clients, named in its log lines. It completes {@link #running()} when
 * the client first runs, or fails it when the client fails first. Once started, the client is
 * healthy while it runs or rebalances; when it reaches ERROR, or shuts down although nobody called
 * {@link #closing()}, it is failed for good: that is logged at ERROR and every failure listener runs,
 * once, on the listener executor rather than on a Kafka Streams thread, so a listener may close the
 * application or stop the process.
 */
final class StreamsHealth implements KafkaStreams.StateListener {

    private static final Logger LOG = LoggerFactory.getLogger(ControllersApp.class);

    private final String name;
    private final Executor listenerExecutor;
    private final CompletableFuture<Void> running = new CompletableFuture<>();
    private final List<Runnable> listeners = new ArrayList<>();
    private volatile State state = State.CREATED;
    private volatile Throwable cause;
    private boolean closing;
    private boolean failed;

    /** @param listenerExecutor runs the failure listeners */
    StreamsHealth(Executor listenerExecutor) {
        this("controllers", listenerExecutor);
    }

    /**
     * @param name             what the client runs, for the log: {@code controllers}, {@code node-lifecycle controller}
     * @param listenerExecutor runs the failure listeners
     */
    StreamsHealth(String name, Executor listenerExecutor) {
        this.name = name;
        this.listenerExecutor = listenerExecutor;
    }

    /** Runs each task on a new thread of its own. */
    static void onNewThread(Runnable task) {
        new Thread(task, "controllers-failure-listener").start();
    }

    @Override
    public void onChange(State newState, State oldState) {
        state = newState;
        LOG.debug("{}: {} -> {}", name, oldState, newState);
        switch (newState) {
            case RUNNING -> running.complete(null);
            case PENDING_ERROR -> running.completeExceptionally(failure());
            case ERROR -> failed("reached state ERROR");
            case NOT_RUNNING -> {
                if (!isClosing()) {
                    failed("shut down although nobody closed them");
                }
            }
            default -> {
                // CREATED, REBALANCING, PENDING_SHUTDOWN: nothing settled yet
            }
        }
    }

    /** The uncaught exception handler: logs {@code exception} and shuts the client down, which then reaches ERROR. */
    StreamThreadExceptionResponse uncaught(Throwable exception) {
        cause = exception;
        LOG.error("{} failed; shutting them down", name, exception);
        running.completeExceptionally(exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** Completes when the client first runs; fails when it fails before. */
    CompletableFuture<Void> running() {
        return running;
    }

    /** Whether the client runs or rebalances and has never failed. */
    boolean healthy() {
        return state.isRunningOrRebalancing() && !isFailed();
    }

    /** Notes that the client is being closed on purpose: its shutdown is no failure. */
    synchronized void closing() {
        closing = true;
    }

    /** Runs {@code listener} once when the client fails; at once if it already failed. */
    void onFailure(Runnable listener) {
        synchronized (this) {
            if (!failed) {
                listeners.add(listener);
                return;
            }
        }
        listenerExecutor.execute(listener);
    }

    private void failed(String what) {
        List<Runnable> toRun;
        synchronized (this) {
            if (failed) {
                return;
            }
            failed = true;
            toRun = List.copyOf(listeners);
            listeners.clear();
        }
        running.completeExceptionally(failure());
        LOG.error("THE CONTROLLERS HAVE STOPPED: the Kafka Streams client of the {} {}{}; no Deployment, ReplicaSet or "
                + "node is reconciled until the process is restarted", name, what, cause == null ? "" : " after " + cause,
                cause);
        toRun.forEach(listenerExecutor::execute);
    }

    private synchronized boolean isClosing() {
        return closing;
    }

    private synchronized boolean isFailed() {
        return failed;
    }

    private IllegalStateException failure() {
        Throwable why = cause;
        return new IllegalStateException("the " + name + " stopped with an error" + (why == null ? "" : ": " + why), why);
    }
}

package io.korch.agent;

import io.korch.agent.probe.ContainerChecks;
import io.korch.agent.probe.HookMessages;
import io.korch.agent.probe.PodEvents;
import io.korch.agent.probe.ProbeOutcome;
import io.korch.agent.probe.ProbeResult;
import io.korch.agent.runtime.ContainerRuntime;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.agent.runtime.RuntimeContainer.State;
import io.korch.api.Container;
import io.korch.api.LifecycleHandler;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops and removes containers, many at once, without any thread waiting out a grace period.
 *
 * <p>A removal sends the container its stop signal and returns; the container is then killed and removed
 * as soon as a reconcile pass {@link #observed observes} it stopped, or when its grace period is over,
 * whichever comes first. So removing many pods takes about one grace period, not their sum, and the reconcile
 * loop never waits for a stop. Runtime calls run on a small pool; each is short.
 *
 * <p>Work is keyed by container id: a container whose removal is under way is never stopped a second time,
 * and one that was removed is not removed again by a pass that listed it just before. When a removal ends
 * (or fails, to be retried by a later pass) {@code onRemoved} is called, so the next pass can reuse the
 * container's name.
 *
 * <p>A container whose spec has a {@code preStop} hook runs it first, on a worker, within its grace period
 * (a failure is a {@code FailedPreStopHook} event); the stop signal follows. {@link #stop} stops a container
 * the same way but keeps it, so that its restart policy can start it again (a failed liveness probe); one
 * still running when its grace period is over is removed instead.
 */
final class ContainerRemovals implements AutoCloseable {

    /** Threads for runtime calls: each call is short, so a few serve any number of removals. */
    static final int WORKERS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(ContainerRemovals.class);

    private final String nodeName;
    private final ContainerRuntime runtime;
    private final Runnable onRemoved;
    private final ContainerChecks checks;
    private final PodEvents events;
    private final ScheduledThreadPoolExecutor workers;
    private final Map<String, Removal> underWay = new ConcurrentHashMap<>();
    /** Ids removed that the last listing still showed: a plan made from that listing may name them again. */
    private final Set<String> removed = ConcurrentHashMap.newKeySet();

    ContainerRemovals(String nodeName, ContainerRuntime runtime, Runnable onRemoved) {
        this(nodeName, runtime, onRemoved, null, null);
    }

    /** Removals that run preStop hooks with {@code checks} and tell their failures to {@code events}. */
    ContainerRemovals(String nodeName, ContainerRuntime runtime, Runnable onRemoved, ContainerChecks checks,
                      PodEvents events) {
        this.nodeName = nodeName;
        this.runtime = runtime;
        this.onRemoved = onRemoved;
        this.checks = checks;
        this.events = events;
        this.workers = new ScheduledThreadPoolExecutor(WORKERS, DaemonThreads.named("korch-agent-remove-" + nodeName));
        // at close, grace periods still running are abandoned: the containers stay as they are
        this.workers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.workers.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts removing {@code container}: it gets its stop signal and {@code gracePeriod} to exit, unless it
     * is not running, in which case it is removed right away.
     *
     * @return false if its removal is already under way or done (nothing is done) or the agent is closing
     */
    boolean remove(RuntimeContainer container, Duration gracePeriod) {
        return remove(container, gracePeriod, null);
    }

    /** As {@link #remove(RuntimeContainer, Duration)}, running the preStop hook of {@code spec} (may be null) first. */
    boolean remove(RuntimeContainer container, Duration gracePeriod, Container spec) {
        return begin(new Removal(container, gracePeriod, spec, true));
    }

    /**
     * Starts stopping the running {@code container} without removing it: its preStop hook, its stop signal,
     * and a kill if it still runs after {@code gracePeriod}; the exited container stays, to be restarted.
     *
     * @return false if a stop or removal of it is already under way, or the agent is closing
     */
    boolean stop(RuntimeContainer container, Duration gracePeriod, Container spec) {
        return begin(new Removal(container, gracePeriod, spec, false));
    }

    private boolean begin(Removal removal) {
        RuntimeContainer container = removal.container;
        if (removed.contains(container.id())) {
            return false;
        }
        if (underWay.putIfAbsent(container.id(), removal) != null) {
            return false;
        }
        if (!submit(removal::begin)) {
            underWay.remove(container.id(), removal);
            return false;
        }
        return true;
    }

    /** Ids of the containers whose removal (not a mere {@link #stop}) is under way. */
    Set<String> ids() {
        Set<String> ids = new HashSet<>();
        underWay.forEach((id, removal) -> {
            if (removal.removeAfter) {
                ids.add(id);
            }
        });
        return Set.copyOf(ids);
    }

    /**
     * Tells what a pass listed: a container that got its stop signal and no longer runs (or is gone) is
     * removed now, without waiting for the rest of its grace period.
     */
    void observed(List<RuntimeContainer> containers) {
        Map<String, RuntimeContainer> byId = new HashMap<>();
        containers.forEach(c -> byId.put(c.id(), c));
        removed.retainAll(byId.keySet());
        for (Removal removal : underWay.values()) {
            RuntimeContainer now = byId.get(removal.container.id());
            if (removal.signalled && (now == null || now.state() != State.RUNNING)) {
                removal.finish(false);
            }
        }
    }

    /** Stops removing: removals waiting for their grace period are abandoned, runtime calls get a few seconds. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("node {}: container removals still running at close", nodeName);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean submit(Runnable task) {
        try {
            workers.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            LOG.debug("node {}: not removing containers while closing", nodeName);
            return false;
        }
    }

    /** The removal of one container: signal, then kill and remove once it stopped or its grace period passed. */
    private final class Removal {
        private final RuntimeContainer container;
        private final Duration gracePeriod;
        private final Container spec;
        private final boolean removeAfter;
        private final AtomicBoolean finishing = new AtomicBoolean();
        private volatile boolean signalled;
        private volatile ScheduledFuture<?> deadline;

        Removal(RuntimeContainer container, Duration gracePeriod, Container spec, boolean removeAfter) {
            this.container = container;
            this.gracePeriod = Objects.requireNonNull(gracePeriod);
            this.spec = spec;
            this.removeAfter = removeAfter;
        }

        /** Runs on a worker. */
        void begin() {
            if (!removeAfter && container.state() != State.RUNNING) {
                end();
                return;
            }
            if (container.state() != State.RUNNING || gracePeriod.isZero() || gracePeriod.isNegative()) {
                finish(true);
                return;
            }
            long started = System.nanoTime();
            runPreStop();
            Duration left = gracePeriod.minusNanos(System.nanoTime() - started);
            try {
                runtime.sendStopSignal(container.id());
            } catch (RuntimeException e) {
                LOG.warn("node {}: cannot stop container {} ({}), will retry: {}", nodeName, container.name(),
                        container.id(), message(e));
                end();
                return;
            }
            signalled = true;
            try {
                deadline = workers.schedule(() -> finish(true), Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("node {}: closing, container {} left to stop on its own", nodeName, container.name());
            }
        }

        private void runPreStop() {
            LifecycleHandler preStop = spec == null || spec.getLifecycle() == null ? null
                    : spec.getLifecycle().getPreStop();
            if (preStop == null || checks == null) {
                return;
            }
            ProbeOutcome outcome = checks.hook(preStop, spec, container.id(), gracePeriod);
            if (outcome.result() != ProbeResult.SUCCESS && container.hasPodLabels()) {
                String message = HookMessages.failure(preStop, container.containerName(), container.podName() + "_"
                        + container.podNamespace() + "(" + container.podUid() + ")", outcome);
                LOG.warn("node {}: {}", nodeName, message);
                if (events != null) {
                    events.warning(container.podNamespace(), container.podName(), container.podUid(),
                            PodEvents.FAILED_PRE_STOP_HOOK, message);
                }
            }
        }

        /**
         * Kills what is left and removes the container, once; a container merely stopped is kept: killed when
         * its grace period passed, as it is when it exited by itself ({@code deadlinePassed} false).
         */
        void finish(boolean deadlinePassed) {
            if (!finishing.compareAndSet(false, true)) {
                return;
            }
            ScheduledFuture<?> pending = deadline;
            if (pending != null) {
                pending.cancel(false);
            }
            if (!removeAfter && !deadlinePassed) {
                end();
                return;
            }
            boolean submitted = submit(() -> {
                try {
                    if (removeAfter) {
                        runtime.remove(container.id(), Duration.ZERO);
                        removed.add(container.id());
                    } else {
                        runtime.kill(container.id());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("node {}: cannot remove container {} ({}), will retry: {}", nodeName, container.name(),
                            container.id(), message(e));
                } finally {
                    end();
                }
            });
            if (!submitted) {
                underWay.remove(container.id(), this);
            }
        }

        private void end() {
            underWay.remove(container.id(), this);
            onRemoved.run();
        }
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

package io.korch.agent;

import io.korch.agent.Action.Reasons;
import io.korch.agent.config.ContainerEnv;
import io.korch.agent.probe.ContainerChecks;
import io.korch.agent.probe.HookMessages;
import io.korch.agent.probe.PodEvents;
import io.korch.agent.probe.ProbeOutcome;
import io.korch.agent.probe.ProbeResult;
import io.korch.agent.runtime.ContainerConfigException;
import io.korch.agent.runtime.ContainerRuntime;
import io.korch.agent.runtime.ImageNotPresentException;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.api.Container;
import io.korch.api.LifecycleHandler;
import io.korch.api.Pod;
import io.korch.model.EventReasons;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the {@link Action}s of a reconcile pass against the container runtime, records events, and
 * returns what the agent must remember afterwards (restart counts, failures and their back-off).
 *
 * <p>Removals are handed to {@link ContainerRemovals} on the calling thread, which stops many containers at once
 * without blocking it. Every other action of a pod (creates, starts and restarts, each followed by the
 * container's {@code postStart} hook, bounded by the pod's grace period; kills of containers whose liveness or
 * startup probe failed; back-off announcements) runs in order on one of {@link #POD_WORKERS} workers, so that
 * the container runtime works on several pods at once and no pass waits for a pod's containers to start. While
 * a pod's actions run, the pod is {@link #busy}: later passes leave it alone. When they end, what they learnt
 * (restart counts, failures and their back-off) waits in {@link #finished} for the reconcile loop, and
 * {@code onFinished} asks it for a pass. A failed hook is a {@code FailedPostStartHook} event and the container
 * is killed; a container already being removed or killed is not handled twice.
 */
final class ActionExecutor {

    /** Waiting reason of a container whose image is not on the node. */
    static final String ERR_IMAGE_NEVER_PULL = "ErrImageNeverPull";
    /** Waiting reason of a container the runtime refused to create. */
    static final String CREATE_CONTAINER_ERROR = "CreateContainerError";
    /** Waiting reason of a container the runtime refused to start. */
    static final String RUN_CONTAINER_ERROR = "RunContainerError";

    /**
     * Pods whose containers are set up at once: the Docker engine starts about as many containers per second at 4
     * concurrent calls as at 16, and a machine's agents share one engine.
     */
    static final int POD_WORKERS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(ActionExecutor.class);

    private final String nodeName;
    private final ContainerRuntime runtime;
    private final EventRecorder events;
    private final ContainerRemovals removals;
    private final ContainerSetup setup;
    private final Clock clock;
    private final ContainerChecks checks;
    private final Runnable onFinished;
    private final ExecutorService workers;
    /** Uids of the pods whose actions are queued or running. */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    /** What the pods' actions that ended learnt, not yet taken by {@link #finished}. */
    private final Queue<Map<ContainerKey, ContainerHistory>> learnt = new ConcurrentLinkedQueue<>();

    /** @param onFinished called on a worker once a pod's actions ended */
    ActionExecutor(String nodeName, ContainerRuntime runtime, EventRecorder events, ContainerRemovals removals,
                   ContainerSetup setup, Clock clock, ContainerChecks checks, Runnable onFinished) {
        this.onFinished = onFinished;
        this.workers = Executors.newFixedThreadPool(POD_WORKERS, DaemonThreads.named("korch-agent-pods-" + nodeName));
        this.nodeName = nodeName;
        this.runtime = runtime;
        this.events = events;
        this.removals = removals;
        this.setup = setup;
        this.clock = clock;
        this.checks = checks;
    }

    /** Ids of containers whose removal is under way. */
    Set<String> removing() {
        return removals.ids();
    }

    /**
     * Uids of the pods whose actions are under way. Take them before listing the containers a plan is made from:
     * a pod not busy then has its containers in the listing and what its actions learnt in {@link #finished}.
     */
    Set<String> busy() {
        return Set.copyOf(busy);
    }

    /** What the pods' actions that ended since the last call learnt, to be added to the history. */
    Map<ContainerKey, ContainerHistory> finished() {
        Map<ContainerKey, ContainerHistory> result = new HashMap<>();
        for (Map<ContainerKey, ContainerHistory> one = learnt.poll(); one != null; one = learnt.poll()) {
            result.putAll(one);
        }
        return result;
    }

    /**
     * Starts executing {@code actions}: removals now, in order, and each pod's other actions in order on a
     * worker; one failing action does not stop the others. Actions of a pod in {@code busy} (taken before the
     * listing the actions were planned from) are left out: its earlier actions are still under way.
     *
     * @return the history after the removals; what the workers learn comes from {@link #finished}
     */
    Map<ContainerKey, ContainerHistory> execute(Iterable<Action> actions, Map<ContainerKey, ContainerHistory> history,
                                                Set<String> busy) {
        Map<ContainerKey, ContainerHistory> next = new HashMap<>(history);
        Set<String> sandboxChanged = new HashSet<>();
        Map<String, List<Action>> byPod = new LinkedHashMap<>();
        for (Action action : actions) {
            if (busy.contains(podUid(action))) {
                continue;
            }
            if (action instanceof Action.Remove remove) {
                if (remove(remove) && Reasons.SANDBOX_CHANGED.equals(remove.reason())) {
                    sandboxChanged(remove.container(), sandboxChanged, next);
                }
            } else {
                byPod.computeIfAbsent(podUid(action), uid -> new ArrayList<>()).add(action);
            }
        }
        byPod.forEach((uid, podActions) -> submit(uid, podActions, next));
        return next;
    }

    /** Runs one pod's actions on a worker, starting from its entries of {@code history}. */
    private void submit(String uid, List<Action> actions, Map<ContainerKey, ContainerHistory> history) {
        Map<ContainerKey, ContainerHistory> own = new HashMap<>();
        history.forEach((key, value) -> {
            if (key.podUid().equals(uid)) {
                own.put(key, value);
            }
        });
        busy.add(uid);
        try {
            workers.execute(() -> {
                try {
                    actions.forEach(action -> execute(action, own));
                } catch (RuntimeException e) {
                    LOG.error("node {}: actions of pod {} failed: {}", nodeName, uid, e.getMessage(), e);
                } finally {
                    learnt.add(own);
                    busy.remove(uid);
                    onFinished.run();
                }
            });
        } catch (RejectedExecutionException e) {
            busy.remove(uid);
            LOG.debug("node {}: not acting on pod {} while closing", nodeName, uid);
        }
    }

    private void execute(Action action, Map<ContainerKey, ContainerHistory> history) {
        if (action instanceof Action.Create create) {
            create(create.pod(), create.container(), history);
        } else if (action instanceof Action.Start start) {
            start(start.pod(), start.container(), start.existing(), history);
        } else if (action instanceof Action.Restart restart) {
            restart(restart, history);
        } else if (action instanceof Action.AnnounceBackOff backOff) {
            announce(backOff, history);
        } else if (action instanceof Action.Kill kill) {
            kill(kill);
        }
    }

    private static String podUid(Action action) {
        if (action instanceof Action.Remove remove) {
            return remove.container().podUid();
        }
        return action.pod().getMetadata().getUid();
    }

    /** Stops taking pods; actions under way get a few seconds to end. */
    void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("node {}: container actions still running at close, interrupting them", nodeName);
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void create(Pod pod, Container container, Map<ContainerKey, ContainerHistory> history) {
        ContainerKey key = key(pod, container);
        ContainerHistory past = history.getOrDefault(key, ContainerHistory.NEW);
        String id;
        try {
            id = runtime.create(setup.spec(pod, container, message -> events.warning(PodKeys.namespace(pod),
                    pod.getMetadata().getName(), pod.getMetadata().getUid(),
                    ContainerEnv.INVALID_ENVIRONMENT_VARIABLE_NAMES, message)));
        } catch (ContainerConfigException e) {
            failConfig(pod, container, past, e, history);
            return;
        } catch (ImageNotPresentException e) {
            fail(pod, container, past, ERR_IMAGE_NEVER_PULL, EventReasons.ERR_IMAGE_NEVER_PULL, e.getMessage(),
                    history);
            return;
        } catch (RuntimeException e) {
            fail(pod, container, past, CREATE_CONTAINER_ERROR, EventReasons.FAILED, message(e), history);
            return;
        }
        normal(pod, EventReasons.CREATED, "Created container " + container.getName());
        LOG.info("node {}: created container {} of pod {} ({})", nodeName, container.getName(), PodKeys.key(pod), id);
        startCreated(pod, container, id, past, history);
    }

    private void start(Pod pod, Container container, RuntimeContainer existing,
                       Map<ContainerKey, ContainerHistory> history) {
        startCreated(pod, container, existing.id(), history.getOrDefault(key(pod, container), ContainerHistory.NEW),
                history);
    }

    private void startCreated(Pod pod, Container container, String id, ContainerHistory past,
                              Map<ContainerKey, ContainerHistory> history) {
        try {
            runtime.start(id);
        } catch (RuntimeException e) {
            fail(pod, container, past, RUN_CONTAINER_ERROR, EventReasons.FAILED, message(e), history);
            return;
        }
        history.put(key(pod, container), past.started());
        normal(pod, EventReasons.STARTED, "Started container " + container.getName());
        postStart(pod, container, id);
    }

    private void restart(Action.Restart restart, Map<ContainerKey, ContainerHistory> history) {
        Pod pod = restart.pod();
        Container container = restart.container();
        ContainerKey key = key(pod, container);
        ContainerHistory past = history.getOrDefault(key, ContainerHistory.NEW);
        try {
            runtime.start(restart.exited().id());
        } catch (RuntimeException e) {
            fail(pod, container, past, RUN_CONTAINER_ERROR, EventReasons.FAILED, message(e), history);
            return;
        }
        history.put(key, restart.next());
        LOG.info("node {}: restarted container {} of pod {} (exit code {}, restart {})", nodeName,
                container.getName(), PodKeys.key(pod), restart.exited().exitCode(), restart.next().restartCount());
        normal(pod, EventReasons.STARTED, "Started container " + container.getName());
        postStart(pod, container, restart.exited().id());
    }

    /** Runs the container's postStart hook, if any; a failed hook kills the container. */
    private void postStart(Pod pod, Container container, String id) {
        LifecycleHandler hook = container.getLifecycle() == null ? null : container.getLifecycle().getPostStart();
        if (hook == null) {
            return;
        }
        Duration grace = Reconciler.gracePeriod(pod);
        ProbeOutcome outcome = checks.hook(hook, container, id, grace);
        if (outcome.result() == ProbeResult.SUCCESS) {
            return;
        }
        String message = HookMessages.failure(hook, container.getName(), pod.getMetadata().getName() + "_"
                + PodKeys.namespace(pod) + "(" + pod.getMetadata().getUid() + ")", outcome);
        LOG.warn("node {}: {}", nodeName, message);
        events.warning(PodKeys.namespace(pod), pod.getMetadata().getName(), pod.getMetadata().getUid(),
                PodEvents.FAILED_POST_START_HOOK, message);
        RuntimeContainer started;
        try {
            started = runtime.inspect(id).orElse(null);
        } catch (RuntimeException e) {
            started = null;
        }
        if (started != null && removals.stop(started, grace, container)) {
            normal(pod, EventReasons.KILLING, PodEvents.FAILED_POST_START_HOOK);
        }
    }

    private void kill(Action.Kill kill) {
        Pod pod = kill.pod();
        if (!removals.stop(kill.running(), kill.gracePeriod(), kill.container())) {
            return;
        }
        boolean restarts = RestartPolicy.of(pod.getSpec().getRestartPolicy()) != RestartPolicy.NEVER;
        String message = kill.message() + (restarts ? ", will be restarted" : "");
        LOG.info("node {}: killing container {} of pod {} with a grace period of {} s: {}", nodeName,
                kill.container().getName(), PodKeys.key(pod), kill.gracePeriod().toSeconds(), message);
        normal(pod, EventReasons.KILLING, message);
    }

    private void announce(Action.AnnounceBackOff backOff, Map<ContainerKey, ContainerHistory> history) {
        Pod pod = backOff.pod();
        history.put(key(pod, backOff.container()), backOff.next());
        events.warning(PodKeys.namespace(pod), pod.getMetadata().getName(), pod.getMetadata().getUid(),
                EventReasons.BACK_OFF,
                "Back-off restarting failed container " + backOff.container().getName() + " in pod "
                        + pod.getMetadata().getName() + "_" + PodKeys.namespace(pod)
                        + "(" + pod.getMetadata().getUid() + ")");
    }

    /**
     * A container removed because its pod's sandbox changed: one {@code SandboxChanged} event per pod, and a
     * restart counted for each of its containers, which are created anew.
     */
    private void sandboxChanged(RuntimeContainer container, Set<String> announced,
                                Map<ContainerKey, ContainerHistory> history) {
        if (announced.add(container.podUid())) {
            events.normal(container.podNamespace(), container.podName(), container.podUid(),
                    Reasons.SANDBOX_CHANGED, "Pod sandbox changed, it will be killed and re-created.");
        }
        if (!container.isSandbox()) {
            ContainerKey key = ContainerKey.of(container);
            history.put(key, history.getOrDefault(key, ContainerHistory.NEW).recreated(
                    container.state() == RuntimeContainer.State.EXITED ? PodStatuses.terminated(container) : null));
        }
    }

    /** Starts a removal; a sandbox's goes without an event, as the kubelet's. Returns whether it started. */
    private boolean remove(Action.Remove remove) {
        RuntimeContainer container = remove.container();
        if (!removals.remove(container, remove.gracePeriod(), remove.spec())) {
            return false;
        }
        LOG.info("node {}: removing container {} ({}) with a grace period of {} s: {}", nodeName, container.name(),
                container.id(), remove.gracePeriod().toSeconds(), remove.reason());
        if (container.hasPodLabels() && !container.isSandbox()) {
            events.normal(container.podNamespace(), container.podName(), container.podUid(), EventReasons.KILLING,
                    "Stopping container " + container.containerName());
        }
        return true;
    }

    /** Records a failed create or start, with an event and a log line only when the failure is new. */
    private void fail(Pod pod, Container container, ContainerHistory past, String reason, String eventReason,
                      String message, Map<ContainerKey, ContainerHistory> history) {
        ContainerHistory failed = past.failed(reason, message, clock.instant());
        history.put(key(pod, container), failed);
        if (failed.failureDiffersFrom(past)) {
            LOG.warn("node {}: container {} of pod {}: {}: {}", nodeName, container.getName(), PodKeys.key(pod),
                    reason, message);
            events.warning(PodKeys.namespace(pod), pod.getMetadata().getName(), pod.getMetadata().getUid(),
                    eventReason, ERR_IMAGE_NEVER_PULL.equals(reason) ? message : "Error: " + message);
        }
    }

    /**
     * Records a container that cannot be configured yet: it is tried again on every pass, without back-off, so
     * it starts on the pass after what it lacks appears; event and log line only when the failure is new.
     */
    private void failConfig(Pod pod, Container container, ContainerHistory past, ContainerConfigException e,
                            Map<ContainerKey, ContainerHistory> history) {
        ContainerHistory failed = new ContainerHistory(past.restartCount(), past.backOffLevel(), null,
                past.backOffAnnouncedFor(), e.waitingReason(), e.getMessage());
        history.put(key(pod, container), failed);
        if (failed.failureDiffersFrom(past)) {
            LOG.warn("node {}: container {} of pod {}: {}: {}", nodeName, container.getName(), PodKeys.key(pod),
                    e.waitingReason(), e.getMessage());
            events.warning(PodKeys.namespace(pod), pod.getMetadata().getName(), pod.getMetadata().getUid(),
                    e.eventReason(), e.eventMessage());
        }
    }

    private void normal(Pod pod, String reason, String message) {
        events.normal(PodKeys.namespace(pod), pod.getMetadata().getName(), pod.getMetadata().getUid(), reason, message);
    }

    private static ContainerKey key(Pod pod, Container container) {
        return new ContainerKey(pod.getMetadata().getUid(), container.getName());
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

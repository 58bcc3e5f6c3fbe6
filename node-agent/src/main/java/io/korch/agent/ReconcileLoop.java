package io.korch.agent;

import io.korch.agent.metrics.AgentMeters;
import io.korch.agent.network.PodNetwork;
import io.korch.agent.probe.ContainerChecks;
import io.korch.agent.probe.Prober;
import io.korch.agent.runtime.ContainerRuntime;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.api.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a reconcile pass on one thread: every {@link #PERIOD} and whenever {@link #trigger} is called (an
 * assignment changed, a removal ended, a ConfigMap or Secret changed, a probe's result changed). A pass lists
 * the node's containers, tells the {@link ContainerRemovals} which of the containers it stops have exited, has
 * the {@link ContainerSetup} tell the pod network its sandboxes, refresh mounted ConfigMaps and Secrets and
 * delete the volumes of pods that are gone, asks {@link Reconciler#plan} what to do, has the {@link ActionExecutor} do it, and lets the
 * {@link StatusReporter} publish the pod statuses, with the
 * addresses the {@link PodNetwork} gave the pods. Triggers that arrive while a pass is queued are
 * coalesced into it. No pass waits for a container to start or stop: the executor sets up several pods at once
 * beside the loop, leaving each out of the passes until its actions ended, and then asks for a pass, which
 * takes what they learnt and reports the pod's new status; removals run beside the loop too. Probes run beside
 * it too ({@link Prober}): each pass tells the
 * prober which containers run, and a probe whose result changed asks for a pass, which reads the probes'
 * verdicts for readiness and for killing containers whose liveness failed.
 *
 * <p>The loop remembers the spec of each pod it ran until that pod's containers are gone, so that a
 * container of a pod that left is removed with its preStop hook.
 */
final class ReconcileLoop implements AutoCloseable {

    /** The longest time between two passes. */
    static final Duration PERIOD = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

    private final String nodeName;
    private final ContainerRuntime runtime;
    private final StatusReporter statuses;
    private final ActionExecutor executor;
    private final Clock clock;
    private final ScheduledExecutorService loop;
    private final ContainerRemovals removals;
    private final ContainerSetup setup;
    private final Prober prober;
    private final PodNetwork network;
    private final AgentMeters meters;
    private final AtomicBoolean triggered = new AtomicBoolean();
    private volatile Supplier<List<Pod>> desired;
    private volatile String runtimeProblem;
    /** Touched by the loop thread only. */
    private Map<ContainerKey, ContainerHistory> history;
    /** Touched by the loop thread only: the last spec of every pod uid with containers, by uid. */
    private Map<String, Pod> known = new HashMap<>();

    ReconcileLoop(String nodeName, ContainerRuntime runtime, RecordPublisher publisher,
                  StatusReporter statuses, Map<ContainerKey, ContainerHistory> initialHistory, ContainerSetup setup,
                  Clock clock) {
        this(nodeName, runtime, publisher, statuses, initialHistory, setup, PodNetwork.NODE, clock);
    }

    /** A loop whose pods are on {@code network}, the one {@code setup} attaches containers to. */
    ReconcileLoop(String nodeName, ContainerRuntime runtime, RecordPublisher publisher,
                  StatusReporter statuses, Map<ContainerKey, ContainerHistory> initialHistory, ContainerSetup setup,
                  PodNetwork network, Clock clock) {
        this(nodeName, runtime, publisher, statuses, initialHistory, setup, network, clock,
                AgentMeters.unregistered(nodeName));
    }

    /** A loop that counts its container starts, restarts and probe failures in {@code meters}. */
    ReconcileLoop(String nodeName, ContainerRuntime runtime, RecordPublisher publisher,
                  StatusReporter statuses, Map<ContainerKey, ContainerHistory> initialHistory, ContainerSetup setup,
                  PodNetwork network, Clock clock, AgentMeters meters) {
        this.meters = meters;
        this.network = network;
        this.nodeName = nodeName;
        this.runtime = runtime;
        this.statuses = statuses;
        this.clock = clock;
        this.history = new HashMap<>(initialHistory);
        this.loop = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("korch-agent-reconcile-" + nodeName));
        EventRecorder events = new EventRecorder(nodeName, publisher, clock, meters);
        ContainerChecks checks = new ContainerChecks(runtime);
        this.setup = setup;
        this.removals = new ContainerRemovals(nodeName, runtime, this::trigger, checks, events::warning);
        this.prober = new Prober(nodeName, checks, events::warning, this::trigger, clock, meters::probeFailed);
        this.executor = new ActionExecutor(nodeName, runtime, events, removals, setup, clock, checks, this::trigger);
    }

    /** Starts passing over {@code desiredPods}, the first pass right away. */
    void start(Supplier<List<Pod>> desiredPods) {
        this.desired = desiredPods;
        loop.scheduleWithFixedDelay(this::runOnce, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a pass as soon as possible. */
    void trigger() {
        if (desired != null && triggered.compareAndSet(false, true)) {
            try {
                loop.execute(() -> {
                    triggered.set(false);
                    runOnce();
                });
            } catch (RejectedExecutionException e) {
                LOG.debug("node {}: pass not run, closing", nodeName);
            }
        }
    }

    /**
     * Lists the node's containers once, on the caller's thread, so that {@link #runtimeProblem} is known
     * before the first heartbeat; call before {@link #start}.
     */
    void checkRuntime() {
        list();
    }

    /** Why the last pass could not use the runtime, or null if it could. */
    String runtimeProblem() {
        return runtimeProblem;
    }

    private void runOnce() {
        try {
            Set<String> busy = executor.busy();
            Map<ContainerKey, ContainerHistory> before = new HashMap<>(history);
            history.putAll(executor.finished());
            List<Pod> pods = valid(desired.get());
            List<RuntimeContainer> observed = list();
            if (observed == null) {
                return;
            }
            removals.observed(observed);
            setup.listed(pods, observed, busy);
            remember(pods, observed);
            List<Action> actions = withSpecs(Reconciler.plan(pods, observed, history, prober, network::sandboxed,
                    clock.instant()));
            if (!actions.isEmpty()) {
                history = executor.execute(actions, history, busy);
            }
            history = meters.countRestarts(before, Reconciler.retain(history, pods));
            prober.sync(pods, observed);
            statuses.report(pods, observed, executor.removing(), history, prober, network::podIP, clock.instant());
        } catch (RuntimeException e) {
            LOG.error("node {}: reconcile pass failed: {}", nodeName, e.getMessage(), e);
        }
    }

    /** Keeps the specs of the assigned pods and of pods that left while their containers remain. */
    private void remember(List<Pod> pods, List<RuntimeContainer> observed) {
        Map<String, Pod> next = new HashMap<>();
        for (RuntimeContainer container : observed) {
            Pod pod = container.podUid() == null ? null : known.get(container.podUid());
            if (pod != null) {
                next.put(container.podUid(), pod);
            }
        }
        pods.forEach(pod -> next.put(pod.getMetadata().getUid(), pod));
        known = next;
    }

    /** The removals of containers whose pod left, given the spec the pod had, for their preStop hooks. */
    private List<Action> withSpecs(List<Action> actions) {
        List<Action> result = new ArrayList<>(actions.size());
        for (Action action : actions) {
            if (action instanceof Action.Remove remove && remove.spec() == null
                    && remove.container().podUid() != null && known.containsKey(remove.container().podUid())) {
                Pod pod = known.get(remove.container().podUid());
                result.add(new Action.Remove(remove.container(), remove.reason(), remove.gracePeriod(),
                        Reconciler.container(pod, remove.container().containerName())));
            } else {
                result.add(action);
            }
        }
        return result;
    }

    private List<RuntimeContainer> list() {
        try {
            List<RuntimeContainer> observed = runtime.list(nodeName);
            if (runtimeProblem != null) {
                LOG.info("node {}: container runtime is back", nodeName);
                runtimeProblem = null;
            }
            return observed;
        } catch (RuntimeException e) {
            String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!problem.equals(runtimeProblem)) {
                LOG.warn("node {}: cannot list containers: {}", nodeName, problem);
            }
            runtimeProblem = problem;
            return null;
        }
    }

    /** The pods that can be keyed; any other is logged and left out. */
    private List<Pod> valid(List<Pod> pods) {
        List<Pod> result = new ArrayList<>(pods.size());
        for (Pod pod : pods) {
            if (pod.getMetadata().getUid() == null || pod.getMetadata().getName() == null) {
                LOG.warn("node {}: ignoring an assigned pod without name or uid: {}", nodeName, pod.getMetadata());
            } else {
                result.add(pod);
            }
        }
        return result;
    }

    /**
     * Stops passing; runtime calls of removals under way get a few seconds to end, but no grace period is
     * waited for. Containers are left as they are.
     */
    @Override
    public void close() {
        loop.shutdown();
        try {
            if (!loop.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("node {}: reconcile pass still running at close, interrupting it", nodeName);
                loop.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.close();
        prober.close();
        removals.close();
    }
}

package io.korch.agent.probe;

import io.korch.agent.DaemonThreads;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.agent.runtime.RuntimeContainer.State;
import io.korch.api.Container;
import io.korch.api.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the probes of the node's running containers on threads of its own, each probe every
 * {@code periodSeconds} after {@code initialDelaySeconds}, and keeps their {@link ContainerProbes} state.
 *
 * <p>Each reconcile pass {@link #sync syncs} it with the assigned pods and the containers it listed: a
 * container run (its id and start time, so a restarted container starts with fresh probes) gets its probes
 * scheduled, and runs no longer listed as running lose theirs. When a container's health changes,
 * {@code onChange} asks for a pass, which reads {@link #of} to set readiness in the pod status or to kill
 * a container whose liveness or startup probe failed. Failed attempts become {@code Unhealthy} events, told
 * once per change of message and then at most every {@link EventThrottle#REPEAT}.
 */
public final class Prober implements Health, AutoCloseable {

    /** Threads for probe attempts; each attempt is bounded by its probe's timeout. */
    static final int WORKERS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(Prober.class);

    private final String nodeName;
    private final ContainerChecks checks;
    private final PodEvents events;
    private final Runnable onChange;
    private final Consumer<ProbeType> onFailure;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor threads;
    private final Map<Run, Worker> workers = new ConcurrentHashMap<>();

    public Prober(String nodeName, ContainerChecks checks, PodEvents events, Runnable onChange, Clock clock) {
        this(nodeName, checks, events, onChange, clock, type -> { });
    }

    /** A prober that also tells {@code onFailure} the type of every probe attempt that fails or errors. */
    public Prober(String nodeName, ContainerChecks checks, PodEvents events, Runnable onChange, Clock clock,
                  Consumer<ProbeType> onFailure) {
        this.onFailure = onFailure;
        this.nodeName = nodeName;
        this.checks = checks;
        this.events = events;
        this.onChange = onChange;
        this.clock = clock;
        this.threads = new ScheduledThreadPoolExecutor(WORKERS, DaemonThreads.named("korch-agent-probe-" + nodeName));
        this.threads.setRemoveOnCancelPolicy(true);
    }

    /**
     * Probes the running containers of {@code pods} among {@code observed}, and stops probing any other.
     * Called from the reconcile thread.
     */
    public synchronized void sync(List<Pod> pods, List<RuntimeContainer> observed) {
        Map<String, Pod> byUid = new HashMap<>();
        pods.forEach(pod -> byUid.put(pod.getMetadata().getUid(), pod));
        Set<Run> current = new HashSet<>();
        for (RuntimeContainer container : observed) {
            if (container.state() != State.RUNNING || !container.hasPodLabels() || container.startedAt() == null) {
                continue;
            }
            Pod pod = byUid.get(container.podUid());
            Container spec = pod == null ? null : container(pod, container.containerName());
            if (spec == null || !hasProbes(spec)) {
                continue;
            }
            Run run = new Run(container.id(), container.startedAt());
            current.add(run);
            workers.computeIfAbsent(run, r -> start(r, pod, spec));
        }
        for (Map.Entry<Run, Worker> entry : new ArrayList<>(workers.entrySet())) {
            if (!current.contains(entry.getKey())) {
                entry.getValue().stop();
                workers.remove(entry.getKey());
            }
        }
    }

    /** What the probes of {@code container}'s current run say; before they ran, {@link ContainerHealth#initial}. */
    @Override
    public ContainerHealth of(Container spec, RuntimeContainer container) {
        Worker worker = container.startedAt() == null ? null
                : workers.get(new Run(container.id(), container.startedAt()));
        return worker == null ? ContainerHealth.initial(spec) : worker.probes.health();
    }

    /** Stops every probe. */
    @Override
    public void close() {
        threads.shutdownNow();
        workers.clear();
    }

    private Worker start(Run run, Pod pod, Container spec) {
        Worker worker = new Worker(run, pod, spec);
        Duration sinceStart = Duration.between(run.startedAt(), clock.instant());
        for (ProbeType type : worker.probes.types()) {
            ProbeSettings settings = worker.probes.settings(type);
            long delay = Math.max(0, settings.initialDelay().minus(sinceStart).toMillis());
            try {
                worker.futures.put(type, threads.scheduleWithFixedDelay(() -> worker.attempt(type), delay,
                        settings.period().toMillis(), TimeUnit.MILLISECONDS));
            } catch (RejectedExecutionException e) {
                LOG.debug("node {}: closing, not probing {}", nodeName, spec.getName());
            }
        }
        return worker;
    }

    private static boolean hasProbes(Container spec) {
        return spec.getLivenessProbe() != null || spec.getReadinessProbe() != null || spec.getStartupProbe() != null;
    }

    private static Container container(Pod pod, String name) {
        for (Container container : pod.getSpec().getContainers()) {
            if (container.getName().equals(name)) {
                return container;
            }
        }
        return null;
    }

    /** One run of one container: a restart of the same container is a new run. */
    private record Run(String id, Instant startedAt) {
    }

    /** The probes of one container run and their schedules. */
    private final class Worker {
        private final Run run;
        private final Pod pod;
        private final Container spec;
        private final ContainerProbes probes;
        private final Map<ProbeType, ScheduledFuture<?>> futures = new EnumMap<>(ProbeType.class);
        private final Map<ProbeType, EventThrottle> throttles = new EnumMap<>(ProbeType.class);
        private volatile boolean stopped;

        Worker(Run run, Pod pod, Container spec) {
            this.run = run;
            this.pod = pod;
            this.spec = spec;
            this.probes = new ContainerProbes(spec);
            for (ProbeType type : ProbeType.values()) {
                throttles.put(type, new EventThrottle());
            }
        }

        /** Runs on a probe thread. */
        void attempt(ProbeType type) {
            try {
                Instant now = clock.instant();
                if (stopped || !probes.due(type, Duration.between(run.startedAt(), now))) {
                    return;
                }
                ProbeOutcome outcome = checks.probe(probes.probe(type), spec, run.id(),
                        probes.settings(type).timeout());
                if (stopped) {
                    return;
                }
                tell(type, outcome, clock.instant());
                if (probes.record(type, outcome.result())) {
                    LOG.info("node {}: {} probe of container {} of pod {}/{} now {}", nodeName, type.label(),
                            spec.getName(), pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                            outcome.result());
                    onChange.run();
                }
            } catch (RuntimeException e) {
                LOG.warn("node {}: {} probe of container {} failed to run: {}", nodeName, type.label(),
                        spec.getName(), e.getMessage());
            }
        }

        private void tell(ProbeType type, ProbeOutcome outcome, Instant now) {
            EventThrottle throttle = throttles.get(type);
            String message;
            synchronized (throttle) {
                if (outcome.result() == ProbeResult.SUCCESS) {
                    throttle.succeeded();
                    return;
                }
                onFailure.accept(type);
                message = type.label() + (outcome.result() == ProbeResult.FAILURE ? " probe failed: "
                        : " probe errored: ") + outcome.output();
                if (!throttle.failed(message, now)) {
                    return;
                }
            }
            events.warning(pod.getMetadata().getNamespace() == null ? "default" : pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName(), pod.getMetadata().getUid(), PodEvents.UNHEALTHY, message);
        }

        void stop() {
            stopped = true;
            futures.values().forEach(future -> future.cancel(false));
        }
    }
}

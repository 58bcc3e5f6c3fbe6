package io.korch.agent;

import io.korch.agent.probe.ContainerHealth;
import io.korch.agent.probe.Health;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.agent.runtime.RuntimeContainer.State;
import io.korch.api.Container;
import io.korch.api.ContainerState;
import io.korch.api.ContainerStateRunning;
import io.korch.api.ContainerStateTerminated;
import io.korch.api.ContainerStateWaiting;
import io.korch.api.ContainerStatus;
import io.korch.api.Pod;
import io.korch.api.PodCondition;
import io.korch.api.PodIP;
import io.korch.api.PodStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes a pod's {@link PodStatus} from its containers as the runtime shows them, what the agent
 * remembers about them and what their probes say. Pure; times that must stay stable (condition
 * transitions, start time) are carried over from the previous status, so an unchanged pod yields an equal
 * status.
 *
 * <p>Container states: running; waiting ({@code ContainerCreating}, or {@code PodInitializing} in a pod with
 * init containers, {@code ErrImageNeverPull}, {@code CreateContainerError}, {@code CrashLoopBackOff} while
 * an exited container waits out its restart back-off); or terminated when it exited and its restart is due
 * or its pod's restart policy leaves it exited. {@code lastState} tells how the run before the current one
 * ended. A running container is {@code started} once its startup probe succeeded and {@code ready} once its
 * readiness probe did too (at once when it has none). An init container is ready once it exited with 0.
 *
 * <p>The phase follows Kubernetes: Pending while init containers have not all succeeded (Failed if one
 * failed under {@code Never}) or an app container has never run, Running while one runs or will be
 * restarted, Succeeded when all exited with 0 for good, Failed when all exited for good and one failed.
 */
public final class PodStatuses {

    /** The phase of a pod whose containers have not all run yet. */
    public static final String PENDING = "Pending";
    /** The phase of a pod with a running container, or one that will be restarted. */
    public static final String RUNNING = "Running";
    /** The phase of a pod whose containers all exited with 0 and are not restarted. */
    public static final String SUCCEEDED = "Succeeded";
    /** The phase of a pod whose containers all exited, at least one with failure, and are not restarted. */
    public static final String FAILED = "Failed";
    /** Waiting reason of a container being created. */
    public static final String CONTAINER_CREATING = "ContainerCreating";
    /** Waiting reason of a container of a pod with init containers, before it is created. */
    public static final String POD_INITIALIZING = "PodInitializing";
    /** Waiting reason of an exited container during its restart back-off. */
    public static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";

    private PodStatuses() {
    }

    /** The status of {@code pod}, with no probe results. */
    public static PodStatus of(Pod pod, List<RuntimeContainer> containers, Map<ContainerKey, ContainerHistory> history,
                               PodStatus previous, String runtimeName, Instant now) {
        return of(pod, containers, history, Health.NONE, previous, runtimeName, now);
    }

    /**
     * The status of {@code pod}.
     *
     * @param pod         the assigned pod
     * @param containers  its containers (same pod uid), without those being removed
     * @param history     what the agent remembers per pod container
     * @param health      what the probes say of running containers
     * @param previous    the status last reported for this pod uid, or null
     * @param runtimeName scheme of container ids, such as {@code docker}
     * @param now         the current time
     */
    public static PodStatus of(Pod pod, List<RuntimeContainer> containers, Map<ContainerKey, ContainerHistory> history,
                               Health health, PodStatus previous, String runtimeName, Instant now) {
        return of(pod, containers, history, health, previous, runtimeName, null, now);
    }

    /**
     * The status of {@code pod}, with its address on the pod network ({@code podIP} and {@code podIPs}) when
     * {@code podIP} is not null.
     */
    public static PodStatus of(Pod pod, List<RuntimeContainer> containers, Map<ContainerKey, ContainerHistory> history,
                               Health health, PodStatus previous, String runtimeName, String podIP, Instant now) {
        String uid = pod.getMetadata().getUid();
        Map<ContainerKey, RuntimeContainer> byKey = new HashMap<>();
        for (RuntimeContainer container : containers) {
            if (container.containerName() != null) {
                byKey.put(new ContainerKey(uid, container.containerName()), container);
            }
        }
        boolean hasInit = !pod.getSpec().getInitContainers().isEmpty();
        String defaultWaiting = hasInit ? POD_INITIALIZING : CONTAINER_CREATING;
        RestartPolicy policy = RestartPolicy.of(pod.getSpec().getRestartPolicy());

        List<ContainerStatus> initStatuses = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        boolean initFailed = false;
        for (Container init : pod.getSpec().getInitContainers()) {
            ContainerKey key = new ContainerKey(uid, init.getName());
            ContainerHistory past = history.getOrDefault(key, ContainerHistory.NEW);
            RuntimeContainer current = byKey.get(key);
            ContainerState state = state(pod, init, current, past, defaultWaiting, now);
            boolean done = state.getTerminated() != null && state.getTerminated().getExitCode() == 0;
            if (!done) {
                incomplete.add(init.getName());
            }
            initFailed |= state.getTerminated() != null && state.getTerminated().getExitCode() != 0;
            initStatuses.add(status(init, current, past, state, done, state.getRunning() != null, runtimeName,
                    lastState(past)));
        }
        boolean initialized = Reconciler.initialized(pod, byKey);

        List<ContainerStatus> statuses = new ArrayList<>();
        int running = 0;
        int waiting = 0;
        int stopped = 0;
        int succeeded = 0;
        List<String> unready = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            ContainerKey key = new ContainerKey(uid, container.getName());
            ContainerHistory past = history.getOrDefault(key, ContainerHistory.NEW);
            RuntimeContainer current = byKey.get(key);
            ContainerState state = state(pod, container, current, past, defaultWaiting, now);
            boolean started = false;
            boolean ready = false;
            if (state.getRunning() != null) {
                ContainerHealth probed = health.of(container, current);
                started = probed.started();
                ready = probed.ready();
            }
            statuses.add(status(container, current, past, state, ready, started, runtimeName,
                    lastState(past)));
            if (state.getRunning() != null) {
                running++;
            } else if (state.getTerminated() != null && !Reconciler.restarts(pod, current)) {
                stopped++;
                succeeded += state.getTerminated().getExitCode() == 0 ? 1 : 0;
            } else if (past.restartCount() > 0 || (current != null && current.state() == State.EXITED)) {
                stopped++; // waiting for a restart: it has run before
            } else {
                waiting++;
            }
            if (!ready) {
                unready.add(container.getName());
            }
        }
        String phase;
        if (!initialized) {
            phase = initFailed && policy == RestartPolicy.NEVER ? FAILED : PENDING;
        } else {
            phase = phase(policy, running, waiting, stopped, succeeded);
        }
        List<PodCondition> conditions = conditions(phase, initialized, incomplete, unready, previous, now);
        return PodStatus.newBuilder()
                .setPhase(phase)
                .setConditions(conditions)
                .setContainerStatuses(statuses)
                .setInitContainerStatuses(initStatuses)
                .setHostIP(NodeRecords.NODE_IP)
                .setHostIPs(List.of(PodIP.newBuilder().setIp(NodeRecords.NODE_IP).build()))
                .setPodIP(podIP)
                .setPodIPs(podIP == null ? List.of() : List.of(PodIP.newBuilder().setIp(podIP).build()))
                .setStartTime(startTime(containers, previous, now))
                .build();
    }

    /** Kubernetes' phase rules for the app containers, once the init containers are done. */
    static String phase(RestartPolicy policy, int running, int waiting, int stopped, int succeeded) {
        if (waiting > 0) {
            return PENDING;
        }
        if (running > 0) {
            return RUNNING;
        }
        if (stopped > 0) {
            if (policy == RestartPolicy.ALWAYS) {
                return RUNNING;
            }
            if (stopped == succeeded) {
                return SUCCEEDED;
            }
            return policy == RestartPolicy.NEVER ? FAILED : RUNNING;
        }
        return PENDING;
    }

    /** How the run of {@code exited} ended, as a terminated state. */
    public static ContainerStateTerminated terminated(RuntimeContainer exited) {
        int exitCode = exited.exitCode() == null ? -1 : exited.exitCode();
        String reason = exited.oomKilled() ? "OOMKilled" : exitCode == 0 ? "Completed" : "Error";
        return ContainerStateTerminated.newBuilder()
                .setExitCode(exitCode)
                .setReason(reason)
                .setMessage(exited.error())
                .setStartedAt(millis(exited.startedAt()))
                .setFinishedAt(millis(exited.finishedAt()))
                .build();
    }

    private static ContainerState state(Pod pod, Container container, RuntimeContainer current,
                                        ContainerHistory past, String defaultWaiting, Instant now) {
        if (current == null || current.state() == State.CREATED || current.state() == State.REMOVING) {
            return waiting(past.waitingReason() != null ? past.waitingReason() : defaultWaiting,
                    past.waitingMessage());
        }
        if (current.state() == State.RUNNING) {
            return ContainerState.newBuilder()
                    .setRunning(ContainerStateRunning.newBuilder().setStartedAt(millis(current.startedAt())).build())
                    .build();
        }
        if (Reconciler.restarts(pod, current) && !succeededInit(pod, container, current)) {
            if (past.waitingReason() != null) {
                return waiting(past.waitingReason(), past.waitingMessage());
            }
            if (now.isBefore(Reconciler.restartDue(current, past))) {
                return waiting(CRASH_LOOP_BACK_OFF, "back-off " + Reconciler.restartDelay(current, past).toSeconds()
                        + "s restarting failed container=" + container.getName() + " pod="
                        + pod.getMetadata().getName() + "_" + PodKeys.namespace(pod)
                        + "(" + pod.getMetadata().getUid() + ")");
            }
        }
        return ContainerState.newBuilder().setTerminated(terminated(current)).build();
    }

    /** An init container that exited with 0 is done, whatever the restart policy. */
    private static boolean succeededInit(Pod pod, Container container, RuntimeContainer current) {
        return pod.getSpec().getInitContainers().contains(container) && Integer.valueOf(0).equals(current.exitCode());
    }

    /** How the run before the current one ended, as the agent remembered it at the restart. */
    private static ContainerState lastState(ContainerHistory past) {
        ContainerStateTerminated last = past.lastTermination();
        if (last == null) {
            return null;
        }
        return ContainerState.newBuilder().setTerminated(last).build();
    }

    private static ContainerStatus status(Container container, RuntimeContainer current, ContainerHistory past,
                                          ContainerState state, boolean ready, boolean started, String runtimeName,
                                          ContainerState lastState) {
        return ContainerStatus.newBuilder()
                .setName(container.getName())
                .setImage(container.getImage())
                .setReady(ready)
                .setStarted(started)
                .setRestartCount(past.restartCount())
                .setContainerID(current == null ? null : runtimeName + "://" + current.id())
                .setState(state)
                .setLastState(lastState)
                .build();
    }

    private static ContainerState waiting(String reason, String message) {
        return ContainerState.newBuilder()
                .setWaiting(ContainerStateWaiting.newBuilder().setReason(reason).setMessage(message).build())
                .build();
    }

    private static List<PodCondition> conditions(String phase, boolean initialized, List<String> incomplete,
                                                 List<String> unready, PodStatus previous, Instant now) {
        boolean done = SUCCEEDED.equals(phase) || FAILED.equals(phase);
        boolean ready = unready.isEmpty() && !done && initialized;
        String reason = ready ? null : done ? "PodCompleted" : "ContainersNotReady";
        String message = ready || done ? null : "containers with unready status: " + goList(unready);
        List<PodCondition> conditions = new ArrayList<>();
        if (initialized || done && incomplete.isEmpty()) {
            conditions.add(condition("Initialized", "True", null, null, previous, now));
        } else {
            conditions.add(condition("Initialized", "False", done ? "PodCompleted" : "ContainersNotInitialized",
                    "containers with incomplete status: " + goList(incomplete), previous, now));
        }
        conditions.add(condition("Ready", ready ? "True" : "False", reason, message, previous, now));
        conditions.add(condition("ContainersReady", ready ? "True" : "False", reason, message, previous, now));
        conditions.add(condition("PodScheduled", "True", null, null, previous, now));
        return conditions;
    }

    /** Names as kubelet's messages print a Go slice: {@code [a b]}. */
    private static String goList(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }

    private static PodCondition condition(String type, String status, String reason, String message,
                                          PodStatus previous, Instant now) {
        Instant since = millis(now);
        if (previous != null) {
            for (PodCondition before : previous.getConditions()) {
                if (before.getType().equals(type) && before.getStatus().equals(status)) {
                    since = before.getLastTransitionTime();
                }
            }
        }
        return PodCondition.newBuilder()
                .setType(type)
                .setStatus(status)
                .setReason(reason)
                .setMessage(message)
                .setLastTransitionTime(since)
                .build();
    }

    private static Instant startTime(List<RuntimeContainer> containers, PodStatus previous, Instant now) {
        if (previous != null && previous.getStartTime() != null) {
            return previous.getStartTime();
        }
        return millis(containers.stream()
                .map(RuntimeContainer::createdAt)
                .filter(Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(now));
    }

    /** Times as the Avro records keep them, so a status read back from Kafka equals the one computed. */
    private static Instant millis(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MILLIS);
    }

    private static RuntimeContainer find(List<RuntimeContainer> containers, String name) {
        for (RuntimeContainer container : containers) {
            if (name.equals(container.containerName())) {
                return container;
            }
        }
        return null;
    }
}

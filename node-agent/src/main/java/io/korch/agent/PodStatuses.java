package io.korch.agent;

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
import io.korch.api.PodStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes a pod's {@link PodStatus} from its containers as the runtime shows them and what the agent
 * remembers about them. Pure; times that must stay stable (condition transitions, start time) are carried
 * over from the previous status, so an unchanged pod yields an equal status.
 *
 * <p>Container states: running; waiting ({@code ContainerCreating}, {@code ErrImageNeverPull},
 * {@code CreateContainerError}, {@code CrashLoopBackOff} while an exited container waits for its restart);
 * or terminated when its pod's restart policy leaves it exited. The phase follows Kubernetes: Pending while
 * a container has never run, Running while one runs or will be restarted, Succeeded when all exited with 0
 * for good, Failed when all exited for good and one failed.
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
    /** Waiting reason of an exited container during its restart back-off. */
    public static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";

    private PodStatuses() {
    }

    /**
     * The status of {@code pod}.
     *
     * @param pod         the assigned pod
     * @param containers  its containers (same pod uid), without those being removed
     * @param history     what the agent remembers per pod container
     * @param previous    the status last reported for this pod uid, or null
     * @param runtimeName scheme of container ids, such as {@code docker}
     * @param now         the current time
     */
    public static PodStatus of(Pod pod, List<RuntimeContainer> containers, Map<ContainerKey, ContainerHistory> history,
                               PodStatus previous, String runtimeName, Instant now) {
        List<ContainerStatus> statuses = new ArrayList<>();
        int running = 0;
        int waiting = 0;
        int stopped = 0;
        int succeeded = 0;
        List<String> unready = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            ContainerKey key = new ContainerKey(pod.getMetadata().getUid(), container.getName());
            ContainerHistory past = history.getOrDefault(key, ContainerHistory.NEW);
            RuntimeContainer current = find(containers, container.getName());
            ContainerStatus status = containerStatus(pod, container, current, past, runtimeName);
            statuses.add(status);
            ContainerState state = status.getState();
            if (state.getRunning() != null) {
                running++;
            } else if (state.getTerminated() != null) {
                stopped++;
                succeeded += state.getTerminated().getExitCode() == 0 ? 1 : 0;
            } else if (past.restartCount() > 0 || (current != null && current.state() == State.EXITED)) {
                stopped++; // waiting for a restart: it has run before
            } else {
                waiting++;
            }
            if (!status.getReady()) {
                unready.add(container.getName());
            }
        }
        String phase = phase(RestartPolicy.of(pod.getSpec().getRestartPolicy()), running, waiting, stopped, succeeded);
        List<PodCondition> conditions = conditions(phase, unready, previous, now);
        return PodStatus.newBuilder()
                .setPhase(phase)
                .setConditions(conditions)
                .setContainerStatuses(statuses)
                .setHostIP(NodeRecords.NODE_IP)
                .setStartTime(startTime(containers, previous, now))
                .build();
    }

    /** Kubernetes' phase rules, for pods without init containers. */
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

    private static ContainerStatus containerStatus(Pod pod, Container container, RuntimeContainer current,
                                                   ContainerHistory past, String runtimeName) {
        ContainerState state;
        if (current == null || current.state() == State.CREATED || current.state() == State.REMOVING) {
            state = waiting(past.waitingReason() != null ? past.waitingReason() : CONTAINER_CREATING,
                    past.waitingMessage());
        } else if (current.state() == State.RUNNING) {
            state = ContainerState.newBuilder()
                    .setRunning(ContainerStateRunning.newBuilder().setStartedAt(millis(current.startedAt())).build())
                    .build();
        } else if (Reconciler.restarts(pod, current)) {
            state = past.waitingReason() != null
                    ? waiting(past.waitingReason(), past.waitingMessage())
                    : waiting(CRASH_LOOP_BACK_OFF, "back-off " + Reconciler.restartDelay(current, past).toSeconds()
                            + "s restarting failed container=" + container.getName() + " pod="
                            + pod.getMetadata().getName() + "_" + PodKeys.namespace(pod)
                            + "(" + pod.getMetadata().getUid() + ")");
        } else {
            state = ContainerState.newBuilder().setTerminated(terminated(current)).build();
        }
        return ContainerStatus.newBuilder()
                .setName(container.getName())
                .setImage(container.getImage())
                .setReady(state.getRunning() != null)
                .setRestartCount(past.restartCount())
                .setContainerID(current == null ? null : runtimeName + "://" + current.id())
                .setState(state)
                .build();
    }

    private static ContainerStateTerminated terminated(RuntimeContainer exited) {
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

    private static ContainerState waiting(String reason, String message) {
        return ContainerState.newBuilder()
                .setWaiting(ContainerStateWaiting.newBuilder().setReason(reason).setMessage(message).build())
                .build();
    }

    private static List<PodCondition> conditions(String phase, List<String> unready, PodStatus previous, Instant now) {
        boolean done = SUCCEEDED.equals(phase) || FAILED.equals(phase);
        boolean ready = unready.isEmpty() && !done;
        String reason = ready ? null : done ? "PodCompleted" : "ContainersNotReady";
        String message = ready || done ? null : "containers with unready status: " + unready;
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition("Initialized", "True", null, null, previous, now));
        conditions.add(condition("Ready", ready ? "True" : "False", reason, message, previous, now));
        conditions.add(condition("ContainersReady", ready ? "True" : "False", reason, message, previous, now));
        conditions.add(condition("PodScheduled", "True", null, null, previous, now));
        return conditions;
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

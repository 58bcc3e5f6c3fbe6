package io.korch.agent.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A container as a runtime observes it right now. Immutable: a snapshot, not a handle.
 *
 * @param id         the runtime's container id
 * @param name       the container name
 * @param image      the image it was created from
 * @param labels     its labels (see {@link ContainerLabels})
 * @param state      its lifecycle state
 * @param exitCode   exit code of the last run, or null if it never exited
 * @param createdAt  when it was created
 * @param startedAt  when its last run started, or null if it never started
 * @param finishedAt when its last run ended, or null if it never ended
 * @param oomKilled  whether its last run was killed for exceeding its memory limit
 * @param error      the runtime's error message about its last start, or null
 */
public record RuntimeContainer(
        String id,
        String name,
        String image,
        Map<String, String> labels,
        State state,
        Integer exitCode,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        boolean oomKilled,
        String error) {

    public RuntimeContainer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The lifecycle states the agent distinguishes. */
    public enum State {
        /** Created but never started (or its start failed). */
        CREATED,
        /** Its process runs (a paused or restarting container counts as running). */
        RUNNING,
        /** Its process ended; {@link #exitCode()} says how. */
        EXITED,
        /** The runtime is deleting it. */
        REMOVING
    }

    /** The uid of the pod it belongs to, or null when it lacks the label. */
    public String podUid() {
        return labels.get(ContainerLabels.POD_UID);
    }

    /** The namespace of the pod it belongs to, or null when it lacks the label. */
    public String podNamespace() {
        return labels.get(ContainerLabels.POD_NAMESPACE);
    }

    /** The name of the pod it belongs to, or null when it lacks the label. */
    public String podName() {
        return labels.get(ContainerLabels.POD_NAME);
    }

    /** Its container name within the pod, or null when it lacks the label. */
    public String containerName() {
        return labels.get(ContainerLabels.CONTAINER);
    }

    /** The grace period its pod had when it was created, or null when it has no valid such label. */
    public Duration terminationGracePeriod() {
        String seconds = labels.get(ContainerLabels.TERMINATION_GRACE_PERIOD);
        if (seconds == null) {
            return null;
        }
        try {
            long value = Long.parseLong(seconds);
            return value < 0 ? null : Duration.ofSeconds(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether it is its pod's sandbox rather than one of the pod's containers. */
    public boolean isSandbox() {
        return ContainerLabels.SANDBOX.equals(containerName());
    }

    /** Whether it carries every pod label, so the agent can tell which pod container it is. */
    public boolean hasPodLabels() {
        return podUid() != null && podNamespace() != null && podName() != null && containerName() != null;
    }
}

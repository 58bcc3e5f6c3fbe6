package io.korch.scheduler;

import io.korch.api.Node;
import io.korch.api.NodeHealth;
import io.korch.api.Pod;

/**
 * One change the scheduler reacts to, tagged with its kind so that a tombstone (a null value)
 * still says what was deleted. Only passed between processors of one task, never serialized.
 */
public sealed interface SchedulerInput {

    /** A pod record from {@code korch.pods} or {@code korch.owned.pods}; null pod = deleted. */
    record PodChanged(Pod pod) implements SchedulerInput {
    }

    /** A node record from {@code korch.nodes}; null node = deleted. */
    record NodeChanged(Node node) implements SchedulerInput {
    }

    /** A node declaration from {@code korch.node-specs}; null node = declaration deleted. */
    record NodeSpecChanged(Node node) implements SchedulerInput {
    }

    /** A node-lifecycle verdict from {@code korch.node-health}; null health = deleted. */
    record HealthChanged(NodeHealth health) implements SchedulerInput {
    }
}

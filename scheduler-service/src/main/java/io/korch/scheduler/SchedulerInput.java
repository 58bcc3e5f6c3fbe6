package io.korch.scheduler;

import io.korch.api.BindOutcome;
import io.korch.api.Pod;

/**
 * One change a placer reacts to, tagged with its kind so that a tombstone (a null value)
 * still says what was deleted. Only passed between processors of one task, never serialized.
 */
public sealed interface SchedulerInput {

    /** A pod record from {@code korch.pods} or {@code korch.owned.pods}; null pod = deleted. */
    record PodChanged(Pod pod) implements SchedulerInput {
    }

    /** A binder's answer from {@code korch.bind-outcomes}, keyed namespace/name/node. */
    record OutcomeArrived(BindOutcome outcome) implements SchedulerInput {
    }
}

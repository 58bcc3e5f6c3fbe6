package io.korch.agent;

import io.korch.agent.runtime.RuntimeContainer;
import io.korch.api.Container;
import io.korch.api.LifecycleHandler;
import io.korch.api.Pod;
import java.time.Duration;

/** One step {@link Reconciler#plan} asks the agent to take against the container runtime. */
public sealed interface Action {

    /** The pod the action is for; null for a {@link Remove}, whose container may belong to no assigned pod. */
    default Pod pod() {
        return null;
    }

    /** Create and start a container that does not exist yet. */
    record Create(Pod pod, Container container) implements Action {
    }

    /** Start a container that was created but never started (its start failed, or the agent stopped in between). */
    record Start(Pod pod, Container container, RuntimeContainer existing) implements Action {
    }

    /** Start an exited container again, as its pod's restart policy asks; {@code next} counts the restart. */
    record Restart(Pod pod, Container container, RuntimeContainer exited, ContainerHistory next) implements Action {
    }

    /** Tell that an exited container waits {@code delay} before its restart; {@code next} remembers it was told. */
    record AnnounceBackOff(Pod pod, Container container, Duration delay, ContainerHistory next) implements Action {
    }

    /**
     * Stop and remove a container; {@code reason} says why, {@code gracePeriod} how long it may take to stop,
     * {@code spec} is its pod container when its pod is still assigned (for its preStop hook), else null.
     */
    record Remove(RuntimeContainer container, String reason, Duration gracePeriod, Container spec) implements Action {

        /** The removal of a container whose spec is unknown: no preStop hook runs. */
        public Remove(RuntimeContainer container, String reason, Duration gracePeriod) {
            this(container, reason, gracePeriod, null);
        }

        /** Its preStop hook, or null. */
        public LifecycleHandler preStop() {
            return Action.preStop(spec);
        }
    }

    /**
     * Stop a running container without removing it, because its liveness or startup probe failed; its
     * restart policy then decides whether it runs again. {@code message} is the Killing event's
     * ({@code Container main failed liveness probe}).
     */
    record Kill(Pod pod, Container container, RuntimeContainer running, String message, Duration gracePeriod)
            implements Action {

        /** Its preStop hook, or null. */
        public LifecycleHandler preStop() {
            return Action.preStop(container);
        }
    }

    private static LifecycleHandler preStop(Container spec) {
        return spec == null || spec.getLifecycle() == null ? null : spec.getLifecycle().getPreStop();
    }

    /** Why a container is removed. */
    final class Reasons {
        /** Its pod is no longer assigned to this node. */
        public static final String NOT_ASSIGNED = "NotAssigned";
        /** A pod of the same name but another uid replaced its pod. */
        public static final String REPLACED = "Replaced";
        /** Its pod has no container of that name. */
        public static final String NOT_IN_SPEC = "NotInSpec";
        /** Another container holds the same pod uid and container name. */
        public static final String DUPLICATE = "Duplicate";
        /** Its pod's sandbox stopped or went away: the pod's containers and sandbox are created anew. */
        public static final String SANDBOX_CHANGED = "SandboxChanged";
        /** It carries the node label but not the pod labels. */
        public static final String UNLABELLED = "Unlabelled";

        private Reasons() {
        }
    }
}

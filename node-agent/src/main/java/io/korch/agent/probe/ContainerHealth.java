package io.korch.agent.probe;

import io.korch.api.Container;
import java.time.Duration;

/**
 * What the probes of one running container say: whether it {@code started} (its startup probe succeeded, or
 * it has none), whether it is {@code ready} (started, and its readiness probe succeeded or it has none), and
 * whether it must be killed because its liveness or startup probe failed ({@code killMessage}, worded as
 * Kubernetes' Killing event: {@code Container main failed liveness probe}), and with which grace period
 * (null: the pod's).
 */
public record ContainerHealth(boolean started, boolean ready, String killMessage, Duration killGracePeriod) {

    /** The health of a container whose probes have not run yet. */
    public static ContainerHealth initial(Container container) {
        boolean started = container.getStartupProbe() == null;
        return new ContainerHealth(started, started && container.getReadinessProbe() == null, null, null);
    }

    /** Whether a probe failed that requires killing the container. */
    public boolean mustKill() {
        return killMessage != null;
    }
}

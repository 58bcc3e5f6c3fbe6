package io.korch.agent.metrics;

import io.korch.agent.ContainerHistory;
import io.korch.agent.probe.ProbeType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The meters of one node agent, labelled with its node: {@code korch_agent_container_starts_total}
 * (every successful container start, first or again), {@code korch_agent_container_restarts_total}
 * (a container started again after it exited, or recreated in a new sandbox: what its
 * {@code restartCount} counts) and {@code korch_agent_probe_failures_total{probe}} (every probe
 * attempt that failed or errored, {@code liveness}, {@code readiness} or {@code startup}, before
 * the throttling of its Unhealthy events).
 */
public final class AgentMeters {

    private final Counter starts;
    private final Counter restarts;
    private final Map<ProbeType, Counter> probeFailures;

    public AgentMeters(MeterRegistry registry, String node) {
        this.starts = Counter.builder("korch.agent.container.starts")
                .description("Containers the agent started, first or again")
                .tag("node", node).register(registry);
        this.restarts = Counter.builder("korch.agent.container.restarts")
                .description("Containers the agent started again after they exited, or recreated in a new sandbox")
                .tag("node", node).register(registry);
        Map<ProbeType, Counter> failures = new EnumMap<>(ProbeType.class);
        for (ProbeType type : ProbeType.values()) {
            failures.put(type, Counter.builder("korch.agent.probe.failures")
                    .description("Probe attempts that failed or errored, by probe type")
                    .tag("node", node).tag("probe", type.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        this.probeFailures = Map.copyOf(failures);
    }

    /** Meters registered nowhere: for an agent nobody scrapes (tests). */
    public static AgentMeters unregistered(String node) {
        return new AgentMeters(new SimpleMeterRegistry(), node);
    }

    /** Counts a successful container start. */
    public void containerStarted() {
        starts.increment();
    }

    /** Counts a failed or errored attempt of a probe of {@code type}. */
    public void probeFailed(ProbeType type) {
        probeFailures.get(type).increment();
    }

    /**
     * Counts the restarts between the container histories {@code before} and {@code after} a
     * reconcile pass — by how much each container's restart count grew — and returns {@code after}.
     */
    public <K> Map<K, ContainerHistory> countRestarts(Map<K, ContainerHistory> before, Map<K, ContainerHistory> after) {
        for (Map.Entry<K, ContainerHistory> entry : after.entrySet()) {
            ContainerHistory past = before.get(entry.getKey());
            int grown = entry.getValue().restartCount() - (past == null ? 0 : past.restartCount());
            if (grown > 0) {
                restarts.increment(grown);
            }
        }
        return after;
    }
}

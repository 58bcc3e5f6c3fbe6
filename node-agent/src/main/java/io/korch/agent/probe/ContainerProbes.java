package io.korch.agent.probe;

import io.korch.api.Container;
import io.korch.api.Probe;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The probes of one container run together, as kubelet combines them: a startup probe holds the liveness
 * and readiness probes until it succeeds and then stops; readiness makes the container ready; a failed
 * liveness or startup probe asks for the container to be killed. Pure (the caller passes the time since the
 * container started); its methods are synchronized because probe threads record while the reconcile thread
 * reads.
 */
public final class ContainerProbes {

    private final Container container;
    private final Map<ProbeType, ProbeState> states = new EnumMap<>(ProbeType.class);

    public ContainerProbes(Container container) {
        this.container = container;
        add(ProbeType.STARTUP, container.getStartupProbe());
        add(ProbeType.LIVENESS, container.getLivenessProbe());
        add(ProbeType.READINESS, container.getReadinessProbe());
    }

    /** The probe types this container has. */
    public synchronized Iterable<ProbeType> types() {
        return Map.copyOf(states).keySet();
    }

    /** The probe of {@code type}, or null. */
    public Probe probe(ProbeType type) {
        return switch (type) {
            case LIVENESS -> container.getLivenessProbe();
            case READINESS -> container.getReadinessProbe();
            case STARTUP -> container.getStartupProbe();
        };
    }

    /** The settings of the probe of {@code type}; it must exist. */
    public synchronized ProbeSettings settings(ProbeType type) {
        return states.get(type).settings();
    }

    /** Whether the {@code type} probe should be tried now, {@code sinceStart} after the container started. */
    public synchronized boolean due(ProbeType type, Duration sinceStart) {
        ProbeState state = states.get(type);
        if (state == null || !state.due(sinceStart)) {
            return false;
        }
        boolean started = started();
        return type == ProbeType.STARTUP ? !started : started;
    }

    /**
     * Counts one attempt of the {@code type} probe.
     *
     * @return whether the container's health changed
     */
    public synchronized boolean record(ProbeType type, ProbeResult attempt) {
        ProbeState state = states.get(type);
        return state != null && state.record(attempt);
    }

    /** The container's health as its probes say now. */
    public synchronized ContainerHealth health() {
        boolean started = started();
        ProbeState readiness = states.get(ProbeType.READINESS);
        boolean ready = started && (readiness == null || readiness.result() == ProbeResult.SUCCESS);
        String kill = null;
        Probe failed = null;
        if (result(ProbeType.STARTUP) == ProbeResult.FAILURE) {
            kill = "Container " + container.getName() + " failed startup probe";
            failed = container.getStartupProbe();
        } else if (started && result(ProbeType.LIVENESS) == ProbeResult.FAILURE) {
            kill = "Container " + container.getName() + " failed liveness probe";
            failed = container.getLivenessProbe();
        }
        Duration grace = failed == null || failed.getTerminationGracePeriodSeconds() == null
                ? null : Duration.ofSeconds(Math.max(0, failed.getTerminationGracePeriodSeconds()));
        return new ContainerHealth(started, ready, kill, grace);
    }

    private boolean started() {
        ProbeState startup = states.get(ProbeType.STARTUP);
        return startup == null || startup.result() == ProbeResult.SUCCESS;
    }

    private ProbeResult result(ProbeType type) {
        ProbeState state = states.get(type);
        return state == null ? null : state.result();
    }

    private void add(ProbeType type, Probe probe) {
        if (probe != null) {
            states.put(type, new ProbeState(type, ProbeSettings.of(probe, type)));
        }
    }
}

package io.korch.agent.probe;

/** The three probes of a container, named as Kubernetes names them in events. */
public enum ProbeType {
    /** Restarts the container when it fails. */
    LIVENESS("Liveness"),
    /** Decides whether the container is ready. */
    READINESS("Readiness"),
    /** Holds the other two until it succeeds once; restarts the container when it fails. */
    STARTUP("Startup");

    private final String label;

    ProbeType(String label) {
        this.label = label;
    }

    /** {@code Liveness}, {@code Readiness} or {@code Startup}, as events show it. */
    public String label() {
        return label;
    }
}

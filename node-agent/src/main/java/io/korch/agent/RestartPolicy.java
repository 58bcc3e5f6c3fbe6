package io.korch.agent;

/** A pod's {@code restartPolicy}: which exited containers the agent starts again. */
public enum RestartPolicy {
    /** Restart every exited container (the default). */
    ALWAYS,
    /** Restart containers that exited with a non-zero code. */
    ON_FAILURE,
    /** Never restart. */
    NEVER;

    /** The policy named {@code Always}, {@code OnFailure} or {@code Never}; null or unknown means Always. */
    public static RestartPolicy of(String name) {
        if ("OnFailure".equals(name)) {
            return ON_FAILURE;
        }
        return "Never".equals(name) ? NEVER : ALWAYS;
    }

    /** Whether a container that exited with {@code exitCode} is started again. */
    public boolean restarts(int exitCode) {
        return switch (this) {
            case ALWAYS -> true;
            case ON_FAILURE -> exitCode != 0;
            case NEVER -> false;
        };
    }
}

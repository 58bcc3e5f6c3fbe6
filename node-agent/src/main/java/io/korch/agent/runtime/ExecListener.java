package io.korch.agent.runtime;

/**
 * Receives what a command run by {@link ContainerRuntime#exec} writes, on the runtime's threads, then exactly one
 * of {@link #exited} or {@link #failed}.
 */
public interface ExecListener {

    /** Bytes the command wrote to its standard output (or its terminal). */
    void stdout(byte[] bytes);

    /** Bytes the command wrote to its standard error. */
    void stderr(byte[] bytes);

    /** The command ended with {@code exitCode}, after its last output was delivered. */
    void exited(int exitCode);

    /** The command could not be run or its streams broke. */
    void failed(Throwable failure);
}

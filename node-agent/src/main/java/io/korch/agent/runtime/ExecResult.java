package io.korch.agent.runtime;

/**
 * The outcome of a command run to completion inside a container ({@link ContainerRuntime#execCapture}).
 *
 * @param exitCode the command's exit code, or -1 when it timed out or its code is unknown
 * @param output   what it wrote to stdout and stderr, interleaved as it arrived
 * @param timedOut whether it was still running when its time was up
 */
public record ExecResult(int exitCode, String output, boolean timedOut) {

    public ExecResult {
        output = output == null ? "" : output;
    }

    /** Whether the command ended in time with exit code 0. */
    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}

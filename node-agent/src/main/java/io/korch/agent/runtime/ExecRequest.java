package io.korch.agent.runtime;

import java.util.List;
import java.util.Objects;

/**
 * A command to run in a running container, as {@code kubectl exec} asks for it.
 *
 * @param command the command and its arguments, run without a shell
 * @param stdin   whether the caller sends input ({@link ExecSession#stdin})
 * @param stdout  whether the caller wants the command's standard output
 * @param stderr  whether the caller wants its standard error (with a tty, errors come on stdout)
 * @param tty     whether the command runs on a terminal
 */
public record ExecRequest(List<String> command, boolean stdin, boolean stdout, boolean stderr, boolean tty) {

    public ExecRequest {
        command = List.copyOf(Objects.requireNonNull(command, "command"));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("you must specify at least one command for the container");
        }
    }
}

package io.korch.cli.commands;

import io.korch.cli.client.ApiException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one line on standard error and exit code 1, as kubectl does:
 * {@code Error from server (Invalid): <message>} when the API refused, {@code error: <message>}
 * for everything else. No stack traces: every message names what went wrong.
 */
public final class ErrorHandler implements IExecutionExceptionHandler {

    /** The exit code of a command that failed, while running or on a usage error, as kubectl's. */
    public static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String line = lineFor(e);
        if (!line.isEmpty()) {
            err.println(line);
        }
        err.flush();
        return FAILED;
    }

    /** The line printed for {@code e}; empty when it was already reported. */
    public static String lineFor(Throwable e) {
        if (e instanceof ApiException api) {
            return api.toDisplayString();
        }
        if (e instanceof CommandFailedException && e.getMessage().isEmpty()) {
            return "";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return "error: " + message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}

package io.korch.cli.commands;

/**
 * A command could not do what it was asked; the message is the one line printed after
 * {@code error: }. Problems already reported line by line end the command with this exception and
 * an empty message, so only the exit code remains to be set.
 */
public final class CommandFailedException extends RuntimeException {

    public CommandFailedException(String message) {
        super(message);
    }

    /** A failure whose details were already printed. */
    public static CommandFailedException alreadyReported() {
        return new CommandFailedException("");
    }
}

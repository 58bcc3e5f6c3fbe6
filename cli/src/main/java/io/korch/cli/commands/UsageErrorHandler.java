package io.korch.cli.commands;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns a command line that cannot be parsed into kubectl's two lines on standard error and exit
 * code 1: {@code error: unknown flag: --bogus} (or {@code unknown command "foo" for "korch"}, or
 * picocli's own message) and {@code See 'korch get --help' for usage.}
 */
public final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("error: " + message(e));
        err.println("See '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ErrorHandler.FAILED;
    }

    /** kubectl's words for an unknown flag or command, else picocli's message starting in lower case. */
    static String message(ParameterException e) {
        CommandLine commandLine = e.getCommandLine();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (first.startsWith("-")) {
                int equals = first.indexOf('=');
                return "unknown flag: " + (equals < 0 ? first : first.substring(0, equals));
            }
            if (!commandLine.getSubcommands().isEmpty() && commandLine.getCommandSpec().positionalParameters().isEmpty()) {
                return "unknown command \"" + first + "\" for \"" + commandLine.getCommandSpec().qualifiedName() + "\"";
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        if (message.length() > 1 && Character.isUpperCase(message.charAt(0)) && !Character.isUpperCase(message.charAt(1))) {
            message = message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
        }
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}

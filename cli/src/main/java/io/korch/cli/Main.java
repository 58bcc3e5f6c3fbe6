package io.korch.cli;

import io.korch.cli.commands.ErrorHandler;
import io.korch.cli.commands.UsageErrorHandler;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code korch} command; exits with the command's code (0 ok, 1 failed or a usage error, as kubectl). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(CliContext.system()).execute(args));
    }

    /** The {@code korch} command line wired to {@code context}, with korch's one-line error handling. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine commandLine = new CommandLine(new KorchCommand(context));
        commandLine.setOut(new PrintWriter(context.stdout(), true));
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }
}

package io.korch.cli.commands;

import io.korch.cli.KorchVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code korch version}: the version of this korch build. */
@Command(name = "version", description = "Print the korch version.")
public final class VersionCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println("Client Version: " + KorchVersion.version());
        spec.commandLine().getOut().flush();
    }
}

package io.korch.cli.commands;

import picocli.CommandLine.Option;

/** How the commands that run node agents (agent, dev) choose their container runtime. */
public final class ContainerRuntimeOptions {

    @Option(names = "--require-docker",
            description = "Fail when Docker is unreachable instead of running containers as local processes.")
    boolean requireDocker;

    /** Whether containers may run as local processes when Docker is unreachable. */
    public boolean allowProcessFallback() {
        return !requireDocker;
    }
}

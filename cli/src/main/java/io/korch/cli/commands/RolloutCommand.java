package io.korch.cli.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code korch rollout SUBCOMMAND deployment/NAME}: follow, list, undo, pause, resume and restart rollouts. */
@Command(name = "rollout", description = "Manage the rollout of a deployment.",
        subcommands = {RolloutStatusCommand.class, RolloutHistoryCommand.class, RolloutUndoCommand.class,
                RolloutPauseCommand.class, RolloutResumeCommand.class, RolloutRestartCommand.class})
public final class RolloutCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "name what to do: korch rollout status|history|undo|pause|resume|restart deployment/NAME");
    }
}

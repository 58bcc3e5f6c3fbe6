package io.korch.cli.commands;

import picocli.CommandLine.Command;

/** {@code korch rollout resume deployment/NAME}: clears {@code spec.paused}; a pending template change rolls out. */
@Command(name = "resume", description = "Resume a paused deployment.")
public final class RolloutResumeCommand extends RolloutTargetCommand {

    @Override
    String verb() {
        return "resume";
    }

    @Override
    public Integer call() {
        if (!deployment().path("spec").path("paused").asBoolean(false)) {
            throw new CommandFailedException(quoted() + " is not paused");
        }
        options().client().patch(path(), RolloutPauseCommand.paused(false), MERGE_PATCH);
        return done(slashed() + " resumed");
    }
}

package io.korch.cli.commands;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;

/** {@code korch rollout pause deployment/NAME}: sets {@code spec.paused}, so template changes start no rollout. */
@Command(name = "pause", description = "Mark a deployment as paused: changes to its template start no rollout until it is resumed.")
public final class RolloutPauseCommand extends RolloutTargetCommand {

    @Override
    String verb() {
        return "pause";
    }

    @Override
    public Integer call() {
        if (deployment().path("spec").path("paused").asBoolean(false)) {
            throw new CommandFailedException(quoted() + " is already paused");
        }
        options().client().patch(path(), paused(true), MERGE_PATCH);
        return done(slashed() + " paused");
    }

    /** The merge patch that sets {@code spec.paused}. */
    static ObjectNode paused(boolean paused) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("spec").put("paused", paused);
        return patch;
    }
}

package io.korch.cli.commands;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;

/**
 * {@code korch rollout restart deployment/NAME}: stamps the pod template with
 * {@value #RESTARTED_AT}, as kubectl does, so every pod is replaced by a rolling update.
 */
@Command(name = "restart", description = "Restart a deployment: replace its pods with a rolling update.")
public final class RolloutRestartCommand extends RolloutTargetCommand {

    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    @Override
    String verb() {
        return "restart";
    }

    @Override
    public Integer call() {
        if (deployment().path("spec").path("paused").asBoolean(false)) {
            throw new CommandFailedException("can't restart paused deployment (run rollout resume first)");
        }
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("spec").putObject("template").putObject("metadata").putObject("annotations")
                .put(RESTARTED_AT, context().clock().instant().truncatedTo(ChronoUnit.SECONDS).toString());
        options().client().patch(path(), patch, MERGE_PATCH);
        return done(slashed() + " restarted");
    }
}

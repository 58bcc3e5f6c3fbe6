package io.korch.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.cli.rollout.Revisions;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code korch rollout undo deployment/NAME [--to-revision N]}: puts the pod template of an earlier
 * revision (the previous one by default) back into the Deployment, as kubectl does — a JSON patch
 * of {@code spec.template} and of the annotations, guarded by the resourceVersion read — and the
 * deployment controller rolls it out, reviving that revision's ReplicaSet.
 */
@Command(name = "undo", description = "Roll a deployment back to an earlier revision.")
public final class RolloutUndoCommand extends RolloutTargetCommand {

    /** The annotations that stay the Deployment's own rather than coming back with the revision. */
    static final Set<String> KEPT_ANNOTATIONS = Set.of("kubectl.kubernetes.io/last-applied-configuration",
            Revisions.REVISION_ANNOTATION, "deployment.kubernetes.io/revision-history",
            "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas");

    @Option(names = "--to-revision", paramLabel = "N", description = "The revision to go back to; 0 (the default) is the previous one.")
    private long toRevision;

    @Override
    String verb() {
        return "undo";
    }

    @Override
    public Integer call() {
        JsonNode deployment = deployment();
        if (deployment.path("spec").path("paused").asBoolean(false)) {
            throw new CommandFailedException("you cannot rollback a paused deployment; resume it first with"
                    + " 'korch rollout resume' and try again");
        }
        if (toRevision < 0) {
            throw new CommandFailedException("--to-revision must be 0 or more, not " + toRevision);
        }
        Revisions revisions = Revisions.of(options().client(), deployment);
        JsonNode target = toRevision > 0
                ? revisions.revision(toRevision).orElseThrow(() ->
                        new CommandFailedException("unable to find specified revision " + toRevision + " in history"))
                : revisions.previous().orElseThrow(() ->
                        new CommandFailedException("no rollout history found for deployment \"" + name() + "\""));
        ObjectNode template = Revisions.template(target);
        if (template.equals(deployment.path("spec").path("template"))) {
            return done(slashed() + " skipped rollback (current template already matches revision "
                    + Revisions.revision(target) + ")");
        }
        options().client().patch(path(), patch(deployment, target, template), JSON_PATCH);
        return done(slashed() + " rolled back");
    }

    /**
     * The JSON patch of the rollback: the resourceVersion read (so a concurrent change is refused),
     * the revision's template, and its annotations joined with the Deployment's own.
     */
    private static ArrayNode patch(JsonNode deployment, JsonNode target, ObjectNode template) {
        ObjectNode annotations = JsonNodeFactory.instance.objectNode();
        deployment.path("metadata").path("annotations").properties().forEach(entry -> {
            if (KEPT_ANNOTATIONS.contains(entry.getKey())) {
                annotations.set(entry.getKey(), entry.getValue());
            }
        });
        target.path("metadata").path("annotations").properties().forEach(entry -> {
            if (!KEPT_ANNOTATIONS.contains(entry.getKey())) {
                annotations.set(entry.getKey(), entry.getValue());
            }
        });
        ArrayNode patch = JsonNodeFactory.instance.arrayNode();
        patch.addObject().put("op", "test").put("path", "/metadata/resourceVersion")
                .put("value", deployment.path("metadata").path("resourceVersion").asText());
        patch.addObject().put("op", "replace").put("path", "/spec/template").set("value", template);
        patch.addObject().put("op", deployment.path("metadata").has("annotations") ? "replace" : "add")
                .put("path", "/metadata/annotations").set("value", annotations);
        return patch;
    }
}

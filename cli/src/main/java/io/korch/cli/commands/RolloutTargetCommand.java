package io.korch.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.cli.output.ResourceNames;
import io.korch.model.ApiKind;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/**
 * Base of the rollout subcommands: the one Deployment they act on, named {@code deployment/NAME}
 * or {@code deployment NAME}, and the reading and patching of it.
 */
abstract class RolloutTargetCommand extends ClientCommand {

    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String JSON_PATCH = "application/json-patch+json";

    @Parameters(index = "0", arity = "1", paramLabel = "KIND", description = "deployment/NAME, or deployment followed by NAME.")
    private String kindName;

    @Parameters(index = "1..*", paramLabel = "NAME", description = "The deployment's name, when not given as deployment/NAME.")
    private List<String> names = new ArrayList<>();

    private String name;

    /** The Deployment's name. */
    final String name() {
        if (name == null) {
            KindArguments target = KindArguments.parse(kindName, names);
            if (target.kind() != ApiKind.DEPLOYMENT) {
                throw new CommandFailedException("korch rollout works on deployments only, not " + target.kind().plural());
            }
            if (target.names().size() != 1) {
                throw new CommandFailedException("name the one deployment: korch rollout " + verb() + " deployment/NAME");
            }
            name = target.names().get(0);
        }
        return name;
    }

    /** The subcommand's name, for messages. */
    abstract String verb();

    /** The API path of the Deployment. */
    final String path() {
        return ApiKind.DEPLOYMENT.objectPath(options().namespaceOrDefault(), name());
    }

    /** The Deployment as the API serves it now. */
    final JsonNode deployment() {
        return options().client().get(path());
    }

    /** {@code deployment.apps/NAME}. */
    final String slashed() {
        return ResourceNames.slashed(ApiKind.DEPLOYMENT, name());
    }

    /** {@code deployments.apps "NAME"}, as kubectl names an object it refuses to change. */
    final String quoted() {
        return "deployments.apps \"" + name() + "\"";
    }

    /** Prints {@code line} and returns 0. */
    final int done(String line) {
        out().println(line);
        out().flush();
        return 0;
    }
}

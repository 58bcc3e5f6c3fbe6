package io.korch.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.PodTemplateSpec;
import io.korch.cli.output.DescribeWriter;
import io.korch.cli.output.Table;
import io.korch.cli.output.describe.Sections;
import io.korch.cli.rollout.Revisions;
import io.korch.json.ApiJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code korch rollout history deployment/NAME [--revision N]}: the revisions of a Deployment
 * with their change causes, or the pod template of one, in kubectl's format.
 */
@Command(name = "history", description = "Show the revisions of a deployment.")
public final class RolloutHistoryCommand extends RolloutTargetCommand {

    @Option(names = "--revision", paramLabel = "N", description = "Show the pod template of this revision.")
    private Long revision;

    @Override
    String verb() {
        return "history";
    }

    @Override
    public Integer call() {
        Revisions revisions = Revisions.of(options().client(), deployment());
        if (revision != null) {
            JsonNode replicaSet = revisions.revision(revision).orElseThrow(() ->
                    new CommandFailedException("unable to find the specified revision"));
            DescribeWriter w = new DescribeWriter();
            Sections.podTemplate(w, ApiJson.read(Revisions.template(replicaSet), PodTemplateSpec.class));
            out().println(slashed() + " with revision #" + revision);
            out().print(w.render());
            out().flush();
            return 0;
        }
        out().println(slashed());
        Table table = Table.of("REVISION", "CHANGE-CAUSE");
        for (JsonNode replicaSet : revisions.replicaSets()) {
            table.row(Long.toString(Revisions.revision(replicaSet)), Revisions.changeCause(replicaSet));
        }
        out().print(table.render());
        out().println();
        out().flush();
        return 0;
    }
}

package io.korch.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.cli.client.ApiClient;
import io.korch.cli.output.ResourceNames;
import io.korch.model.ApiKind;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code korch scale deployment/NAME --replicas N}: reads the deployment's {@code scale}
 * subresource, sets {@code spec.replicas} and writes it back with the resourceVersion it read, so
 * a concurrent change is refused rather than lost.
 */
@Command(name = "scale", sortOptions = false, description = "Set the number of replicas of a deployment.")
public final class ScaleCommand extends ClientCommand {

    @Parameters(index = "0", arity = "1", paramLabel = "KIND",
            description = "deployment/NAME, or deployment followed by NAME.")
    private String kindName;

    @Parameters(index = "1..*", paramLabel = "NAME", description = "The deployment's name, when not given as deployment/NAME.")
    private List<String> names = new ArrayList<>();

    @Option(names = "--replicas", required = true, paramLabel = "N", description = "The new number of replicas.")
    private int replicas;

    @Override
    public Integer call() {
        KindArguments target = KindArguments.parse(kindName, names);
        if (target.kind() != ApiKind.DEPLOYMENT) {
            throw new CommandFailedException("korch scales deployments only, not " + target.kind().plural());
        }
        if (target.names().size() != 1) {
            throw new CommandFailedException("name the one deployment to scale: korch scale deployment/NAME --replicas N");
        }
        if (replicas < 0) {
            throw new CommandFailedException("--replicas must be 0 or more, not " + replicas);
        }
        String name = target.names().get(0);
        String path = target.kind().objectPath(options().namespaceOrDefault(), name) + "/scale";
        ApiClient client = options().client();
        JsonNode current = client.get(path);
        ObjectNode scale = current.deepCopy();
        scale.withObjectProperty("spec").put("replicas", replicas);
        scale.remove("status");
        client.put(path, scale);
        out().println(ResourceNames.slashed(target.kind(), name) + " scaled");
        out().flush();
        return 0;
    }
}

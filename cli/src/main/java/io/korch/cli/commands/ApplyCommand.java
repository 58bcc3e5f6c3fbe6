package io.korch.cli.commands;

import io.korch.cli.apply.Applier;
import io.korch.cli.apply.ApplyDecision;
import io.korch.cli.apply.ApplyPlan;
import io.korch.cli.client.ApiClient;
import io.korch.cli.client.ApiException;
import io.korch.cli.manifest.ManifestLoader;
import io.korch.cli.manifest.ManifestObject;
import io.korch.cli.output.ResourceNames;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code korch apply -f FILE|DIR|-}: makes the cluster hold the objects of the manifests.
 *
 * <p>Every document is loaded and checked first, so a file with one bad document applies nothing.
 * Then namespaces go first and each object is created, replaced or left alone
 * ({@link ApplyDecision}). An object the server refuses is reported and the others still go;
 * the command then exits with 1.
 */
@Command(name = "apply", sortOptions = false,
        description = "Create or update objects from manifests (YAML or JSON, several documents per file).")
public final class ApplyCommand extends ClientCommand {

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE",
            description = "A manifest file, a directory of *.yaml/*.yml/*.json files, or - for standard input. Repeatable.")
    private List<String> files = new ArrayList<>();

    @Override
    public Integer call() {
        List<ManifestObject> objects = new ManifestLoader(context().stdin()).load(files);
        List<String> namespaces = new ArrayList<>();
        List<ManifestObject> ordered = ApplyPlan.applyOrder(objects);
        for (ManifestObject object : ordered) {
            namespaces.add(ApplyPlan.namespaceOf(object, options().namespaceFlag(), options().namespaceOrDefault()));
        }
        ApiClient client = options().client();
        Applier applier = new Applier(client);
        PrintWriter out = out();
        Refusals refusals = new Refusals(err());
        for (int i = 0; i < ordered.size(); i++) {
            ManifestObject object = ordered.get(i);
            try {
                ApplyDecision.Action action = applier.apply(object, namespaces.get(i));
                out.println(ResourceNames.slashed(object.kind(), object.name()) + " " + action.verb());
            } catch (ApiException e) {
                refusals.report(e);
            }
            out.flush();
        }
        return refusals.exitCode();
    }
}

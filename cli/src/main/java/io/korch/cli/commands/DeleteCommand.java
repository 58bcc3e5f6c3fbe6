package io.korch.cli.commands;

import io.korch.cli.apply.ApplyPlan;
import io.korch.cli.client.ApiClient;
import io.korch.cli.client.ApiException;
import io.korch.cli.manifest.ManifestLoader;
import io.korch.cli.manifest.ManifestObject;
import io.korch.cli.output.ResourceNames;
import io.korch.model.ApiKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code korch delete KIND NAME...} and {@code korch delete -f FILE}: deletes objects by name or
 * those a manifest declares (namespaces last). Each refusal is reported and the rest still go;
 * the command then exits with 1.
 */
@Command(name = "delete", sortOptions = false,
        description = "Delete objects by kind and name, or those declared in manifests.")
public final class DeleteCommand extends ClientCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "KIND",
            description = "The kind of the objects to delete, or KIND/NAME.")
    private String kindName;

    @Parameters(index = "1..*", paramLabel = "NAME", description = "Names of the objects to delete.")
    private List<String> names = new ArrayList<>();

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE",
            description = "Delete the objects of a manifest file, directory, or - for standard input. Repeatable.")
    private List<String> files = new ArrayList<>();

    @Option(names = "--ignore-not-found", description = "Treat an object that does not exist as deleted.")
    private boolean ignoreNotFound;

    @Option(names = "--cascade", paramLabel = "MODE", defaultValue = "background",
            description = "What becomes of the objects the deleted one owns, as kubectl's --cascade:"
                    + " background (deleted after it, the default), orphan (left, without the owner), foreground.")
    private String cascade;

    /** One object to delete. */
    private record Target(ApiKind kind, String namespace, String name) {
    }

    @Override
    public Integer call() {
        String propagationPolicy = propagationPolicy(cascade);
        List<Target> targets = files.isEmpty() ? byName() : fromManifests();
        ApiClient client = options().client();
        PrintWriter out = out();
        Refusals refusals = new Refusals(err());
        for (Target target : targets) {
            try {
                String path = target.kind().objectPath(target.namespace(), target.name());
                client.delete(propagationPolicy == null ? path
                        : ApiClient.withQuery(path, Map.of("propagationPolicy", propagationPolicy)));
                out.println(ResourceNames.quoted(target.kind(), target.name()) + " deleted");
            } catch (ApiException e) {
                if (!(ignoreNotFound && e.isNotFound())) {
                    refusals.report(e);
                }
            }
            out.flush();
        }
        return refusals.exitCode();
    }

    /** The API's propagationPolicy of a {@code --cascade} mode; null for the default, background. */
    static String propagationPolicy(String cascade) {
        return switch (cascade) {
            case "background", "true" -> null;
            case "orphan", "false" -> "Orphan";
            case "foreground" -> "Foreground";
            default -> throw new CommandFailedException("--cascade must be background, orphan or foreground, not \""
                    + cascade + "\"");
        };
    }

    private List<Target> byName() {
        if (kindName == null) {
            throw new CommandFailedException("you must specify the type of resource to delete and its name,"
                    + " e.g. korch delete deployment web, or -f FILE");
        }
        KindArguments parsed = KindArguments.parse(kindName, names);
        if (parsed.names().isEmpty()) {
            throw new CommandFailedException("resource(s) were provided, but no name was specified");
        }
        String namespace = parsed.kind().namespaced() ? options().namespaceOrDefault() : null;
        return parsed.names().stream().map(name -> new Target(parsed.kind(), namespace, name)).toList();
    }

    private List<Target> fromManifests() {
        if (kindName != null) {
            throw new CommandFailedException("give either -f FILE or KIND NAME, not both");
        }
        List<ManifestObject> objects = new ManifestLoader(context().stdin()).load(files);
        List<Target> targets = new ArrayList<>();
        for (ManifestObject object : ApplyPlan.deleteOrder(objects)) {
            String namespace = ApplyPlan.namespaceOf(object, options().namespaceFlag(), options().namespaceOrDefault());
            targets.add(new Target(object.kind(), namespace, object.name()));
        }
        return targets;
    }
}

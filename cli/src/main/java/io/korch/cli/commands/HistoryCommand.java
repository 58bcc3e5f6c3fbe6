package io.korch.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.cli.output.HistoryWriter;
import io.korch.cli.output.ObjectFormats;
import io.korch.model.ApiKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code korch history KIND NAME}: every recorded change of one object, also of one deleted since,
 * from {@code GET <object path>/history}: a table of who changed it when, then what each change
 * did as a diff ({@link HistoryWriter}); {@code -o yaml} prints every full version,
 * {@code -o json} the API's answer.
 */
@Command(name = "history", sortOptions = false,
        description = "Show the changes of an object, also a deleted one: who made each, when, and what it changed.")
public final class HistoryCommand extends ClientCommand {

    /** The output formats of {@code -o}. */
    enum Output { yaml, json }

    @Parameters(index = "0", arity = "1", paramLabel = "KIND",
            description = "pods, deployments, replicasets, nodes or namespaces (also singular or short), or KIND/NAME.")
    private String kindName;

    @Parameters(index = "1..*", paramLabel = "NAME", description = "The object's name.")
    private List<String> names = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: a table of the changes, then their diffs).")
    private Output output;

    @Override
    public Integer call() {
        KindArguments target = KindArguments.parse(kindName, names);
        if (target.names().size() != 1) {
            throw new CommandFailedException("history needs the name of one object, e.g. korch history deployment web");
        }
        ApiKind kind = target.kind();
        String path = kind.objectPath(options().namespaceOrDefault(), target.names().get(0)) + "/history";
        JsonNode history = options().client().get(path);
        PrintWriter out = out();
        out.print(output == null ? HistoryWriter.summary(kind, history)
                : output == Output.yaml ? HistoryWriter.yaml(kind, history)
                : ObjectFormats.json(history));
        out.flush();
        return 0;
    }
}

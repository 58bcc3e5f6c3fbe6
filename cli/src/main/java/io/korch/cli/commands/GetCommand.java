package io.korch.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.Event;
import io.korch.cli.client.ApiClient;
import io.korch.cli.output.EventTables;
import io.korch.cli.output.ObjectFormats;
import io.korch.cli.output.ObjectTables;
import io.korch.cli.output.ResourceNames;
import io.korch.cli.output.Table;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code korch get KIND [NAME...]}: lists objects as a kubectl-like table, or prints them as
 * Kubernetes-shaped JSON or YAML. Lists come from the collection path (with {@code labelSelector}
 * for {@code -l}), named objects from their object paths; a name that does not exist is reported
 * and the command exits with 1 after printing the others. {@code korch get events} lists the
 * aggregated events of the namespace, or of all with {@code -A}, oldest first, in kubectl's columns.
 */
@Command(name = "get", sortOptions = false,
        description = "List objects, or show named ones: pods, deployments, replicasets, nodes, namespaces;"
                + " or list events.")
public final class GetCommand extends ClientCommand {

    /** The output formats of {@code -o}. */
    enum Output { wide, json, yaml, name }

    @Parameters(index = "0", arity = "1", paramLabel = "KIND",
            description = "pods, deployments, replicasets, nodes, namespaces or events (also singular or short: po,"
                    + " deploy, rs, no, ns, ev), or KIND/NAME.")
    private String kindName;

    @Parameters(index = "1..*", paramLabel = "NAME", description = "Names of the objects to show (default: all).")
    private List<String> names = new ArrayList<>();

    @Option(names = {"-A", "--all-namespaces"}, description = "List objects of every namespace.")
    private boolean allNamespaces;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR",
            description = "Label selector, e.g. app=web,tier in (front,back),!legacy.")
    private String selector;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES}.")
    private Output output;

    @Override
    public Integer call() {
        if (EventReader.namesEvents(kindName)) {
            return getEvents();
        }
        KindArguments target = KindArguments.parse(kindName, names);
        ApiKind kind = target.kind();
        ApiClient client = options().client();
        String namespace = options().namespaceOrDefault();
        boolean acrossNamespaces = allNamespaces && kind.namespaced();
        Refusals missing = new Refusals(err());
        List<JsonNode> items;
        if (target.names().isEmpty()) {
            String path = acrossNamespaces ? kind.groupPath() + "/" + kind.plural() : kind.collectionPath(namespace);
            JsonNode list = client.get(ApiClient.withQuery(path, query()));
            items = new ArrayList<>();
            list.path("items").forEach(items::add);
            items.sort(byNamespaceAndName());
        } else {
            items = getNamed(client, kind, namespace, target.names(), missing);
        }
        boolean structured = output == Output.json || output == Output.yaml;
        if (!items.isEmpty() || (target.names().isEmpty() && structured)) {
            print(kind, items, target.names().size() == 1 && items.size() == 1, acrossNamespaces);
        } else if (target.names().isEmpty()) {
            reportNoneFound(kind.namespaced() && !acrossNamespaces ? namespace : null);
        }
        return missing.exitCode();
    }

    /** {@code korch get events}: the aggregated events of the namespace, or of every one, oldest first. */
    private Integer getEvents() {
        if (kindName.contains("/") || !names.isEmpty()) {
            throw new CommandFailedException("korch get events lists the events of a namespace; for those of one"
                    + " object use korch events --for KIND/NAME");
        }
        String namespace = allNamespaces ? null : options().namespaceOrDefault();
        List<Event> events = EventReader.read(options().client(), namespace, null, null, selector);
        PrintWriter out = out();
        if (output == Output.json || output == Output.yaml) {
            List<JsonNode> items = events.stream().<JsonNode>map(ApiJson::write).toList();
            JsonNode list = ObjectFormats.list(items);
            out.print(output == Output.json ? ObjectFormats.json(list) : ObjectFormats.yaml(list));
        } else if (events.isEmpty()) {
            reportNoneFound(namespace);
        } else if (output == Output.name) {
            events.forEach(event -> out.println("event/" + event.getMetadata().getName()));
        } else {
            EventTables.Options layout = new EventTables.Options(
                    output == Output.wide, allNamespaces, context().clock().instant());
            out.print(EventTables.get(events, layout).render());
        }
        out.flush();
        return 0;
    }

    private Map<String, String> query() {
        return selector == null ? Map.of() : Map.of("labelSelector", selector);
    }

    private void print(ApiKind kind, List<JsonNode> items, boolean single, boolean acrossNamespaces) {
        PrintWriter out = out();
        if (output == Output.json || output == Output.yaml) {
            JsonNode value = single ? ObjectFormats.withKind(kind, items.get(0)) : ObjectFormats.list(kind, items);
            out.print(output == Output.json ? ObjectFormats.json(value) : ObjectFormats.yaml(value));
        } else if (output == Output.name) {
            for (JsonNode item : items) {
                out.println(ResourceNames.slashed(kind, item.path("metadata").path("name").asText()));
            }
        } else {
            List<SpecificRecord> objects = new ArrayList<>();
            for (JsonNode item : items) {
                objects.add(ApiJson.read(item, kind.type()));
            }
            ObjectTables.Options layout = new ObjectTables.Options(
                    output == Output.wide, acrossNamespaces, context().clock().instant());
            Table table = ObjectTables.table(kind, objects, layout);
            out.print(table.render());
        }
        out.flush();
    }

    private static Comparator<JsonNode> byNamespaceAndName() {
        return Comparator.comparing((JsonNode item) -> item.path("metadata").path("namespace").asText(""))
                .thenComparing(item -> item.path("metadata").path("name").asText(""));
    }
}

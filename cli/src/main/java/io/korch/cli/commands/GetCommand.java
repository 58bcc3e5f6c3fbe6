package io.korch.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.Event;
import io.korch.cli.client.ApiClient;
import io.korch.cli.client.ApiException;
import io.korch.cli.client.ListWatch;
import io.korch.cli.client.WatchLoop;
import io.korch.cli.output.EventTables;
import io.korch.cli.output.ObjectFormats;
import io.korch.cli.output.ObjectStream;
import io.korch.cli.output.LabelsColumn;
import io.korch.cli.output.ObjectPrinter;
import io.korch.cli.output.OutputFormat;
import io.korch.cli.output.OutputOption;
import io.korch.cli.output.Table;
import io.korch.cli.output.TableHeaders;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code korch get KIND [NAME...]}: lists objects as a kubectl-like table, or prints them as
 * Kubernetes-shaped JSON or YAML. Lists come from the collection path (with {@code labelSelector}
 * for {@code -l}), named objects from their object paths; a name that does not exist is reported
 * and the command exits with 1 after printing the others. {@code --at TIME} shows them as they
 * were then ({@code ?asOf=}); {@code -w} prints the list, then each change as it comes, until
 * interrupted ({@link WatchLoop}); {@code --watch-only} prints only the changes. {@code korch get
 * events} lists the aggregated events of the namespace, or of all with {@code -A}, oldest first,
 * in kubectl's columns; {@code -w} and {@code --at} work on them as on every kind.
 */
@Command(name = "get", sortOptions = false,
        description = "List objects, or show named ones: pods, deployments, replicasets, nodes, namespaces;"
                + " or list events.")
public final class GetCommand extends ClientCommand {

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

    @Option(names = "--field-selector", paramLabel = "SELECTOR",
            description = "Field selector, e.g. status.phase=Running,spec.nodeName=node-1 (metadata.name,"
                    + " metadata.namespace, spec.nodeName, status.phase).")
    private String fieldSelector;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "Output format: wide, json, yaml, name, jsonpath=TEMPLATE (e.g. '{.items[*].metadata.name}',"
                    + " '{range .items[*]}{.metadata.name}{\"\\n\"}{end}') or custom-columns=HEADER:PATH,..."
                    + " (e.g. NAME:.metadata.name,IMAGE:.spec.containers[*].image).")
    private String outputText;

    @Option(names = "--show-labels", description = "Add a LABELS column to the table.")
    private boolean showLabels;

    @Option(names = "--no-headers", description = "Leave out the header line of tables and custom columns.")
    private boolean noHeaders;

    private OutputOption output = OutputOption.TABLE;

    @Option(names = {"-w", "--watch"}, description = "After listing, print each change as it comes, until interrupted.")
    private boolean watch;

    @Option(names = "--watch-only", description = "Print each change as it comes, without listing first.")
    private boolean watchOnly;

    @Option(names = "--at", paramLabel = "TIME",
            description = "Show the objects as they were at TIME, ages as of then, deleted ones too: RFC 3339"
                    + " (2026-12-01T10:00:00Z) or before now (-90s, -10m, -2h, -1d).")
    private String at;

    @Override
    public Integer call() {
        output = parseOutput();
        if (EventReader.namesEvents(kindName)) {
            return getEvents();
        }
        KindArguments target = KindArguments.parse(kindName, names);
        Instant asOf = at == null ? null : PointInTime.parse(at, context().clock().instant());
        if (watch || watchOnly) {
            return watch(target, asOf);
        }
        ApiKind kind = target.kind();
        ApiClient client = options().client();
        String namespace = options().namespaceOrDefault();
        Refusals missing = new Refusals(err());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("asOf", asOf == null ? null : PointInTime.rfc3339(asOf));
        List<JsonNode> items;
        if (target.names().isEmpty()) {
            query.put("labelSelector", selector);
            query.put("fieldSelector", fieldSelector);
            JsonNode list = client.get(ApiClient.withQuery(listPath(kind), query));
            items = new ArrayList<>();
            list.path("items").forEach(items::add);
            items.sort(byNamespaceAndName());
        } else {
            items = getNamed(client, kind, namespace, target.names(), query, missing);
        }
        if (!items.isEmpty() || (target.names().isEmpty() && output.document())) {
            Instant agesAt = asOf == null ? context().clock().instant() : asOf;
            print(kind, items, target.names().size() == 1 && items.size() == 1, agesAt);
        } else if (target.names().isEmpty()) {
            reportNoneFound(namespaceShown(kind));
        }
        return missing.exitCode();
    }

    /** Lists, unless {@code --watch-only}, then follows the changes until the thread is interrupted. */
    private int watch(KindArguments target, Instant asOf) {
        if (asOf != null) {
            throw new CommandFailedException("--at shows a past state and cannot be combined with --watch");
        }
        if (target.names().size() > 1) {
            throw new CommandFailedException("watch is only supported on one object or a whole collection, but "
                    + target.names().size() + " names were given");
        }
        ApiKind kind = target.kind();
        String name = target.names().isEmpty() ? null : target.names().get(0);
        ListWatch source = ListWatch.of(options().client(), listPath(kind), selector, fieldSelector, name);
        ListWatch.Snapshot start = source.list();
        ObjectStream printer = new ObjectStream(kind, output, layout(kind), context().clock(), out());
        if (!watchOnly) {
            if (name != null && start.items().isEmpty()) {
                throw new ApiException(404, "NotFound", kind.plural() + " \"" + name + "\" not found");
            }
            List<JsonNode> items = new ArrayList<>(start.items());
            items.sort(kind == ApiKind.EVENT ? byLastSeen() : byNamespaceAndName());
            printer.print(items);
            if (items.isEmpty() && output.table()) {
                reportNoneFound(namespaceShown(kind));
            }
        }
        try {
            WatchLoop.toTerminal(source, (type, object) -> printer.print(List.of(object)), err()).follow(start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** {@code korch get events}: the aggregated events of the namespace, or of every one, oldest first. */
    private Integer getEvents() {
        if (kindName.contains("/") || !names.isEmpty()) {
            throw new CommandFailedException("korch get events lists the events of a namespace; for those of one"
                    + " object use korch events --for KIND/NAME");
        }
        Instant asOf = at == null ? null : PointInTime.parse(at, context().clock().instant());
        if (watch || watchOnly) {
            return watch(KindArguments.parse(kindName, names), asOf);
        }
        String namespace = allNamespaces ? null : options().namespaceOrDefault();
        List<Event> events = EventReader.read(options().client(), namespace, null, null, selector, fieldSelector, asOf);
        PrintWriter out = out();
        List<JsonNode> items = events.stream().<JsonNode>map(ApiJson::write).toList();
        if (output.document()) {
            out.print(ObjectPrinter.document(output, ObjectFormats.list(items)));
        } else if (events.isEmpty()) {
            reportNoneFound(namespace);
        } else if (output.format() == OutputFormat.name) {
            events.forEach(event -> out.println("event/" + event.getMetadata().getName()));
        } else if (output.format() == OutputFormat.customColumns) {
            out.print(output.customColumns().render(items, !noHeaders));
        } else {
            EventTables.Options layout = new EventTables.Options(output.wide(), allNamespaces,
                    asOf == null ? context().clock().instant() : asOf);
            Table table = EventTables.get(events, layout);
            out.print(TableHeaders.render(showLabels ? LabelsColumn.append(table, items) : table, !noHeaders));
        }
        out.flush();
        return 0;
    }

    private boolean acrossNamespaces(ApiKind kind) {
        return allNamespaces && kind.namespaced();
    }

    private String listPath(ApiKind kind) {
        return acrossNamespaces(kind) ? kind.groupPath() + "/" + kind.plural()
                : kind.collectionPath(options().namespaceOrDefault());
    }

    /** The namespace "No resources found" names, or null when the list spans them all (or none). */
    private String namespaceShown(ApiKind kind) {
        return kind.namespaced() && !acrossNamespaces(kind) ? options().namespaceOrDefault() : null;
    }

    private void print(ApiKind kind, List<JsonNode> items, boolean single, Instant agesAt) {
        PrintWriter out = out();
        out.print(new ObjectPrinter(kind, output, layout(kind)).print(items, single, agesAt));
        out.flush();
    }

    private ObjectPrinter.Layout layout(ApiKind kind) {
        return new ObjectPrinter.Layout(acrossNamespaces(kind), showLabels, noHeaders);
    }

    /** The {@code -o} value, read before any request so that a bad template sends nothing. */
    private OutputOption parseOutput() {
        try {
            return OutputOption.parse(outputText);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }

    /** Events as {@code korch get events} lists them: oldest last occurrence first. */
    private static Comparator<JsonNode> byLastSeen() {
        return Comparator.comparing((JsonNode item) -> Instant.parse(item.path("lastTimestamp").asText(Instant.EPOCH.toString())))
                .thenComparing(byNamespaceAndName());
    }

    private static Comparator<JsonNode> byNamespaceAndName() {
        return Comparator.comparing((JsonNode item) -> item.path("metadata").path("namespace").asText(""))
                .thenComparing(item -> item.path("metadata").path("name").asText(""));
    }
}

package io.korch.cli.commands;

import io.korch.api.Event;
import io.korch.cli.output.EventTables;
import io.korch.model.ApiKind;
import io.korch.model.Events;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code korch events [--for KIND/NAME] [--types Warning,Normal]}: the events of a namespace, or of
 * one object, oldest first, as {@code kubectl events} prints them, a repeated event once with how
 * often and over how long it happened ({@code 2m (x3 over 5m)}). The events of a cluster-wide
 * object ({@code --for node/node-1}) are looked for where korch keeps them, in {@code default}.
 */
@Command(name = "events", sortOptions = false,
        description = "List events of a namespace, or of one object, oldest first.")
public final class EventsCommand extends ClientCommand {

    @Option(names = {"-A", "--all-namespaces"}, description = "List events of every namespace.")
    private boolean allNamespaces;

    @Option(names = "--for", paramLabel = "KIND/NAME",
            description = "Only the events of this object, e.g. deployment/web, pod/web-7d9f-x2x4q, node/node-1.")
    private String forObject;

    @Option(names = "--types", split = ",", paramLabel = "TYPE",
            description = "Only events of these types: Normal, Warning or both (comma-separated).")
    private List<String> types = new ArrayList<>();

    @Override
    public Integer call() {
        Target target = forObject == null ? null : Target.parse(forObject);
        List<String> wanted = types();
        String namespace = allNamespaces ? null : options().namespaceOrDefault();
        if (target != null && namespace != null) {
            namespace = EventReader.namespaceOf(target.kind(), namespace);
        }
        ApiKind kind = target == null ? null : target.kind();
        String name = target == null ? null : target.name();
        List<Event> events = EventReader.read(options().client(), namespace, kind, name, null).stream()
                .filter(event -> wanted.isEmpty() || wanted.contains(event.getType().toLowerCase(Locale.ROOT)))
                .toList();
        if (events.isEmpty()) {
            PrintWriter err = err();
            err.println(namespace == null ? "No events found." : "No events found in " + namespace + " namespace.");
            err.flush();
            return 0;
        }
        PrintWriter out = out();
        out.print(EventTables.events(events,
                new EventTables.Options(false, allNamespaces, context().clock().instant())).render());
        out.flush();
        return 0;
    }

    /** The {@code --types}, lower-cased; refused unless each is Normal or Warning. */
    private List<String> types() {
        List<String> wanted = new ArrayList<>();
        for (String type : types) {
            if (!type.equalsIgnoreCase(Events.NORMAL) && !type.equalsIgnoreCase(Events.WARNING)) {
                throw new CommandFailedException("valid --types are Normal or Warning");
            }
            wanted.add(type.toLowerCase(Locale.ROOT));
        }
        return wanted;
    }

    /**
     * The object of {@code --for}.
     *
     * @param kind its kind
     * @param name its name
     */
    record Target(ApiKind kind, String name) {

        /**
         * Reads {@code KIND/NAME}, with any name korch knows the kind by.
         *
         * @throws CommandFailedException when it is not of that form or the kind is unknown
         */
        static Target parse(String value) {
            String[] parts = value.split("/", -1);
            if (parts.length > 2) {
                throw new CommandFailedException("arguments in resource/name form may not have more than one slash");
            }
            if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new CommandFailedException("--for must be in resource/name form, e.g. --for deployment/web");
            }
            return new Target(KindArguments.kind(parts[0]), parts[1]);
        }
    }
}

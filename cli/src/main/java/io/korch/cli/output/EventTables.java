package io.korch.cli.output;

import io.korch.api.Event;
import io.korch.api.EventSource;
import io.korch.api.ObjectReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The event tables kubectl prints, in the order given:
 *
 * <ul>
 *   <li>{@code get events}: {@code LAST SEEN TYPE REASON OBJECT MESSAGE}, the age of the last
 *       occurrence and the object as {@code pod/web-1}; wide adds {@code SOURCE}, and
 *       {@code FIRST SEEN COUNT NAME} after the message</li>
 *   <li>{@code events}: the same columns, LAST SEEN as {@code 2m (x3 over 5m)} for a repeated
 *       event and the object as {@code Pod/web-1}</li>
 * </ul>
 *
 * With {@code allNamespaces}, both get a leading {@code NAMESPACE} column.
 */
public final class EventTables {

    private EventTables() {
    }

    /**
     * How to lay a table out.
     *
     * @param wide          the extra columns of {@code get -o wide}
     * @param allNamespaces a leading NAMESPACE column
     * @param now           the time ages are counted to
     */
    public record Options(boolean wide, boolean allNamespaces, Instant now) {
    }

    /** The table of {@code korch get events}. */
    public static Table get(List<Event> events, Options options) {
        List<String> headers = new ArrayList<>(List.of("LAST SEEN", "TYPE", "REASON", "OBJECT"));
        if (options.wide()) {
            headers.add("SOURCE");
        }
        headers.add("MESSAGE");
        if (options.wide()) {
            headers.addAll(List.of("FIRST SEEN", "COUNT", "NAME"));
        }
        Table table = Table.of(withNamespace(headers, options));
        for (Event event : events) {
            List<String> cells = new ArrayList<>(List.of(Ages.age(event.getLastTimestamp(), options.now()),
                    event.getType(), event.getReason(), object(event, true)));
            if (options.wide()) {
                cells.add(source(event.getSource()));
            }
            cells.add(event.getMessage().strip());
            if (options.wide()) {
                cells.addAll(List.of(Ages.age(event.getFirstTimestamp(), options.now()),
                        Integer.toString(Math.max(1, event.getCount())), event.getMetadata().getName()));
            }
            table.row(withNamespace(cells, event, options));
        }
        return table;
    }

    /** The table of {@code korch events}. */
    public static Table events(List<Event> events, Options options) {
        Table table = Table.of(withNamespace(List.of("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"), options));
        for (Event event : events) {
            String lastSeen = Ages.repeated(event.getFirstTimestamp(), event.getLastTimestamp(), event.getCount(),
                    options.now());
            table.row(withNamespace(List.of(lastSeen, event.getType(), event.getReason(), object(event, false),
                    event.getMessage().strip()), event, options));
        }
        return table;
    }

    private static List<String> withNamespace(List<String> headers, Options options) {
        if (!options.allNamespaces()) {
            return headers;
        }
        List<String> all = new ArrayList<>(List.of("NAMESPACE"));
        all.addAll(headers);
        return all;
    }

    private static List<String> withNamespace(List<String> cells, Event event, Options options) {
        if (!options.allNamespaces()) {
            return cells;
        }
        List<String> all = new ArrayList<>();
        all.add(event.getMetadata().getNamespace());
        all.addAll(cells);
        return all;
    }

    /** {@code pod/web-1} (lower-case kind, as {@code get} prints it) or {@code Pod/web-1}. */
    private static String object(Event event, boolean lowerCaseKind) {
        ObjectReference object = event.getInvolvedObject();
        String kind = lowerCaseKind ? object.getKind().toLowerCase(Locale.ROOT) : object.getKind();
        return object.getName().isEmpty() ? kind : kind + "/" + object.getName();
    }

    /** {@code agent, node-1}, as kubectl formats an event source. */
    public static String source(EventSource source) {
        if (source == null) {
            return "";
        }
        String host = source.getHost();
        return source.getComponent() + (host == null || host.isEmpty() ? "" : ", " + host);
    }
}

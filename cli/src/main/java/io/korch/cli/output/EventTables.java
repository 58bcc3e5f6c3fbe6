package io.korch.cli.output;

import io.korch.api.Event;
import io.korch.api.ObjectReference;
import io.korch.printing.Ages;
import io.korch.printing.Printers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The event tables kubectl prints, in the order given:
 *
 * <ul>
 *   <li>{@code get events}: the columns of {@link Printers#EVENTS}, the same the gateway serves:
 *       {@code LAST SEEN TYPE REASON OBJECT MESSAGE}, the age of the last
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

    /** The table of {@code korch get events}: the columns of {@link Printers#EVENTS}. */
    public static Table get(List<Event> events, Options options) {
        return ObjectTables.table(Printers.EVENTS, events, options.wide(), options.allNamespaces(), options.now());
    }

    /** The table of {@code korch events}. */
    public static Table events(List<Event> events, Options options) {
        Table table = Table.of(withNamespace(List.of("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"), options));
        for (Event event : events) {
            String lastSeen = Ages.repeated(event.getFirstTimestamp(), event.getLastTimestamp(), event.getCount(),
                    options.now());
            table.row(withNamespace(List.of(lastSeen, event.getType(), event.getReason(), object(event),
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

    /** {@code Pod/web-1}, the object as {@code korch events} shows it. */
    private static String object(Event event) {
        ObjectReference object = event.getInvolvedObject();
        return object.getName().isEmpty() ? object.getKind() : object.getKind() + "/" + object.getName();
    }
}

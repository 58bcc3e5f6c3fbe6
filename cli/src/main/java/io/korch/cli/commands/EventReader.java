package io.korch.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.Event;
import io.korch.cli.client.ApiClient;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads events from {@code /api/v1/events} or {@code /api/v1/namespaces/NS/events}, as the change
 * log folded their occurrences, oldest last occurrence first, for {@code get events}, {@code events} and {@code describe}.
 */
final class EventReader {

    /** The names {@code korch get} knows events by, as kubectl does. */
    static final Set<String> NAMES = Set.of("events", "event", "ev");
    /** Where the events of cluster-wide objects (nodes, the cluster) are kept. */
    static final String CLUSTER_EVENTS_NAMESPACE = "default";

    private EventReader() {
    }

    /** Whether the KIND argument of {@code korch get} names events, alone or as {@code events/NAME}. */
    static boolean namesEvents(String kind) {
        int slash = kind.indexOf('/');
        return NAMES.contains((slash < 0 ? kind : kind.substring(0, slash)).toLowerCase(Locale.ROOT));
    }

    /**
     * The events of {@code namespace}, or of every namespace when it is null, about {@code kind/name}
     * when they are given, with the labels {@code labelSelector} selects when it is given.
     */
    static List<Event> read(ApiClient client, String namespace, ApiKind kind, String name, String labelSelector) {
        return read(client, namespace, kind, name, labelSelector, null);
    }

    /** {@link #read}, narrowed by {@code fieldSelector} too when it is given. */
    static List<Event> read(ApiClient client, String namespace, ApiKind kind, String name, String labelSelector,
                            String fieldSelector) {
        return read(client, namespace, kind, name, labelSelector, fieldSelector, null);
    }

    /** {@link #read(ApiClient, String, ApiKind, String, String, String)} as the events were at {@code asOf} (null: now). */
    static List<Event> read(ApiClient client, String namespace, ApiKind kind, String name, String labelSelector,
                            String fieldSelector, Instant asOf) {
        String path = namespace == null ? "/api/v1/events" : "/api/v1/namespaces/" + namespace + "/events";
        Map<String, String> query = new LinkedHashMap<>();
        if (kind != null) {
            query.put("fieldSelector", "involvedObject.kind=" + kind.kind() + ",involvedObject.name=" + name
                    + (fieldSelector == null ? "" : "," + fieldSelector));
        } else {
            query.put("fieldSelector", fieldSelector);
        }
        query.put("labelSelector", labelSelector);
        query.put("asOf", asOf == null ? null : PointInTime.rfc3339(asOf));
        List<Event> events = new ArrayList<>();
        for (JsonNode item : client.get(ApiClient.withQuery(path, query)).path("items")) {
            events.add(ApiJson.read(item, Event.class));
        }
        events.sort(Comparator.comparing(Event::getLastTimestamp));
        return events;
    }

    /** The namespace the events about an object of {@code kind} are in, when looked for in {@code namespace}. */
    static String namespaceOf(ApiKind kind, String namespace) {
        return kind.namespaced() ? namespace : CLUSTER_EVENTS_NAMESPACE;
    }
}

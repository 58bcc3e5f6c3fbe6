package io.korch.gateway.http;

import io.korch.api.Event;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.watch.FieldSelector;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The {@code fieldSelector} of an event list: a {@link FieldSelector} on the fields Kubernetes
 * selects events by that korch's events have. A field that is not set matches the empty value
 * ({@code involvedObject.namespace=} selects the events of cluster-wide objects).
 */
final class EventFieldSelector {

    /** The fields a selector may name, with how to read each from an event. */
    private static final Map<String, Function<Event, String>> FIELDS = fields();

    private EventFieldSelector() {
    }

    private static Map<String, Function<Event, String>> fields() {
        Map<String, Function<Event, String>> fields = new LinkedHashMap<>();
        fields.put("involvedObject.kind", event -> event.getInvolvedObject().getKind());
        fields.put("involvedObject.namespace", event -> event.getInvolvedObject().getNamespace());
        fields.put("involvedObject.name", event -> event.getInvolvedObject().getName());
        fields.put("involvedObject.uid", event -> event.getInvolvedObject().getUid());
        fields.put("reason", Event::getReason);
        fields.put("type", Event::getType);
        return Collections.unmodifiableMap(fields);
    }

    /**
     * The events {@code selector} selects: all when it is null or blank.
     *
     * @throws ApiError a 400 when a term does not parse or names a field events cannot be selected by
     */
    static Predicate<Event> parse(String selector) {
        return FieldSelector.parse(selector, FIELDS);
    }
}

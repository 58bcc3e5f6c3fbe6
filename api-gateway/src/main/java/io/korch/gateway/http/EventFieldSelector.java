package io.korch.gateway.http;

import io.korch.api.Event;
import io.korch.gateway.resource.ApiError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The {@code fieldSelector} of an event list, read as Kubernetes reads one: comma-separated terms
 * {@code FIELD=VALUE}, {@code FIELD==VALUE} or {@code FIELD!=VALUE}, all of which must hold, on the
 * fields Kubernetes selects events by that korch's events have. A field that is not set matches the
 * empty value ({@code involvedObject.namespace=} selects the events of cluster-wide objects).
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
        Predicate<Event> all = event -> true;
        if (selector == null || selector.isBlank()) {
            return all;
        }
        for (String term : selector.split(",", -1)) {
            all = all.and(term(term));
        }
        return all;
    }

    private static Predicate<Event> term(String term) {
        int not = term.indexOf("!=");
        int equals = term.indexOf('=');
        if (equals <= 0 && not <= 0) {
            throw ApiError.badRequest("invalid selector: '" + term + "'; can't understand '" + term + "'");
        }
        boolean negated = not > 0 && not < equals;
        int end = negated ? not : equals;
        int valueStart = negated ? not + 2 : term.startsWith("==", equals) ? equals + 2 : equals + 1;
        String field = term.substring(0, end).strip();
        String value = term.substring(valueStart).strip();
        Function<Event, String> reader = FIELDS.get(field);
        if (reader == null) {
            throw ApiError.badRequest("field label not supported: " + field + " (events are selected by "
                    + String.join(", ", FIELDS.keySet()) + ")");
        }
        Predicate<Event> matches = event -> Objects.equals(value, Objects.requireNonNullElse(reader.apply(event), ""));
        return negated ? matches.negate() : matches;
    }
}

package io.korch.gateway.http;

import io.korch.api.Event;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.watch.FieldSelector;
import io.korch.model.ApiKind;
import java.util.function.Predicate;

/**
 * The {@code fieldSelector} of an event list: a {@link FieldSelector} on the fields Kubernetes
 * selects events by that korch's events have ({@link io.korch.gateway.watch.SelectableFields}), as
 * a watch of events reads it. A field that is not set matches the empty value
 * ({@code involvedObject.namespace=} selects the events of cluster-wide objects).
 */
final class EventFieldSelector {

    private EventFieldSelector() {
    }

    /**
     * The events {@code selector} selects: all when it is null or blank.
     *
     * @throws ApiError a 400 when a term does not parse or names a field events cannot be selected by
     */
    static Predicate<Event> parse(String selector) {
        FieldSelector<org.apache.avro.specific.SpecificRecord> fields = FieldSelector.forKind(ApiKind.EVENT, selector);
        return fields::test;
    }
}

package io.korch.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.Event;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.resource.Resources;
import io.korch.gateway.resource.ServedObjects;
import io.korch.gateway.view.ClusterView;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import io.korch.model.Selector;
import io.korch.printing.Printers;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lists events, as the change log folded them, oldest last occurrence first: of one namespace or
 * all, narrowed by {@code labelSelector} and by a {@code fieldSelector} on the involved object,
 * reason and type ({@link EventFieldSelector}); and gets one by name. Watches, history and
 * {@code asOf} of events are those of every kind ({@link WatchRoutes}, {@link HistoryRoutes}).
 */
final class EventHandlers {

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    /** Oldest last occurrence first; ties broken by namespace and name, so no two are equal. */
    private static final Comparator<Event> CHRONOLOGICAL = Comparator.comparing(Event::getLastTimestamp)
            .thenComparing(event -> event.getMetadata().getNamespace(), NULLS_FIRST)
            .thenComparing(event -> event.getMetadata().getName(), NULLS_FIRST);

    private final ClusterView view;

    EventHandlers(ClusterView view) {
        this.view = view;
    }

    void list(RoutingContext ctx) {
        Selector labels = Lists.labelSelector(ctx);
        Predicate<Event> fields = EventFieldSelector.parse(ctx.request().getParam("fieldSelector"));
        Predicate<Event> selected = fields.and(e -> labels.matches(e.getMetadata().getLabels()));
        String namespace = ctx.pathParam(ObjectHandlers.NAMESPACE);
        long position = view.position();
        List<ObjectNode> items = view.table(Topics.EVENTS).live()
                .filter(entry -> namespace == null || entry.getKey().startsWith(namespace + "/"))
                .map(entry -> served(entry.getKey()))
                .filter(event -> event != null && selected.test(event))
                .sorted(CHRONOLOGICAL)
                .map(ApiJson::write)
                .toList();
        Tables.respond(ctx, 200, Printers.EVENTS, Lists.of("v1", "Event", position, items));
    }

    void get(RoutingContext ctx) {
        String name = ctx.pathParam(ObjectHandlers.NAME);
        Event event = served(Keys.of(ctx.pathParam(ObjectHandlers.NAMESPACE), name));
        if (event == null) {
            throw ApiError.notFound(ApiKind.EVENT, name);
        }
        Tables.respond(ctx, 200, Printers.EVENTS, ApiJson.write(event));
    }

    /** The event {@code key} as served, with its resourceVersion; null when there is none. */
    private Event served(String key) {
        return ServedObjects.find(view, Resources.EVENTS, key)
                .map(stored -> ServedObjects.serve(view, Resources.EVENTS, key, stored))
                .orElse(null);
    }
}

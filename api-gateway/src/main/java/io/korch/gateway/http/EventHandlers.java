package io.korch.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.Event;
import io.korch.gateway.view.ClusterView;
import io.korch.json.ApiJson;
import io.korch.model.Selector;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lists events, aggregated, oldest last occurrence first: of one namespace or all, narrowed by
 * {@code labelSelector} and by a {@code fieldSelector} on the involved object, reason and type
 * ({@link EventFieldSelector}).
 */
final class EventHandlers {

    private final ClusterView view;

    EventHandlers(ClusterView view) {
        this.view = view;
    }

    void list(RoutingContext ctx) {
        Selector labels = Lists.labelSelector(ctx);
        Predicate<Event> fields = EventFieldSelector.parse(ctx.request().getParam("fieldSelector"));
        List<ObjectNode> items = view.events()
                .list(ctx.pathParam(ObjectHandlers.NAMESPACE), fields.and(e -> labels.matches(e.getMetadata().getLabels())))
                .stream()
                .map(ApiJson::write)
                .toList();
        Negotiation.respond(ctx, 200, Lists.of("v1", "Event", view.position(), items));
    }
}

package io.korch.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.Event;
import io.korch.gateway.view.ClusterView;
import io.korch.gateway.watch.EventWatches;
import io.korch.gateway.watch.ObjectChange;
import io.korch.gateway.watch.Watcher;
import io.korch.json.ApiJson;
import io.korch.model.Selector;
import io.korch.printing.Printers;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lists events, aggregated, oldest last occurrence first: of one namespace or all, narrowed by
 * {@code labelSelector} and by a {@code fieldSelector} on the involved object, reason and type
 * ({@link EventFieldSelector}); with {@code watch=true}, follows them.
 */
final class EventHandlers {

    private final ClusterView view;
    private final EventWatches watches;

    EventHandlers(ClusterView view, EventWatches watches) {
        this.view = view;
        this.watches = watches;
    }

    void list(RoutingContext ctx) {
        Selector labels = Lists.labelSelector(ctx);
        Predicate<Event> fields = EventFieldSelector.parse(ctx.request().getParam("fieldSelector"));
        Predicate<Event> selected = fields.and(e -> labels.matches(e.getMetadata().getLabels()));
        String namespace = ctx.pathParam(ObjectHandlers.NAMESPACE);
        if (WatchHandler.requested(ctx)) {
            watch(ctx, namespace, selected);
            return;
        }
        List<ObjectNode> items = view.events().list(namespace, selected).stream()
                .map(ApiJson::write)
                .toList();
        Tables.respond(ctx, 200, Printers.EVENTS, Lists.of("v1", "Event", view.position(), items));
    }

    /**
     * Watches the events of {@code namespace} (null: all) that {@code selected} accepts: an ADDED of
     * each one remembered, then each new one (ADDED) and each repeat (MODIFIED, its count raised).
     * Events are not in the change log, so a watch of them starts now whatever resourceVersion it names.
     */
    private void watch(RoutingContext ctx, String namespace, Predicate<Event> selected) {
        int timeoutSeconds = WatchHandler.timeoutSeconds(ctx.request().getParam("timeoutSeconds"));
        Predicate<ObjectChange> filter = change -> (namespace == null || namespace.equals(change.namespace()))
                && selected.test((Event) change.object());
        WatchHandler.open(ctx, filter, "events", timeoutSeconds).onSuccess(watcher -> {
            watches.subscribe(watcher);
            for (Event event : view.events().list(namespace, selected)) {
                watcher.deliverExisting(EventWatches.of(event, ObjectChange.Type.ADDED, view.position()));
            }
        }).onFailure(ctx::fail);
    }
}

package io.korch.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.Event;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.view.ClusterView;
import io.korch.json.ApiJson;
import io.korch.model.Selector;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lists recent events, of one namespace or all, optionally about one object ({@code korch describe}). */
final class EventHandlers {

    /** The one field selector supported: {@code involvedObject.name=NAME} (or {@code ==}). */
    private static final Pattern INVOLVED_OBJECT = Pattern.compile("involvedObject\\.name==?([^,=]*)");

    private final ClusterView view;

    EventHandlers(ClusterView view) {
        this.view = view;
    }

    void list(RoutingContext ctx) {
        Selector labels = Lists.labelSelector(ctx);
        Predicate<Event> about = involvedObject(ctx.request().getParam("fieldSelector"));
        List<ObjectNode> items = view.events()
                .list(ctx.pathParam(ObjectHandlers.NAMESPACE), about.and(e -> labels.matches(e.getMetadata().getLabels())))
                .stream()
                .map(ApiJson::write)
                .toList();
        Negotiation.respond(ctx, 200, Lists.of("v1", "Event", view.position(), items));
    }

    private static Predicate<Event> involvedObject(String fieldSelector) {
        if (fieldSelector == null || fieldSelector.isBlank()) {
            return event -> true;
        }
        Matcher matcher = INVOLVED_OBJECT.matcher(fieldSelector.strip());
        if (!matcher.matches()) {
            throw ApiError.badRequest("fieldSelector \"" + fieldSelector
                    + "\" is not supported on events; use involvedObject.name=NAME");
        }
        String name = matcher.group(1).strip();
        return event -> name.equals(event.getInvolvedObject().getName());
    }
}

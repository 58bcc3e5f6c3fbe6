package io.korch.gateway.http;

import io.korch.model.ApiKind;
import io.korch.topics.Keys;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Routes the past to the {@link HistoryHandlers}: {@code <object path>/history} of every kind, and
 * {@code ?asOf=TIME} on every list and object path; other requests go on.
 */
final class HistoryRoutes {

    private HistoryRoutes() {
    }

    static void mount(Router router, HistoryHandlers history) {
        for (ApiKind kind : ApiKind.values()) {
            String prefix = kind.apiVersion().equals("v1") ? CoreRoutes.PREFIX : "/apis/" + kind.apiVersion();
            if (kind.namespaced()) {
                String collection = prefix + "/namespaces/:" + ObjectHandlers.NAMESPACE + "/" + kind.plural();
                String object = collection + "/:" + ObjectHandlers.NAME;
                router.get(object + "/history").handler(ctx -> history.history(ctx, kind,
                        Keys.of(ctx.pathParam(ObjectHandlers.NAMESPACE), ctx.pathParam(ObjectHandlers.NAME))));
                router.get(prefix + "/" + kind.plural()).handler(ctx -> asOfOrNext(ctx, history, kind, null, null));
                router.get(collection).handler(ctx ->
                        asOfOrNext(ctx, history, kind, ctx.pathParam(ObjectHandlers.NAMESPACE), null));
                router.get(object).handler(ctx -> asOfOrNext(ctx, history, kind,
                        ctx.pathParam(ObjectHandlers.NAMESPACE), ctx.pathParam(ObjectHandlers.NAME)));
            } else {
                String object = prefix + "/" + kind.plural() + "/:" + ObjectHandlers.NAME;
                router.get(object + "/history").handler(ctx -> history.history(ctx, kind,
                        ctx.pathParam(ObjectHandlers.NAME)));
                router.get(prefix + "/" + kind.plural()).handler(ctx -> asOfOrNext(ctx, history, kind, null, null));
                router.get(object).handler(ctx -> asOfOrNext(ctx, history, kind, null, ctx.pathParam(ObjectHandlers.NAME)));
            }
        }
    }

    private static void asOfOrNext(RoutingContext ctx, HistoryHandlers history, ApiKind kind, String namespace,
                                   String name) {
        if (HistoryHandlers.asOfRequested(ctx)) {
            history.asOf(ctx, kind, namespace, name);
        } else {
            ctx.next();
        }
    }
}

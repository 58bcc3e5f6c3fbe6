package io.korch.gateway.http;

import io.korch.model.ApiKind;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Routes {@code ?watch=true} on the list path of every kind to the {@link WatchHandler}; other requests go on. */
final class WatchRoutes {

    private WatchRoutes() {
    }

    static void mount(Router router, WatchHandler watches) {
        for (ApiKind kind : ApiKind.values()) {
            String prefix = kind.apiVersion().equals("v1") ? CoreRoutes.PREFIX : "/apis/" + kind.apiVersion();
            if (kind.namespaced()) {
                router.get(prefix + "/" + kind.plural()).handler(ctx -> watchOrNext(ctx, watches, kind, null));
                router.get(prefix + "/namespaces/:" + ObjectHandlers.NAMESPACE + "/" + kind.plural())
                        .handler(ctx -> watchOrNext(ctx, watches, kind, ctx.pathParam(ObjectHandlers.NAMESPACE)));
            } else {
                router.get(prefix + "/" + kind.plural()).handler(ctx -> watchOrNext(ctx, watches, kind, null));
            }
        }
    }

    private static void watchOrNext(RoutingContext ctx, WatchHandler watches, ApiKind kind, String namespace) {
        if (WatchHandler.requested(ctx)) {
            watches.watch(ctx, kind, namespace);
        } else {
            ctx.next();
        }
    }
}

package io.korch.gateway.http;

import io.korch.gateway.conversion.AutoscalingV1;
import io.korch.gateway.conversion.ServedVersion;
import io.korch.model.ApiKind;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Routes {@code ?watch=true} on the list path of every kind, and of HorizontalPodAutoscalers at
 * {@code autoscaling/v1}, to the {@link WatchHandler}; other requests go on.
 */
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
        ApiKind hpa = ApiKind.HORIZONTALPODAUTOSCALER;
        ServedVersion<?, ?> v1 = AutoscalingV1.SERVED;
        router.get(AutoscalingRoutes.V1_PREFIX + "/" + hpa.plural())
                .handler(ctx -> watchOrNext(ctx, watches, hpa, v1, null));
        router.get(AutoscalingRoutes.V1_PREFIX + "/namespaces/:" + ObjectHandlers.NAMESPACE + "/" + hpa.plural())
                .handler(ctx -> watchOrNext(ctx, watches, hpa, v1, ctx.pathParam(ObjectHandlers.NAMESPACE)));
    }

    private static void watchOrNext(RoutingContext ctx, WatchHandler watches, ApiKind kind, String namespace) {
        watchOrNext(ctx, watches, kind, null, namespace);
    }

    private static void watchOrNext(RoutingContext ctx, WatchHandler watches, ApiKind kind,
                                    ServedVersion<?, ?> version, String namespace) {
        if (WatchHandler.requested(ctx)) {
            watches.watch(ctx, kind, version, namespace);
        } else {
            ctx.next();
        }
    }
}

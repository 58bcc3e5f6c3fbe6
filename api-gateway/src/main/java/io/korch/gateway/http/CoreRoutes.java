package io.korch.gateway.http;

import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.resource.ObjectStore;
import io.korch.gateway.resource.Resources;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The routes of the core API group, {@code /api/v1}: namespaces, nodes, pods and events. */
final class CoreRoutes {

    static final String PREFIX = "/api/v1";

    private CoreRoutes() {
    }

    static void mount(Router router, ObjectStore store, Admission admission) {
        ObjectHandlers<?> namespaces = new ObjectHandlers<>(Resources.NAMESPACES, store, admission);
        router.get(PREFIX + "/namespaces").handler(namespaces::list);
        router.post(PREFIX + "/namespaces").handler(namespaces::create);
        router.get(PREFIX + "/namespaces/:name").handler(namespaces::get);
        router.put(PREFIX + "/namespaces/:name").handler(namespaces::replace);
        router.delete(PREFIX + "/namespaces/:name").handler(namespaces::delete);

        ObjectHandlers<?> nodes = new ObjectHandlers<>(Resources.NODES, store, admission);
        router.get(PREFIX + "/nodes").handler(nodes::list);
        router.get(PREFIX + "/nodes/:name").handler(nodes::get);
        for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE}) {
            router.route(method, PREFIX + "/nodes").handler(CoreRoutes::refuseNodeWrite);
            router.route(method, PREFIX + "/nodes/:name").handler(CoreRoutes::refuseNodeWrite);
        }

        new ObjectHandlers<>(Resources.PODS, store, admission).routeNamespaced(router, PREFIX);

        EventHandlers events = new EventHandlers(store.view());
        router.get(PREFIX + "/events").handler(events::list);
        router.get(PREFIX + "/namespaces/:namespace/events").handler(events::list);
    }

    private static void refuseNodeWrite(RoutingContext ctx) {
        throw ApiError.methodNotAllowed("nodes cannot be " + verb(ctx.request().method())
                + " through the API: each node registers itself through its agent (korch agent)");
    }

    private static String verb(HttpMethod method) {
        if (method == HttpMethod.POST) {
            return "created";
        }
        return method == HttpMethod.DELETE ? "deleted" : "changed";
    }
}

package io.korch.gateway.http;

import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.NodeStore;
import io.korch.gateway.resource.ObjectStore;
import io.korch.gateway.resource.Resources;
import io.vertx.ext.web.Router;

/**
 * The routes of the core API group, {@code /api/v1}: namespaces, nodes, pods, Services, Endpoints
 * (read only), ConfigMaps, Secrets, ServiceAccounts and events.
 */
final class CoreRoutes {

    static final String PREFIX = "/api/v1";

    private CoreRoutes() {
    }

    static void mount(Router router, ObjectStore store, Admission admission) {
        ObjectHandlers<?> namespaces = new ObjectHandlers<>(Resources.NAMESPACES, store, admission);
        router.get(PREFIX + "/namespaces").handler(namespaces::list);
        router.post(PREFIX + "/namespaces").handler(namespaces::create);
        router.get(PREFIX + "/namespaces/:name").handler(namespaces::get);
        router.get(PREFIX + "/namespaces/:name/status").handler(namespaces::get);
        router.put(PREFIX + "/namespaces/:name").handler(namespaces::replace);
        router.patch(PREFIX + "/namespaces/:name").handler(namespaces::patch);
        router.delete(PREFIX + "/namespaces/:name").handler(namespaces::delete);

        NodeHandlers nodes = new NodeHandlers(new NodeStore(store), store, admission);
        router.get(PREFIX + "/nodes").handler(nodes::list);
        router.post(PREFIX + "/nodes").handler(nodes::create);
        router.delete(PREFIX + "/nodes").handler(nodes::deleteCollection);
        router.get(PREFIX + "/nodes/:name").handler(nodes::get);
        router.get(PREFIX + "/nodes/:name/status").handler(nodes::get);
        router.put(PREFIX + "/nodes/:name").handler(nodes::replace);
        router.patch(PREFIX + "/nodes/:name").handler(nodes::patch);
        router.delete(PREFIX + "/nodes/:name").handler(nodes::delete);

        new ObjectHandlers<>(Resources.PODS, store, admission).routeNamespaced(router, PREFIX);
        new ObjectHandlers<>(Resources.SERVICES, store, admission).routeNamespaced(router, PREFIX);
        new ObjectHandlers<>(Resources.ENDPOINTS, store, admission).routeReadOnly(router, PREFIX);
        new ObjectHandlers<>(Resources.CONFIGMAPS, store, admission).routeNamespaced(router, PREFIX);
        new ObjectHandlers<>(Resources.SECRETS, store, admission).routeNamespaced(router, PREFIX);
        new ObjectHandlers<>(Resources.SERVICEACCOUNTS, store, admission).routeNamespaced(router, PREFIX);

        EventHandlers events = new EventHandlers(store.view());
        router.get(PREFIX + "/events").handler(events::list);
        router.get(PREFIX + "/namespaces/:" + ObjectHandlers.NAMESPACE + "/events").handler(events::list);
        router.get(PREFIX + "/namespaces/:" + ObjectHandlers.NAMESPACE + "/events/:" + ObjectHandlers.NAME)
                .handler(events::get);
    }
}

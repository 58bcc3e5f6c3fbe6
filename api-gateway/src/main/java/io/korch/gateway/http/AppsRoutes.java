package io.korch.gateway.http;

import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.ObjectStore;
import io.korch.gateway.resource.Resources;
import io.vertx.ext.web.Router;

/** The routes of the {@code apps/v1} API group: ReplicaSets and Deployments, with the Deployment scale subresource. */
final class AppsRoutes {

    static final String PREFIX = "/apis/apps/v1";

    private AppsRoutes() {
    }

    static void mount(Router router, ObjectStore store, Admission admission) {
        new ObjectHandlers<>(Resources.REPLICASETS, store, admission).routeNamespaced(router, PREFIX);
        new ObjectHandlers<>(Resources.DEPLOYMENTS, store, admission).routeNamespaced(router, PREFIX);

        ScaleHandlers scale = new ScaleHandlers(store, admission);
        router.get(PREFIX + "/namespaces/:namespace/deployments/:name/scale").handler(scale::get);
        router.put(PREFIX + "/namespaces/:namespace/deployments/:name/scale").handler(scale::replace);
        router.patch(PREFIX + "/namespaces/:namespace/deployments/:name/scale").handler(scale::patch);
    }
}

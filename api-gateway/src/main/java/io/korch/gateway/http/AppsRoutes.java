package io.korch.gateway.http;

import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.ObjectStore;
import io.korch.gateway.resource.Resources;
import io.vertx.ext.web.Router;

/** The routes of the {@code apps/v1} API group: ReplicaSets and Deployments, each with its scale subresource. */
final class AppsRoutes {

    static final String PREFIX = "/apis/apps/v1";

    private AppsRoutes() {
    }

    static void mount(Router router, ObjectStore store, Admission admission) {
        new ObjectHandlers<>(Resources.REPLICASETS, store, admission).routeNamespaced(router, PREFIX);
        new ObjectHandlers<>(Resources.DEPLOYMENTS, store, admission).routeNamespaced(router, PREFIX);

        new ScaleHandlers<>(Resources.REPLICASETS, store, admission).route(router, PREFIX);
        new ScaleHandlers<>(Resources.DEPLOYMENTS, store, admission).route(router, PREFIX);
    }
}

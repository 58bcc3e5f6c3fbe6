package io.korch.gateway.http;

import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.ObjectStore;
import io.korch.gateway.resource.Resources;
import io.korch.model.ApiKind;
import io.vertx.ext.web.Router;

/**
 * The routes of the {@code discovery.k8s.io/v1} API group: EndpointSlices, which the endpoints
 * controller writes and the API serves read only.
 */
final class EndpointDiscoveryRoutes {

    static final String PREFIX = ApiKind.ENDPOINTSLICE.groupPath();

    private EndpointDiscoveryRoutes() {
    }

    static void mount(Router router, ObjectStore store, Admission admission) {
        new ObjectHandlers<>(Resources.ENDPOINTSLICES, store, admission).routeReadOnly(router, PREFIX);
    }
}

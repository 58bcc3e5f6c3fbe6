package io.korch.gateway.http;

import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.ObjectStore;
import io.korch.gateway.resource.Resources;
import io.korch.model.ApiKind;
import io.vertx.ext.web.Router;

/** The routes of the {@code autoscaling/v2} API group: HorizontalPodAutoscalers. */
final class AutoscalingRoutes {

    static final String PREFIX = ApiKind.HORIZONTALPODAUTOSCALER.groupPath();

    private AutoscalingRoutes() {
    }

    static void mount(Router router, ObjectStore store, Admission admission) {
        new ObjectHandlers<>(Resources.HORIZONTAL_POD_AUTOSCALERS, store, admission).routeNamespaced(router, PREFIX);
    }
}

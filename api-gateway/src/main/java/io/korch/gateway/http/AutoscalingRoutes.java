package io.korch.gateway.http;

import io.korch.gateway.conversion.AutoscalingV1;
import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.ObjectStore;
import io.korch.gateway.resource.Resources;
import io.korch.model.ApiKind;
import io.vertx.ext.web.Router;

/**
 * The routes of the {@code autoscaling} API group: HorizontalPodAutoscalers at {@code autoscaling/v2},
 * the version stored, and at {@code autoscaling/v1} ({@code kubectl autoscale}), converted
 * ({@link AutoscalingV1}).
 */
final class AutoscalingRoutes {

    static final String PREFIX = ApiKind.HORIZONTALPODAUTOSCALER.groupPath();
    static final String V1_PREFIX = "/apis/" + AutoscalingV1.API_VERSION;

    private AutoscalingRoutes() {
    }

    static void mount(Router router, ObjectStore store, Admission admission) {
        new ObjectHandlers<>(Resources.HORIZONTAL_POD_AUTOSCALERS, store, admission).routeNamespaced(router, PREFIX);
        new ObjectHandlers<>(Resources.HORIZONTAL_POD_AUTOSCALERS, AutoscalingV1.SERVED, store, admission)
                .routeNamespaced(router, V1_PREFIX);
    }
}

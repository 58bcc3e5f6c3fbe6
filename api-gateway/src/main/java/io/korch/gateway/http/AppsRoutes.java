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
        ObjectHandlers<?> replicaSets = new ObjectHandlers<>(Resources.REPLICASETS, store, admission);
        router.get(PREFIX + "/replicasets").handler(replicaSets::list);
        router.get(PREFIX + "/namespaces/:namespace/replicasets").handler(replicaSets::list);
        router.post(PREFIX + "/namespaces/:namespace/replicasets").handler(replicaSets::create);
        router.get(PREFIX + "/namespaces/:namespace/replicasets/:name").handler(replicaSets::get);
        router.put(PREFIX + "/namespaces/:namespace/replicasets/:name").handler(replicaSets::replace);
        router.delete(PREFIX + "/namespaces/:namespace/replicasets/:name").handler(replicaSets::delete);

        ObjectHandlers<?> deployments = new ObjectHandlers<>(Resources.DEPLOYMENTS, store, admission);
        router.get(PREFIX + "/deployments").handler(deployments::list);
        router.get(PREFIX + "/namespaces/:namespace/deployments").handler(deployments::list);
        router.post(PREFIX + "/namespaces/:namespace/deployments").handler(deployments::create);
        router.get(PREFIX + "/namespaces/:namespace/deployments/:name").handler(deployments::get);
        router.put(PREFIX + "/namespaces/:namespace/deployments/:name").handler(deployments::replace);
        router.delete(PREFIX + "/namespaces/:namespace/deployments/:name").handler(deployments::delete);

        ScaleHandlers scale = new ScaleHandlers(store, admission);
        router.get(PREFIX + "/namespaces/:namespace/deployments/:name/scale").handler(scale::get);
        router.put(PREFIX + "/namespaces/:namespace/deployments/:name/scale").handler(scale::replace);
    }
}

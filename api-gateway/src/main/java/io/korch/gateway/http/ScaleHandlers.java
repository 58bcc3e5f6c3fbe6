package io.korch.gateway.http;

import io.korch.api.Deployment;
import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.ObjectStore;
import io.korch.gateway.resource.Resources;
import io.korch.gateway.resource.Scales;
import io.korch.gateway.resource.Stored;
import io.vertx.ext.web.RoutingContext;

/** The {@code scale} subresource of Deployments: read and set the replica count ({@code korch scale}). */
final class ScaleHandlers {

    private final ObjectStore store;
    private final Admission admission;

    ScaleHandlers(ObjectStore store, Admission admission) {
        this.store = store;
        this.admission = admission;
    }

    void get(RoutingContext ctx) {
        String key = key(ctx);
        respond(ctx, key, store.get(Resources.DEPLOYMENTS, key));
    }

    /** Sets {@code spec.replicas}; a resourceVersion in the Scale must be the deployment's current one. */
    void replace(RoutingContext ctx) {
        Scales.ScaleRequest request = Scales.read(Negotiation.body(ctx),
                ctx.pathParam(ObjectHandlers.NAMESPACE), ctx.pathParam(ObjectHandlers.NAME));
        String key = key(ctx);
        store.caughtUpWith(request.resourceVersion())
                .compose(ignored -> store.replace(Resources.DEPLOYMENTS, key, current ->
                        admission.replacing(Resources.DEPLOYMENTS, Scales.scaled(current.value(), request), current)))
                .onSuccess(stored -> respond(ctx, key, stored))
                .onFailure(ctx::fail);
    }

    private static String key(RoutingContext ctx) {
        return Resources.DEPLOYMENTS.key(ctx.pathParam(ObjectHandlers.NAMESPACE), ctx.pathParam(ObjectHandlers.NAME));
    }

    private void respond(RoutingContext ctx, String key, Stored<Deployment> stored) {
        Negotiation.respond(ctx, 200, Scales.of(store.serve(Resources.DEPLOYMENTS, key, stored)));
    }
}

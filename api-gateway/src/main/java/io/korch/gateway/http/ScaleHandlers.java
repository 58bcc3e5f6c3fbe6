package io.korch.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.Deployment;
import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.ObjectStore;
import io.korch.gateway.resource.Resources;
import io.korch.gateway.resource.Scales;
import io.korch.gateway.resource.Stored;
import io.korch.model.ApiKind;
import io.vertx.ext.web.RoutingContext;

/**
 * The {@code scale} subresource of Deployments: read, set and patch the replica count
 * ({@code korch scale}, {@code kubectl scale}).
 */
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

    /**
     * Patches the Scale ({@code kubectl scale} sends {@code {"spec":{"replicas":N}}} as a merge
     * patch) and sets the replicas of the result as {@link #replace} does; the patch is applied
     * again to the newer Scale when the replace retries. With {@code dryRun=All}, answers the
     * patched Scale unwritten.
     */
    void patch(RoutingContext ctx) {
        PatchRequest request = PatchRequest.read(ctx);
        if (request.type().isApply()) {
            applyPatch(ctx, request);
            return;
        }
        String key = key(ctx);
        Stored<Deployment> current = store.get(Resources.DEPLOYMENTS, key);
        Scales.ScaleRequest scale = patched(ctx, request, key, current);
        if (request.dryRun()) {
            Deployment scaled = admission.replacing(Resources.DEPLOYMENTS, Scales.scaled(current.value(), scale),
                    current);
            respond(ctx, key, ObjectHandlers.unwritten(current, scaled));
            return;
        }
        store.caughtUpWith(scale.resourceVersion())
                .compose(ignored -> store.replace(Resources.DEPLOYMENTS, key, latest ->
                        admission.replacing(Resources.DEPLOYMENTS,
                                Scales.scaled(latest.value(), patched(ctx, request, key, latest)), latest)))
                .onSuccess(stored -> respond(ctx, key, stored))
                .onFailure(ctx::fail);
    }

    /** Server-side apply ({@code application/apply-patch+yaml}) of a Scale: refused, as korch takes it on objects only. */
    private void applyPatch(RoutingContext ctx, PatchRequest request) {
        throw PatchRequest.applyNotSupported();
    }

    /** The Scale of {@code current} with the request's patch applied, read as a PUT body. */
    private Scales.ScaleRequest patched(RoutingContext ctx, PatchRequest request, String key,
                                        Stored<Deployment> current) {
        String name = ctx.pathParam(ObjectHandlers.NAME);
        ObjectNode scale = Scales.of(store.serve(Resources.DEPLOYMENTS, key, current));
        return Scales.read(request.applyTo(scale, ApiKind.DEPLOYMENT, name), ctx.pathParam(ObjectHandlers.NAMESPACE),
                name);
    }

    private static String key(RoutingContext ctx) {
        return Resources.DEPLOYMENTS.key(ctx.pathParam(ObjectHandlers.NAMESPACE), ctx.pathParam(ObjectHandlers.NAME));
    }

    private void respond(RoutingContext ctx, String key, Stored<Deployment> stored) {
        Negotiation.respond(ctx, 200, Scales.of(store.serve(Resources.DEPLOYMENTS, key, stored)));
    }
}

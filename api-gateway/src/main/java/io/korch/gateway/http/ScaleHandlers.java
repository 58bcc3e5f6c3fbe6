package io.korch.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.ObjectStore;
import io.korch.gateway.resource.ResourceType;
import io.korch.gateway.resource.Scales;
import io.korch.gateway.resource.Stored;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.avro.specific.SpecificRecord;

/**
 * The {@code scale} subresource of one kind, Deployments or ReplicaSets ({@link Scales}): read, set
 * and patch the replica count ({@code korch scale}, {@code kubectl scale}, the autoscaler).
 *
 * @param <T> the workload type
 */
final class ScaleHandlers<T extends SpecificRecord> {

    private final ResourceType<T> type;
    private final ObjectStore store;
    private final Admission admission;

    ScaleHandlers(ResourceType<T> type, ObjectStore store, Admission admission) {
        this.type = type;
        this.store = store;
        this.admission = admission;
    }

    /** Routes get, replace and patch of {@code PREFIX/namespaces/:namespace/PLURAL/:name/scale}. */
    void route(Router router, String prefix) {
        String path = prefix + "/namespaces/:" + ObjectHandlers.NAMESPACE + "/" + type.kind().plural() + "/:"
                + ObjectHandlers.NAME + "/scale";
        router.get(path).handler(this::get);
        router.put(path).handler(this::replace);
        router.patch(path).handler(this::patch);
    }

    void get(RoutingContext ctx) {
        String key = key(ctx);
        respond(ctx, key, store.get(type, key));
    }

    /** Sets {@code spec.replicas}; a resourceVersion in the Scale must be the object's current one. */
    void replace(RoutingContext ctx) {
        Scales.ScaleRequest request = Scales.read(Negotiation.body(ctx), type.kind(),
                ctx.pathParam(ObjectHandlers.NAMESPACE), ctx.pathParam(ObjectHandlers.NAME));
        String key = key(ctx);
        store.caughtUpWith(request.resourceVersion())
                .compose(ignored -> store.replace(type, key, current ->
                        admission.replacing(type, Scales.scaled(current.value(), request), current)))
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
        Stored<T> current = store.get(type, key);
        Scales.ScaleRequest scale = patched(ctx, request, key, current);
        if (request.dryRun()) {
            T scaled = admission.replacing(type, Scales.scaled(current.value(), scale),
                    current);
            respond(ctx, key, ObjectHandlers.unwritten(current, scaled));
            return;
        }
        store.caughtUpWith(scale.resourceVersion())
                .compose(ignored -> store.replace(type, key, latest ->
                        admission.replacing(type,
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
                                        Stored<T> current) {
        String name = ctx.pathParam(ObjectHandlers.NAME);
        ObjectNode scale = Scales.of(store.serve(type, key, current));
        return Scales.read(request.applyTo(scale, type.kind(), name), type.kind(),
                ctx.pathParam(ObjectHandlers.NAMESPACE), name);
    }

    private String key(RoutingContext ctx) {
        return type.key(ctx.pathParam(ObjectHandlers.NAMESPACE), ctx.pathParam(ObjectHandlers.NAME));
    }

    private void respond(RoutingContext ctx, String key, Stored<T> stored) {
        Negotiation.respond(ctx, 200, Scales.of(store.serve(type, key, stored)));
    }
}

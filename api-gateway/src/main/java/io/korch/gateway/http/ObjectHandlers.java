package io.korch.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.ObjectRecords;
import io.korch.gateway.resource.ObjectStore;
import io.korch.gateway.resource.PropagationPolicy;
import io.korch.gateway.resource.ResourceType;
import io.korch.gateway.resource.Stored;
import io.korch.json.ApiJson;
import io.korch.model.Selector;
import io.korch.printing.Printers;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The verbs on one kind — get, list, create, replace, delete — as route handlers, and the routes
 * to them for a namespaced kind. Each reads the request, lets {@link Admission} and
 * {@link ObjectStore} do the work, and answers with the object as served; failures go to the
 * router's failure handler.
 *
 * @param <T> the object type
 */
final class ObjectHandlers<T extends SpecificRecord> {

    static final String NAMESPACE = "namespace";
    static final String NAME = "name";

    private final ResourceType<T> type;
    private final ObjectStore store;
    private final Admission admission;

    ObjectHandlers(ResourceType<T> type, ObjectStore store, Admission admission) {
        this.type = type;
        this.store = store;
        this.admission = admission;
    }

    /**
     * Routes the verbs of a namespaced kind under its API group's {@code prefix}: list across
     * namespaces ({@code PREFIX/PLURAL}), and list, create, get, replace and delete in one
     * ({@code PREFIX/namespaces/:namespace/PLURAL[/:name]}).
     */
    void routeNamespaced(Router router, String prefix) {
        String plural = type.kind().plural();
        String collection = prefix + "/namespaces/:" + NAMESPACE + "/" + plural;
        String object = collection + "/:" + NAME;
        router.get(prefix + "/" + plural).handler(this::list);
        router.get(collection).handler(this::list);
        router.post(collection).handler(this::create);
        router.get(object).handler(this::get);
        router.put(object).handler(this::replace);
        router.delete(object).handler(this::delete);
    }

    void get(RoutingContext ctx) {
        String key = key(ctx);
        Tables.respond(ctx, 200, Printers.of(type.kind()), ApiJson.write(store.serve(type, key, store.get(type, key))));
    }

    /** Lists the namespace of the path, or every namespace on the cluster-wide path. */
    void list(RoutingContext ctx) {
        Selector selector = Lists.labelSelector(ctx);
        Lists.refuseFieldSelector(ctx);
        List<ObjectNode> items = store.list(type, ctx.pathParam(NAMESPACE)).stream()
                .filter(e -> selector.matches(ObjectRecords.metadata(e.getValue().value()).getLabels()))
                .map(e -> ApiJson.write(store.serve(type, e.getKey(), e.getValue())))
                .toList();
        Tables.respond(ctx, 200, Printers.of(type.kind()), Lists.of(type.kind().apiVersion(), type.kind().kind(),
                store.view().position(), items));
    }

    void create(RoutingContext ctx) {
        T body = admission.read(type, Negotiation.body(ctx));
        T object = admission.forCreate(type, body, ctx.pathParam(NAMESPACE));
        store.create(type, object)
                .onSuccess(stored -> respond(ctx, 201, type.keyOf(object), stored))
                .onFailure(ctx::fail);
    }

    void replace(RoutingContext ctx) {
        T body = admission.forReplace(type, admission.read(type, Negotiation.body(ctx)),
                ctx.pathParam(NAMESPACE), ctx.pathParam(NAME));
        String key = key(ctx);
        store.caughtUpWith(ObjectRecords.metadata(body).getResourceVersion())
                .compose(ignored -> store.replace(type, key, current -> admission.replacing(type, body, current)))
                .onSuccess(stored -> respond(ctx, 200, key, stored))
                .onFailure(ctx::fail);
    }

    /**
     * Deletes the object (an owned pod: requests its deletion) with the request's propagation policy
     * ({@link DeleteOptions}) and answers with its last state.
     */
    void delete(RoutingContext ctx) {
        String key = key(ctx);
        PropagationPolicy policy = DeleteOptions.propagationPolicy(ctx, type.kind(), ctx.pathParam(NAME));
        store.delete(type, key, admission.now(), policy)
                .onSuccess(stored -> respond(ctx, 200, key, stored))
                .onFailure(ctx::fail);
    }

    private String key(RoutingContext ctx) {
        return type.key(ctx.pathParam(NAMESPACE), ctx.pathParam(NAME));
    }

    private void respond(RoutingContext ctx, int code, String key, Stored<T> stored) {
        Negotiation.respond(ctx, code, ApiJson.write(store.serve(type, key, stored)));
    }
}

package io.korch.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.apply.FieldManagers;
import io.korch.gateway.apply.ServerSideApply;
import io.korch.gateway.conversion.ServedVersion;
import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.resource.Deletion;
import io.korch.gateway.resource.ObjectRecords;
import io.korch.gateway.resource.ObjectStore;
import io.korch.gateway.resource.Ownership;
import io.korch.gateway.resource.ResourceType;
import io.korch.gateway.resource.Stored;
import io.korch.json.ApiJson;
import io.korch.topics.Revisions;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The verbs on one kind — get, list, create, replace, patch, delete, deletecollection — as route
 * handlers, and the routes to them for a namespaced kind. Writes honour {@code dryRun=All}
 * ({@link DryRun}). A kind served at more than one version has handlers per version
 * ({@link ServedVersion}): bodies are read as that version, answers converted to it, and
 * server-side apply is taken at the stored version only. Each reads the request, lets {@link Admission} and
 * {@link ObjectStore} do the work, and answers with the object as served; failures go to the
 * router's failure handler.
 *
 * @param <T> the object type
 */
final class ObjectHandlers<T extends SpecificRecord> {

    static final String NAMESPACE = "namespace";
    static final String NAME = "name";

    private final ResourceType<T> type;
    private final ServedVersion<T, ?> version;
    private final ObjectStore store;
    private final Admission admission;
    private final ObjectLists lists;

    ObjectHandlers(ResourceType<T> type, ObjectStore store, Admission admission) {
        this(type, ServedVersion.stored(type), store, admission);
    }

    /** The verbs on {@code type} served at {@code version}: bodies read as it, answers converted to it. */
    ObjectHandlers(ResourceType<T> type, ServedVersion<T, ?> version, ObjectStore store, Admission admission) {
        this.type = type;
        this.version = version;
        this.store = store;
        this.admission = admission;
        this.lists = new ObjectLists(store.view(), store.changeLog());
    }

    /**
     * Routes the verbs of a namespaced kind under its API group's {@code prefix}: list across
     * namespaces ({@code PREFIX/PLURAL}), and list, create, delete of the collection, get, replace,
     * patch and delete in one ({@code PREFIX/namespaces/:namespace/PLURAL[/:name]}), and get of its
     * status subresource when the kind has a status.
     */
    void routeNamespaced(Router router, String prefix) {
        String plural = type.kind().plural();
        String collection = prefix + "/namespaces/:" + NAMESPACE + "/" + plural;
        String object = collection + "/:" + NAME;
        router.get(prefix + "/" + plural).handler(this::list);
        router.get(collection).handler(this::list);
        router.post(collection).handler(this::create);
        router.delete(collection).handler(this::deleteCollection);
        router.get(object).handler(this::get);
        if (ObjectRecords.hasStatus(type.type())) {
            router.get(object + "/status").handler(this::get);
        }
        router.put(object).handler(this::replace);
        router.patch(object).handler(this::patch);
        router.delete(object).handler(this::delete);
    }

    /**
     * Routes a kind korch's controllers write, served read only: list across namespaces, list and
     * get; every write is answered 405 saying who writes the kind.
     */
    void routeReadOnly(Router router, String prefix) {
        String plural = type.kind().plural();
        String collection = prefix + "/namespaces/:" + NAMESPACE + "/" + plural;
        String object = collection + "/:" + NAME;
        router.get(prefix + "/" + plural).handler(this::list);
        router.get(collection).handler(this::list);
        router.get(object).handler(this::get);
        router.post(collection).handler(this::refuseWrite);
        router.delete(collection).handler(this::refuseWrite);
        router.put(object).handler(this::refuseWrite);
        router.patch(object).handler(this::refuseWrite);
        router.delete(object).handler(this::refuseWrite);
    }

    private void refuseWrite(RoutingContext ctx) {
        throw ApiError.methodNotAllowed("the server does not allow this method on the requested resource: "
                + type.kind().plural() + " are written by korch's endpoints controller, from the Services and"
                + " their pods, and served read only (get, list, watch)");
    }

    void get(RoutingContext ctx) {
        String key = key(ctx);
        Tables.respond(ctx, 200, version.printer(), version.write(store.serve(type, key, store.get(type, key))));
    }

    /**
     * Lists the namespace of the path, or every namespace on the cluster-wide path, a page at a time
     * when asked ({@link ObjectLists}).
     */
    void list(RoutingContext ctx) {
        ListOptions options = ListOptions.read(ctx, type.kind());
        lists.list(type.kind(), ctx.pathParam(NAMESPACE), options)
                .onSuccess(list -> Tables.respond(ctx, 200, version.printer(), version.list(list)))
                .onFailure(error -> ObjectLists.fail(ctx, error));
    }

    void create(RoutingContext ctx) {
        T body = version.read(admission, type, Negotiation.body(ctx));
        T object = admission.forCreate(type, body, ctx.pathParam(NAMESPACE), fieldManager(ctx));
        if (DryRun.requested(ctx, "CreateOptions")) {
            store.checkCreate(type, object)
                    .onSuccess(stored -> respondDryRun(ctx, 201, type.keyOf(object), stored))
                    .onFailure(ctx::fail);
            return;
        }
        store.create(type, object)
                .onSuccess(stored -> respond(ctx, 201, type.keyOf(object), stored))
                .onFailure(ctx::fail);
    }

    void replace(RoutingContext ctx) {
        T body = admission.forReplace(type, version.read(admission, type, Negotiation.body(ctx)),
                ctx.pathParam(NAMESPACE), ctx.pathParam(NAME));
        String key = key(ctx);
        if (DryRun.requested(ctx, "UpdateOptions")) {
            store.caughtUpWith(ObjectRecords.metadata(body).getResourceVersion())
                    .compose(ignored -> store.checkReplace(type, key, current -> admission.replacing(type, body, current)))
                    .onSuccess(stored -> respond(ctx, 200, key, stored))
                    .onFailure(ctx::fail);
            return;
        }
        String manager = fieldManager(ctx);
        store.caughtUpWith(ObjectRecords.metadata(body).getResourceVersion())
                .compose(ignored -> store.replace(type, key, current -> admission.replacing(type, body, current, manager)))
                .onSuccess(stored -> respond(ctx, 200, key, stored))
                .onFailure(ctx::fail);
    }

    /**
     * Patches the object: applies the patch to the object as served and replaces the object with
     * the result, read and admitted as a PUT body is (status ignored, a stale resourceVersion the
     * patch sets a 409). The patch is applied again to the newer object when a concurrent write
     * makes the replace retry. With {@code dryRun=All}, answers the patched object unwritten.
     */
    void patch(RoutingContext ctx) {
        PatchRequest request = PatchRequest.read(ctx);
        if (request.type().isApply()) {
            if (!version.isStored()) {
                throw PatchRequest.applyNotSupported();
            }
            applyPatch(ctx, request);
            return;
        }
        String key = key(ctx);
        Stored<T> current = store.get(type, key);
        T patched = patched(ctx, request, key, current);
        if (request.dryRun()) {
            if (current.owned()) {
                throw ApiError.controlled(type.kind(), ctx.pathParam(NAME),
                        Ownership.refusal(type, key, current, store.view()));
            }
            T replacing = admission.replacing(type, patched, current);
            respond(ctx, 200, key, unwritten(current, replacing));
            return;
        }
        String manager = fieldManager(ctx);
        store.caughtUpWith(ObjectRecords.metadata(patched).getResourceVersion())
                .compose(ignored -> store.replace(type, key, latest ->
                        admission.replacing(type, patched(ctx, request, key, latest), latest, manager)))
                .onSuccess(stored -> respond(ctx, 200, key, stored))
                .onFailure(ctx::fail);
    }

    /** {@code value} as it would be stored in place of {@code current}, for a dry run. */
    static <V> Stored<V> unwritten(Stored<V> current, V value) {
        return new Stored<>(value, current.revision(), current.owned(), current.objectRevision());
    }

    /**
     * Server-side apply ({@code application/apply-patch+yaml}): the configuration is merged into
     * the object by field ownership ({@link ServerSideApply}), again on the newer object when the
     * replace retries; an object that does not exist is created (201). An apply that changes
     * nothing is answered without a write.
     */
    private void applyPatch(RoutingContext ctx, PatchRequest request) {
        String manager = FieldManagers.forApply(ctx.request().getParam(FieldManagers.PARAMETER));
        boolean force = "true".equals(ctx.request().getParam("force"));
        JsonNode config = ApplyConfigurations.parse(request.body());
        String key = key(ctx);
        Optional<Stored<T>> current = store.find(type, key);
        if (current.isEmpty()) {
            ObjectNode created = ServerSideApply.apply(type, Optional.empty(), config, manager, force, admission.now())
                    .object();
            T object = admission.forCreate(type, admission.read(type, created), ctx.pathParam(NAMESPACE));
            if (request.dryRun()) {
                store.checkCreate(type, object)
                        .onSuccess(stored -> respondDryRun(ctx, 201, key, stored))
                        .onFailure(ctx::fail);
                return;
            }
            store.create(type, object)
                    .onSuccess(stored -> respond(ctx, 201, key, stored))
                    .onFailure(ctx::fail);
            return;
        }
        ServerSideApply.Applied first = applied(ctx, config, manager, force, key, current.get());
        if (!first.changed()) {
            respond(ctx, 200, key, current.get());
            return;
        }
        if (request.dryRun()) {
            T replacing = admission.replacing(type, admitted(ctx, first.object()), current.get());
            respond(ctx, 200, key, unwritten(current.get(), replacing));
            return;
        }
        store.replace(type, key, latest -> admission.replacing(type,
                        admitted(ctx, applied(ctx, config, manager, force, key, latest).object()), latest))
                .onSuccess(stored -> respond(ctx, 200, key, stored))
                .onFailure(ctx::fail);
    }

    private ServerSideApply.Applied applied(RoutingContext ctx, JsonNode config, String manager, boolean force,
                                            String key, Stored<T> current) {
        ObjectNode served = ApiJson.write(store.serve(type, key, current));
        return ServerSideApply.apply(type, Optional.of(served), config, manager, force, admission.now());
    }

    private T admitted(RoutingContext ctx, ObjectNode object) {
        return admission.forReplace(type, admission.read(type, object), ctx.pathParam(NAMESPACE), ctx.pathParam(NAME));
    }

    /** The request's field manager: its {@code fieldManager} parameter, else named after its User-Agent. */
    static String fieldManager(RoutingContext ctx) {
        return FieldManagers.of(ctx.request().getParam(FieldManagers.PARAMETER),
                ctx.request().getHeader(HttpHeaders.USER_AGENT));
    }

    /** {@code current}, as served, with the request's patch applied, read and checked as a PUT body. */
    private T patched(RoutingContext ctx, PatchRequest request, String key, Stored<T> current) {
        ObjectNode served = version.write(store.serve(type, key, current));
        ObjectNode patchedJson = request.applyTo(served, type.kind(), ctx.pathParam(NAME));
        return admission.forReplace(type, version.read(admission, type, patchedJson), ctx.pathParam(NAMESPACE),
                ctx.pathParam(NAME));
    }

    /**
     * Deletes the object (an owned pod: requests its deletion) as the request's {@link DeleteOptions}
     * say, and answers with its last state (a Foreground deletion: with the object as marked).
     */
    void delete(RoutingContext ctx) {
        String key = key(ctx);
        Deletion deletion = DeleteOptions.read(ctx);
        store.caughtUpWith(preconditionVersion(deletion))
                .compose(ignored -> store.delete(type, key, admission.now(), deletion))
                .onSuccess(stored -> respond(ctx, 200, key, stored))
                .onFailure(ctx::fail);
    }

    /**
     * Deletes every object of the path's namespace that the list options select (Kubernetes'
     * deletecollection), one at a time with the request's {@link DeleteOptions}, and answers with
     * the list of them as they were listed; an object gone meanwhile is skipped, any other failure
     * stops the deletion there.
     */
    void deleteCollection(RoutingContext ctx) {
        ListOptions options = ListOptions.read(ctx, type.kind());
        Deletion deletion = DeleteOptions.read(ctx);
        String namespace = ctx.pathParam(NAMESPACE);
        lists.list(type.kind(), namespace, options)
                .compose(list -> deleteEach(list, deletion).map(list))
                .onSuccess(list -> Negotiation.respond(ctx, 200, version.list(list)))
                .onFailure(error -> ObjectLists.fail(ctx, error));
    }

    private Future<Void> deleteEach(ObjectNode list, Deletion deletion) {
        Future<Void> deleted = Future.succeededFuture();
        for (JsonNode item : list.path("items")) {
            String key = type.key(item.at("/metadata/namespace").asText(), item.at("/metadata/name").asText());
            deleted = deleted.compose(ignored -> store.delete(type, key, admission.now(), deletion)
                    .<Void>mapEmpty()
                    .recover(error -> error instanceof ApiError refused && refused.code() == 404
                            ? Future.succeededFuture() : Future.failedFuture(error)));
        }
        return deleted;
    }

    /** The resourceVersion a deletion's precondition names, when it is one the view may not have reached yet. */
    static String preconditionVersion(Deletion deletion) {
        String version = deletion.resourceVersion();
        return version != null && Revisions.parse(version).isPresent() ? version : null;
    }

    private String key(RoutingContext ctx) {
        return type.key(ctx.pathParam(NAMESPACE), ctx.pathParam(NAME));
    }

    /** Answers a dry-run create with the object as it would be stored, without the resourceVersion it has none of yet. */
    private void respondDryRun(RoutingContext ctx, int code, String key, Stored<T> stored) {
        ObjectNode served = version.write(store.serve(type, key, stored));
        ((ObjectNode) served.path("metadata")).remove("resourceVersion");
        Negotiation.respond(ctx, code, served);
    }

    private void respond(RoutingContext ctx, int code, String key, Stored<T> stored) {
        Negotiation.respond(ctx, code, version.write(store.serve(type, key, stored)));
    }
}

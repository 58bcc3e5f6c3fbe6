package io.korch.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.Node;
import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.resource.Deletion;
import io.korch.gateway.resource.NodeStore;
import io.korch.gateway.resource.ObjectStore;
import io.korch.gateway.resource.Resources;
import io.korch.gateway.resource.Stored;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import io.vertx.core.Future;
import io.korch.printing.Printers;
import io.vertx.ext.web.RoutingContext;

/**
 * The verbs on nodes. Like {@link ObjectHandlers}, but a node is the merge of its agent's
 * registration and users' declaration ({@link NodeStore}), and writes change only the declaration:
 * labels, annotations, {@code spec.unschedulable} (cordon) and deletion, whether put or patched. Served nodes carry the
 * node-health merge ({@link ObjectStore#serve}) on top.
 */
final class NodeHandlers {

    private final NodeStore nodes;
    private final ObjectStore store;
    private final Admission admission;
    private final ObjectLists lists;

    NodeHandlers(NodeStore nodes, ObjectStore store, Admission admission) {
        this.nodes = nodes;
        this.store = store;
        this.admission = admission;
        this.lists = new ObjectLists(store.view(), store.changeLog());
    }

    void get(RoutingContext ctx) {
        String name = ctx.pathParam(ObjectHandlers.NAME);
        Tables.respond(ctx, 200, Printers.NODES, ApiJson.write(store.serve(Resources.NODES, name, nodes.get(name))));
    }

    /**
     * Lists the nodes, a page at a time when asked ({@link ObjectLists}); {@code labelSelector}
     * matches the merged labels (agent's and declared).
     */
    void list(RoutingContext ctx) {
        ListOptions options = ListOptions.read(ctx, ApiKind.NODE);
        lists.list(ApiKind.NODE, null, options)
                .onSuccess(list -> Tables.respond(ctx, 200, Printers.NODES, list))
                .onFailure(error -> ObjectLists.fail(ctx, error));
    }

    void create(RoutingContext ctx) {
        Node body = admission.read(Resources.NODES, Negotiation.body(ctx));
        Node node = admission.forCreate(Resources.NODES, body, null);
        if (DryRun.requested(ctx, "CreateOptions")) {
            String name = node.getMetadata().getName();
            if (nodes.find(name).isPresent()) {
                throw ApiError.alreadyExists(ApiKind.NODE, name);
            }
            respond(ctx, 201, name, new Stored<>(node, 0, false, 0));
            return;
        }
        nodes.create(node)
                .onSuccess(stored -> respond(ctx, 201, node.getMetadata().getName(), stored))
                .onFailure(ctx::fail);
    }

    /** Replaces the node's declaration: how a user labels or cordons a node. */
    void replace(RoutingContext ctx) {
        String name = ctx.pathParam(ObjectHandlers.NAME);
        Node body = admission.forReplace(Resources.NODES, admission.read(Resources.NODES, Negotiation.body(ctx)),
                null, name);
        if (DryRun.requested(ctx, "UpdateOptions")) {
            store.caughtUpWith(body.getMetadata().getResourceVersion())
                    .map(ignored -> new Stored<>(admission.replacing(Resources.NODES, body, nodes.get(name)), 0, false,
                            nodes.get(name).objectRevision()))
                    .onSuccess(stored -> respond(ctx, 200, name, stored))
                    .onFailure(ctx::fail);
            return;
        }
        store.caughtUpWith(body.getMetadata().getResourceVersion())
                .compose(ignored -> nodes.replace(name, current -> admission.replacing(Resources.NODES, body, current)))
                .onSuccess(stored -> respond(ctx, 200, name, stored))
                .onFailure(ctx::fail);
    }

    /**
     * Patches the node as served ({@code kubectl label node}, {@code kubectl cordon}) and replaces
     * its declaration with the result, as {@link #replace} does; the patch is applied again to the
     * newer node when the replace retries. With {@code dryRun=All}, answers the patched node
     * unwritten: the admitted result with the registration's status, before the declaration keeps
     * only what a user may declare.
     */
    void patch(RoutingContext ctx) {
        PatchRequest request = PatchRequest.read(ctx);
        if (request.type().isApply()) {
            applyPatch(ctx, request);
            return;
        }
        String name = ctx.pathParam(ObjectHandlers.NAME);
        Stored<Node> current = nodes.get(name);
        Node patched = patched(request, name, current);
        if (request.dryRun()) {
            Node replacing = admission.replacing(Resources.NODES, patched, current);
            respond(ctx, 200, name, ObjectHandlers.unwritten(current, replacing));
            return;
        }
        store.caughtUpWith(patched.getMetadata().getResourceVersion())
                .compose(ignored -> nodes.replace(name, latest ->
                        admission.replacing(Resources.NODES, patched(request, name, latest), latest)))
                .onSuccess(stored -> respond(ctx, 200, name, stored))
                .onFailure(ctx::fail);
    }

    /** Server-side apply ({@code application/apply-patch+yaml}) of a node: refused, as korch takes it on objects only. */
    private void applyPatch(RoutingContext ctx, PatchRequest request) {
        throw PatchRequest.applyNotSupported();
    }

    /** The node {@code current}, as served, with the request's patch applied, read and checked as a PUT body. */
    private Node patched(PatchRequest request, String name, Stored<Node> current) {
        ObjectNode served = ApiJson.write(store.serve(Resources.NODES, name, current));
        Node body = admission.read(Resources.NODES, request.applyTo(served, ApiKind.NODE, name));
        return admission.forReplace(Resources.NODES, body, null, name);
    }

    /**
     * Declares the node deleted, once the preconditions of the request's {@link DeleteOptions} hold
     * (a dry run: only checks), and answers with its last state.
     */
    void delete(RoutingContext ctx) {
        String name = ctx.pathParam(ObjectHandlers.NAME);
        Deletion deletion = DeleteOptions.read(ctx);
        store.caughtUpWith(ObjectHandlers.preconditionVersion(deletion))
                .compose(ignored -> delete(name, deletion))
                .onSuccess(stored -> respond(ctx, 200, name, stored))
                .onFailure(ctx::fail);
    }

    /**
     * Deletes every node the list options select, one at a time with the request's
     * {@link DeleteOptions}, and answers with the list of them as they were listed.
     */
    void deleteCollection(RoutingContext ctx) {
        ListOptions options = ListOptions.read(ctx, ApiKind.NODE);
        Deletion deletion = DeleteOptions.read(ctx);
        lists.list(ApiKind.NODE, null, options)
                .compose(list -> {
                    Future<Void> deleted = Future.succeededFuture();
                    for (JsonNode item : list.path("items")) {
                        String name = item.at("/metadata/name").asText();
                        deleted = deleted.compose(ignored -> delete(name, deletion).<Void>mapEmpty()
                                .recover(error -> error instanceof ApiError refused && refused.code() == 404
                                        ? Future.succeededFuture() : Future.failedFuture(error)));
                    }
                    return deleted.map(list);
                })
                .onSuccess(list -> Negotiation.respond(ctx, 200, list))
                .onFailure(error -> ObjectLists.fail(ctx, error));
    }

    private Future<Stored<Node>> delete(String name, Deletion deletion) {
        try {
            Stored<Node> current = nodes.get(name);
            deletion.checkPreconditions(ApiKind.NODE, store.serve(Resources.NODES, name, current).getMetadata());
            return deletion.dryRun() ? Future.succeededFuture(current) : nodes.delete(name, admission.now());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private void respond(RoutingContext ctx, int code, String name, Stored<Node> stored) {
        Negotiation.respond(ctx, code, ApiJson.write(store.serve(Resources.NODES, name, stored)));
    }
}

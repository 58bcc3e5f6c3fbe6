package io.korch.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.Node;
import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.NodeStore;
import io.korch.gateway.resource.ObjectStore;
import io.korch.gateway.resource.Resources;
import io.korch.gateway.resource.Stored;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import io.korch.model.Selector;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

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

    NodeHandlers(NodeStore nodes, ObjectStore store, Admission admission) {
        this.nodes = nodes;
        this.store = store;
        this.admission = admission;
    }

    void get(RoutingContext ctx) {
        String name = ctx.pathParam(ObjectHandlers.NAME);
        respond(ctx, 200, name, nodes.get(name));
    }

    /** Lists the nodes; {@code labelSelector} matches the merged labels (agent's and declared). */
    void list(RoutingContext ctx) {
        Selector selector = Lists.labelSelector(ctx);
        Lists.refuseFieldSelector(ctx);
        List<ObjectNode> items = nodes.list().stream()
                .filter(e -> selector.matches(e.getValue().value().getMetadata().getLabels()))
                .map(e -> ApiJson.write(store.serve(Resources.NODES, e.getKey(), e.getValue())))
                .toList();
        Negotiation.respond(ctx, 200, Lists.of(ApiKind.NODE.apiVersion(), ApiKind.NODE.kind(),
                store.view().position(), items));
    }

    void create(RoutingContext ctx) {
        Node body = admission.read(Resources.NODES, Negotiation.body(ctx));
        Node node = admission.forCreate(Resources.NODES, body, null);
        nodes.create(node)
                .onSuccess(stored -> respond(ctx, 201, node.getMetadata().getName(), stored))
                .onFailure(ctx::fail);
    }

    /** Replaces the node's declaration: how a user labels or cordons a node. */
    void replace(RoutingContext ctx) {
        String name = ctx.pathParam(ObjectHandlers.NAME);
        Node body = admission.forReplace(Resources.NODES, admission.read(Resources.NODES, Negotiation.body(ctx)),
                null, name);
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

    /** Server-side apply ({@code application/apply-patch+yaml}) of a node: not taken yet. */
    private void applyPatch(RoutingContext ctx, PatchRequest request) {
        throw PatchRequest.applyNotSupported();
    }

    /** The node {@code current}, as served, with the request's patch applied, read and checked as a PUT body. */
    private Node patched(PatchRequest request, String name, Stored<Node> current) {
        ObjectNode served = ApiJson.write(store.serve(Resources.NODES, name, current));
        Node body = admission.read(Resources.NODES, request.applyTo(served, ApiKind.NODE, name));
        return admission.forReplace(Resources.NODES, body, null, name);
    }

    /** Declares the node deleted and answers with its last state. */
    void delete(RoutingContext ctx) {
        String name = ctx.pathParam(ObjectHandlers.NAME);
        nodes.delete(name, admission.now())
                .onSuccess(stored -> respond(ctx, 200, name, stored))
                .onFailure(ctx::fail);
    }

    private void respond(RoutingContext ctx, int code, String name, Stored<Node> stored) {
        Negotiation.respond(ctx, code, ApiJson.write(store.serve(Resources.NODES, name, stored)));
    }
}

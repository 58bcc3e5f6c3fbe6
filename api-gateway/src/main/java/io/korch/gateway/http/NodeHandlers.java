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
import io.korch.printing.Printers;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The verbs on nodes. Like {@link ObjectHandlers}, but a node is the merge of its agent's
 * registration and users' declaration ({@link NodeStore}), and writes change only the declaration:
 * labels, annotations, {@code spec.unschedulable} (cordon) and deletion. Served nodes carry the
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
        Tables.respond(ctx, 200, Printers.NODES, ApiJson.write(store.serve(Resources.NODES, name, nodes.get(name))));
    }

    /** Lists the nodes; {@code labelSelector} matches the merged labels (agent's and declared). */
    void list(RoutingContext ctx) {
        Selector selector = Lists.labelSelector(ctx);
        Lists.refuseFieldSelector(ctx);
        List<ObjectNode> items = nodes.list().stream()
                .filter(e -> selector.matches(e.getValue().value().getMetadata().getLabels()))
                .map(e -> ApiJson.write(store.serve(Resources.NODES, e.getKey(), e.getValue())))
                .toList();
        Tables.respond(ctx, 200, Printers.NODES, Lists.of(ApiKind.NODE.apiVersion(), ApiKind.NODE.kind(),
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

package io.korch.agent.server;

import io.korch.agent.runtime.ContainerRuntime;
import io.korch.agent.runtime.RuntimeContainer;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetClient;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * {@code /portForward/{namespace}/{pod}?ports=..}, the kubelet's port-forward endpoint: finds a running container
 * of the pod on this node and its address (the one probes dial, {@link ContainerRuntime#address}), checks the
 * ports, upgrades to a WebSocket speaking {@link PortForwardProtocol} and hands it to a {@link PortForwardBridge},
 * which dials that address and nothing else. Refusals come before the upgrade, as plain text: 404
 * {@code pod does not exist} when no container of the pod runs here (the kubelet's words), 400 for bad ports or a
 * request that is not a WebSocket upgrade (SPDY is not served), 503 when the pod has no address yet. A request
 * that does not upgrade is checked for the pod first, so its answer tells a caller whether the pod can be
 * forwarded to.
 */
final class PortForwardHandler implements Handler<RoutingContext> {

    /** The refusal of an upgrade to anything but a WebSocket. */
    static final String WEBSOCKETS_ONLY = "korch forwards ports over WebSockets only (subprotocol "
            + PortForwardProtocol.V4 + "), not SPDY";
    /** The refusal of a pod that runs no container here, as the kubelet words it. */
    static final String NO_POD = "pod does not exist";

    private final Vertx vertx;
    private final ContainerRuntime runtime;
    private final ContainerFinder finder;
    private final NetClient dialer;

    PortForwardHandler(Vertx vertx, ContainerRuntime runtime, ContainerFinder finder, NetClient dialer) {
        this.vertx = vertx;
        this.runtime = runtime;
        this.finder = finder;
        this.dialer = dialer;
    }

    /** Where a pod's ports are reached: its address, and the names its errors give. */
    record Target(String pod, String uid, Optional<String> address) {
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String namespace = ctx.pathParam("namespace");
        String pod = ctx.pathParam("pod");
        request.pause();
        vertx.executeBlocking(() -> target(namespace, pod)).onComplete(found -> {
            if (found.failed()) {
                PlainText.respond(ctx.response(), 500, "cannot list containers: " + found.cause().getMessage());
            } else if (found.result().isEmpty()) {
                PlainText.respond(ctx.response(), 404, NO_POD);
            } else if (!request.canUpgradeToWebSocket()) {
                PlainText.respond(ctx.response(), 400, WEBSOCKETS_ONLY);
            } else {
                upgrade(ctx, found.result().get());
            }
        });
    }

    private void upgrade(RoutingContext ctx, Target target) {
        List<Integer> ports;
        try {
            ports = PortForwardProtocol.parsePorts(ctx.request().params().getAll(PortForwardProtocol.PORTS));
        } catch (IllegalArgumentException e) {
            PlainText.respond(ctx.response(), 400, e.getMessage());
            return;
        }
        if (target.address().isEmpty()) {
            PlainText.respond(ctx.response(), 503, "pod " + target.pod() + " has no network address yet");
            return;
        }
        ctx.request().toWebSocket()
                .onSuccess(socket -> new PortForwardBridge(dialer, target, ports, socket).start())
                .onFailure(ctx::fail);
    }

    /** The pod's target on this node, from its newest running container with an address; empty when none runs. */
    private Optional<Target> target(String namespace, String pod) {
        List<RuntimeContainer> running = finder.running(namespace, pod);
        if (running.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> address = running.stream()
                .map(c -> runtime.address(c.id()))
                .flatMap(Optional::stream)
                .findFirst();
        return Optional.of(new Target(pod + "_" + namespace, running.get(0).podUid(), address));
    }
}

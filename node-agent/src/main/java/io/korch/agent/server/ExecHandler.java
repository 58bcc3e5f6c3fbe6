package io.korch.agent.server;

import io.korch.agent.runtime.ContainerRuntime;
import io.korch.agent.runtime.ExecRequest;
import io.korch.agent.runtime.RuntimeContainer;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code /exec/{namespace}/{pod}/{container}?command=..&command=..&stdin&stdout&stderr&tty}: checks the query,
 * finds the running container, upgrades to a WebSocket speaking a {@link ChannelProtocol} and hands it to an
 * {@link ExecBridge}. Refusals come before the upgrade, as plain text: 400 for a bad query or a request that is
 * not a WebSocket upgrade (SPDY is not served), 404 {@code container not found ("c")} when the container does not
 * run here, as the kubelet words it.
 */
final class ExecHandler implements Handler<RoutingContext> {

    /** The refusal of an upgrade to anything but a WebSocket. */
    static final String WEBSOCKETS_ONLY = "korch serves exec over WebSockets only (subprotocols "
            + String.join(", ", ChannelProtocol.PROTOCOLS) + "), not SPDY: use kubectl 1.30 or later"
            + " without KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false";

    private final Vertx vertx;
    private final ContainerRuntime runtime;
    private final ContainerFinder finder;

    ExecHandler(Vertx vertx, ContainerRuntime runtime, ContainerFinder finder) {
        this.vertx = vertx;
        this.runtime = runtime;
        this.finder = finder;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        ExecRequest exec;
        try {
            exec = parse(request);
        } catch (IllegalArgumentException e) {
            PlainText.respond(ctx.response(), 400, e.getMessage());
            return;
        }
        if (!request.canUpgradeToWebSocket()) {
            PlainText.respond(ctx.response(), 400, WEBSOCKETS_ONLY);
            return;
        }
        String container = ctx.pathParam("container");
        request.pause();
        vertx.executeBlocking(() -> finder.find(ctx.pathParam("namespace"), ctx.pathParam("pod"), container))
                .onComplete(found -> {
                    if (found.failed()) {
                        PlainText.respond(ctx.response(), 500, "cannot list containers: " + found.cause().getMessage());
                    } else if (found.result().filter(c -> c.state() == RuntimeContainer.State.RUNNING).isEmpty()) {
                        PlainText.respond(ctx.response(), 404, "container not found (\"" + container + "\")");
                    } else {
                        String id = found.result().get().id();
                        request.toWebSocket()
                                .onSuccess(socket -> new ExecBridge(vertx, runtime, id, exec, socket).start())
                                .onFailure(ctx::fail);
                    }
                });
    }

    /**
     * The command and streams of an exec query, as the kubelet reads them.
     *
     * @throws IllegalArgumentException with the kubelet's wording when the command or every stream is missing
     */
    static ExecRequest parse(HttpServerRequest request) {
        return parse(request.params().getAll("command"), flag(request, "stdin"), flag(request, "stdout"),
                flag(request, "stderr"), flag(request, "tty"));
    }

    static ExecRequest parse(List<String> command, boolean stdin, boolean stdout, boolean stderr, boolean tty) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("you must specify at least one command for the container");
        }
        if (!stdin && !stdout && !stderr) {
            throw new IllegalArgumentException("you must specify at least 1 of stdin, stdout, stderr");
        }
        return new ExecRequest(command, stdin, stdout, stderr && !tty, tty);
    }

    private static boolean flag(HttpServerRequest request, String name) {
        String value = request.getParam(name);
        return value != null && (value.isEmpty() || value.equals("true") || value.equals("1"));
    }
}

package io.korch.gateway.http;

import io.korch.api.Node;
import io.korch.api.Pod;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.resource.ServedObjects;
import io.korch.gateway.view.ClusterView;
import io.korch.model.ApiKind;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code pods/log}, {@code pods/exec} and {@code pods/portforward}: the gateway checks the request as the apiserver
 * does (the pod, its container, its node; {@link PodContainers}), finds the agent of the pod's node
 * ({@link AgentEndpoints}, loopback only) and proxies to it: the log as a chunked {@code text/plain} answer piped
 * from the agent's {@code /containerLogs}, exec as a WebSocket joined frame for frame to the agent's {@code /exec},
 * with the channel subprotocol the client and the agent agreed on. Port-forward over Kubernetes' WebSocket
 * protocol ({@code v4.channel.k8s.io}, ports in the query) is joined the same way to the agent's
 * {@code /portForward}; kubectl's SPDY tunnelled over a WebSocket ({@value SpdyPortForward#PROTOCOL}) is served
 * by the gateway itself ({@link SpdyPortForward}), one agent WebSocket per forwarded connection. An agent that does
 * not answer within {@link #CONNECT_TIMEOUT} is a 503; what an agent refuses is answered with its code and words.
 */
final class PodStreamHandlers {

    /** Kubernetes' WebSocket protocol of port-forward, the binary channel protocol with the ports in the query. */
    static final String PORT_FORWARD_V4 = "v4.channel.k8s.io";
    /**
     * The WebSocket subprotocols the gateway accepts: Kubernetes' channel protocols of exec (and, v4, of
     * port-forward), and kubectl's SPDY tunnel of port-forward.
     */
    static final List<String> SUBPROTOCOLS = List.of("v5.channel.k8s.io", PORT_FORWARD_V4, SpdyPortForward.PROTOCOL);
    /** How long the gateway tries to reach an agent. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** The refusal of an exec that asks for SPDY, which korch does not serve. */
    static final String SPDY_REFUSED = "korch serves exec over WebSockets only (subprotocol v5.channel.k8s.io),"
            + " not SPDY: use kubectl 1.30 or later and do not set KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false";
    /** The refusal of a port-forward that asks for SPDY without a WebSocket, which korch does not serve. */
    static final String PORT_FORWARD_SPDY_REFUSED = "korch serves port-forward over WebSockets only (subprotocols "
            + SpdyPortForward.PROTOCOL + ", v4.channel.k8s.io), not SPDY: use kubectl 1.31 or later and do not set"
            + " KUBECTL_PORT_FORWARD_WEBSOCKETS=false";
    private static final List<String> LOG_PARAMS = List.of("follow", "previous", "tailLines", "sinceSeconds",
            "sinceTime", "timestamps", "limitBytes");
    private static final List<String> EXEC_PARAMS = List.of("command", "stdin", "stdout", "stderr", "tty");

    private final Vertx vertx;
    private final ClusterView view;
    private final HttpClient http;
    private final WebSocketClient webSockets;

    PodStreamHandlers(Vertx vertx, ClusterView view) {
        this.vertx = vertx;
        this.view = view;
        int connectMillis = (int) CONNECT_TIMEOUT.toMillis();
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(connectMillis));
        this.webSockets = vertx.createWebSocketClient(new WebSocketClientOptions().setConnectTimeout(connectMillis)
                .setMaxFrameSize(64 * 1024 + 1024).setMaxMessageSize(1024 * 1024));
    }

    /** Routes {@code pods/log}, {@code pods/exec} and {@code pods/portforward} to new handlers reading {@code view}. */
    static void mount(Router router, Vertx vertx, ClusterView view) {
        PodStreamHandlers handlers = new PodStreamHandlers(vertx, view);
        String pods = CoreRoutes.PREFIX + "/namespaces/:namespace/pods/:name";
        router.get(pods + "/log").handler(handlers::log);
        router.route(pods + "/exec").method(HttpMethod.GET).method(HttpMethod.POST).handler(handlers::exec);
        router.route(pods + "/portforward").method(HttpMethod.GET).method(HttpMethod.POST)
                .handler(handlers::portForward);
    }

    /** {@code GET /api/v1/namespaces/{namespace}/pods/{name}/log}. */
    void log(RoutingContext ctx) {
        Pod pod = pod(ctx);
        String container = PodContainers.choose(pod, ctx.request().getParam("container"));
        String nodeName = pod.getSpec().getNodeName();
        if (nodeName == null || nodeName.isEmpty()) {
            // the apiserver answers an empty log for a pod no node runs yet
            ctx.response().putHeader("Content-Type", "text/plain").end();
            return;
        }
        PodContainers.requireLog(pod, container, bool(ctx.request().getParam("previous")));
        AgentEndpoints.Endpoint agent = AgentEndpoints.of(node(nodeName));
        boolean follow = bool(ctx.request().getParam("follow"));
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(agent.host())
                .setPort(agent.port())
                .setURI(agentPath("/containerLogs/", pod, container, ctx.request().params(), LOG_PARAMS))
                .setConnectTimeout(CONNECT_TIMEOUT.toMillis())
                .setIdleTimeout(follow ? 0 : Duration.ofSeconds(60).toMillis());
        ctx.request().pause();
        http.request(request)
                .compose(agentRequest -> agentRequest.send())
                .onSuccess(answer -> relayLog(ctx, answer))
                .onFailure(failure -> ctx.fail(unreachable(nodeName, agent, failure)));
    }

    /** {@code GET|POST /api/v1/namespaces/{namespace}/pods/{name}/exec}. */
    void exec(RoutingContext ctx) {
        Pod pod = pod(ctx);
        String container = PodContainers.choose(pod, ctx.request().getParam("container"));
        String nodeName = PodContainers.node(pod);
        if (!PodContainers.running(pod, container)) {
            // the kubelet's words; kubectl shows them as "unable to upgrade connection: ..."
            ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain")
                    .end("container not found (\"" + container + "\")");
            return;
        }
        if (!ctx.request().canUpgradeToWebSocket()) {
            throw ApiError.badRequest(SPDY_REFUSED);
        }
        AgentEndpoints.Endpoint agent = AgentEndpoints.of(node(nodeName));
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(agent.host())
                .setPort(agent.port())
                .setURI(agentPath("/exec/", pod, container, ctx.request().params(), EXEC_PARAMS))
                .setConnectTimeout(CONNECT_TIMEOUT.toMillis())
                .setSubProtocols(offered(ctx));
        relay(ctx, nodeName, agent, options);
    }

    /** {@code GET|POST /api/v1/namespaces/{namespace}/pods/{name}/portforward}. */
    void portForward(RoutingContext ctx) {
        Pod pod = pod(ctx);
        String nodeName = PodContainers.node(pod);
        PodContainers.requireRunning(pod);
        if (!ctx.request().canUpgradeToWebSocket()) {
            throw ApiError.badRequest(PORT_FORWARD_SPDY_REFUSED);
        }
        AgentEndpoints.Endpoint agent = AgentEndpoints.of(node(nodeName));
        String path = "/portForward/" + encode(pod.getMetadata().getNamespace()) + "/"
                + encode(pod.getMetadata().getName());
        List<String> offered = offered(ctx);
        if (offered.contains(SpdyPortForward.PROTOCOL)) {
            tunnel(ctx, nodeName, agent, path);
            return;
        }
        if (!offered.isEmpty() && !offered.contains(PORT_FORWARD_V4)) {
            throw ApiError.badRequest("korch serves port-forward over the WebSocket subprotocols "
                    + SpdyPortForward.PROTOCOL + " and " + PORT_FORWARD_V4 + ", not " + String.join(", ", offered));
        }
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(agent.host())
                .setPort(agent.port())
                .setURI(agentPath(path, ctx.request().params(), List.of("ports")))
                .setConnectTimeout(CONNECT_TIMEOUT.toMillis())
                .setSubProtocols(offered);
        relay(ctx, nodeName, agent, options);
    }

    /**
     * Serves kubectl's SPDY tunnel once the agent answered for the pod: a request to its port-forward path that does
     * not upgrade is refused with 404 when the pod does not run there, with 400 (a WebSocket is needed) when it does.
     */
    private void tunnel(RoutingContext ctx, String nodeName, AgentEndpoints.Endpoint agent, String path) {
        RequestOptions check = new RequestOptions().setMethod(HttpMethod.GET).setHost(agent.host())
                .setPort(agent.port()).setURI(path).setConnectTimeout(CONNECT_TIMEOUT.toMillis())
                .setIdleTimeout(CONNECT_TIMEOUT.toMillis());
        WebSocketConnectOptions perConnection = new WebSocketConnectOptions().setHost(agent.host())
                .setPort(agent.port()).setURI(path).setConnectTimeout(CONNECT_TIMEOUT.toMillis())
                .setSubProtocols(List.of(PORT_FORWARD_V4));
        ctx.request().pause();
        http.request(check)
                .compose(request -> request.send())
                .compose(answer -> answer.body().map(body -> Map.entry(answer.statusCode(), body.toString().trim())))
                .onSuccess(answer -> {
                    if (answer.getKey() == 404 || answer.getKey() >= 500) {
                        ctx.response().setStatusCode(answer.getKey()).putHeader("Content-Type", "text/plain")
                                .end(answer.getValue());
                        return;
                    }
                    ctx.request().toWebSocket()
                            .onSuccess(client -> new SpdyPortForward(vertx, client,
                                    (port, peer) -> PortForwardConnection.open(webSockets, perConnection, port, peer,
                                            failure -> unreachable(nodeName, agent, failure).getMessage())).start())
                            .onFailure(ctx::fail);
                })
                .onFailure(failure -> ctx.fail(unreachable(nodeName, agent, failure)));
    }

    /** Joins the client's WebSocket to the agent's at {@code options}, once the agent accepted it. */
    private void relay(RoutingContext ctx, String nodeName, AgentEndpoints.Endpoint agent,
                       WebSocketConnectOptions options) {
        ctx.request().pause();
        webSockets.connect(options)
                .onSuccess(agentSocket -> {
                    // hold the agent's first frames until the client's side is there to take them
                    agentSocket.pause();
                    ctx.request().toWebSocket()
                        .onSuccess(client -> join(client, agentSocket))
                        .onFailure(failure -> {
                            agentSocket.close();
                            ctx.fail(failure);
                        });
                })
                .onFailure(failure -> {
                    if (failure instanceof UpgradeRejectedException rejected) {
                        ctx.response().setStatusCode(rejected.getStatus()).putHeader("Content-Type", "text/plain")
                                .end(rejected.getBody() == null ? "" : rejected.getBody().toString());
                    } else {
                        ctx.fail(unreachable(nodeName, agent, failure));
                    }
                });
    }

    private void relayLog(RoutingContext ctx, HttpClientResponse answer) {
        if (answer.statusCode() != 200) {
            answer.body().onComplete(body -> ctx.fail(new ApiError(answer.statusCode() == 404 ? 404 : 400,
                    answer.statusCode() == 404 ? "NotFound" : "BadRequest",
                    body.succeeded() ? body.result().toString().trim() : answer.statusMessage(), null)));
            return;
        }
        ctx.response().setChunked(true).putHeader("Content-Type", "text/plain");
        ctx.response().closeHandler(v -> answer.request().reset());
        answer.pipeTo(ctx.response());
    }

    /** Relays every message both ways and closes each side when the other closes. */
    private static void join(ServerWebSocket client, WebSocket agent) {
        agent.binaryMessageHandler(client::writeBinaryMessage);
        client.binaryMessageHandler(agent::writeBinaryMessage);
        agent.closeHandler(v -> {
            if (!client.isClosed()) {
                client.close(agent.closeStatusCode() == null ? 1000 : agent.closeStatusCode());
            }
        });
        client.closeHandler(v -> {
            if (!agent.isClosed()) {
                agent.close();
            }
        });
        agent.exceptionHandler(e -> client.close());
        client.exceptionHandler(e -> agent.close());
        agent.resume();
    }

    private Pod pod(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        return ServedObjects.served(view, ApiKind.POD, ctx.pathParam("namespace") + "/" + name)
                .map(Pod.class::cast)
                .orElseThrow(() -> ApiError.notFound(ApiKind.POD, name));
    }

    private Node node(String name) {
        return ServedObjects.served(view, ApiKind.NODE, name)
                .map(Node.class::cast)
                .orElseThrow(() -> ApiError.unavailable("node \"" + name + "\" of the pod is not registered: its agent"
                        + " is gone"));
    }

    /** The agent's path of the pod's container, with the request's parameters the agent reads. */
    static String agentPath(String endpoint, Pod pod, String container, MultiMap params, List<String> forwarded) {
        return agentPath(endpoint + encode(pod.getMetadata().getNamespace()) + "/"
                + encode(pod.getMetadata().getName()) + "/" + encode(container), params, forwarded);
    }

    /** {@code path} with the request's parameters the agent reads. */
    static String agentPath(String path, MultiMap params, List<String> forwarded) {
        String query = forwarded.stream()
                .flatMap(name -> params.getAll(name).stream().map(value -> Map.entry(name, value)))
                .map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? path : path + "?" + query;
    }

    private static ApiError unreachable(String nodeName, AgentEndpoints.Endpoint agent, Throwable failure) {
        return ApiError.unavailable("error dialing backend: the agent of node \"" + nodeName + "\" does not answer at "
                + agent + ": " + failure.getMessage());
    }

    /** The subprotocols the client offers, in its order. */
    private static List<String> offered(RoutingContext ctx) {
        String offered = ctx.request().getHeader("Sec-WebSocket-Protocol");
        return offered == null ? List.of()
                : Arrays.stream(offered.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    private static boolean bool(String value) {
        return value != null && (value.isEmpty() || value.equals("true") || value.equals("1"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

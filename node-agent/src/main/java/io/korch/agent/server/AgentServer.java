package io.korch.agent.server;

import io.korch.agent.runtime.ContainerRuntime;
import io.korch.prometheus.MetricsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The agent's HTTP server, modelled on the kubelet's: {@code GET /containerLogs/{namespace}/{pod}/{container}}
 * streams a container's log ({@link ContainerLogsHandler}), {@code /exec/{namespace}/{pod}/{container}} runs a
 * command in it over a WebSocket ({@link ExecHandler}) and {@code /portForward/{namespace}/{pod}} forwards
 * connections to the pod's ports over a WebSocket ({@link PortForwardHandler}). It listens on loopback only; the
 * gateway finds it through the port the agent registers in its Node record
 * ({@code status.daemonEndpoints.kubeletEndpoint.Port}) and proxies {@code pods/log}, {@code pods/exec} and
 * {@code pods/portforward} to it. {@code GET /metrics} serves the agent's meters in the Prometheus text format. Runtime calls run on Vert.x worker threads, never on its event loop.
 */
public final class AgentServer implements AutoCloseable {

    /** The only address the server listens on. */
    public static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    /** How long port-forward waits for a pod to accept a connection. */
    private static final int DIAL_TIMEOUT_MILLIS = 10_000;

    private final Vertx vertx;
    private final HttpServer server;

    private AgentServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /**
     * Starts serving the containers of node {@code nodeName} on {@code 127.0.0.1:port} (0 for a free port).
     *
     * @throws IllegalStateException when it cannot listen
     */
    public static AgentServer start(ContainerRuntime runtime, String nodeName, int port) {
        return start(runtime, nodeName, port, null);
    }

    /** {@link #start(ContainerRuntime, String, int)}, also serving {@code meters} at {@code GET /metrics} (null: not). */
    public static AgentServer start(ContainerRuntime runtime, String nodeName, int port, PrometheusMeterRegistry meters) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(8));
        try {
            ContainerFinder finder = new ContainerFinder(runtime, nodeName);
            Router router = Router.router(vertx);
            if (meters != null) {
                router.get(MetricsServer.PATH).handler(ctx -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, MetricsServer.CONTENT_TYPE).end(meters.scrape()));
            }
            ContainerLogsHandler logs = new ContainerLogsHandler(vertx, runtime, finder, Clock.systemUTC());
            ExecHandler exec = new ExecHandler(vertx, runtime, finder);
            router.get("/containerLogs/:namespace/:pod/:container").handler(logs);
            router.route("/exec/:namespace/:pod/:container").handler(exec);
            NetClient dialer = vertx.createNetClient(new NetClientOptions().setConnectTimeout(DIAL_TIMEOUT_MILLIS));
            router.route("/portForward/:namespace/:pod")
                    .handler(new PortForwardHandler(vertx, runtime, finder, dialer));
            HttpServerOptions options = new HttpServerOptions().setWebSocketSubProtocols(ChannelProtocol.PROTOCOLS);
            HttpServer server = vertx.createHttpServer(options).requestHandler(router)
                    .listen(port, HOST).toCompletionStage().toCompletableFuture()
                    .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new AgentServer(vertx, server);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("node " + nodeName + ": cannot serve logs and exec on " + HOST + ":" + port
                    + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            vertx.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the agent server", e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.actualPort();
    }

    /** Stops listening and ends every open log stream and exec session. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot stop the agent server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.korch.gateway.http;

import io.korch.gateway.allocation.Claims;
import io.korch.gateway.allocation.ServiceAllocator;
import io.korch.gateway.allocation.ServiceRanges;
import io.korch.gateway.discovery.DiscoveryRoutes;
import io.korch.gateway.history.ChangeLogReader;
import io.korch.gateway.kafka.ChangeRequests;
import io.korch.gateway.metrics.ApiRequestMeters;
import io.korch.gateway.kafka.DesiredStateWriter;
import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.ForegroundDeletions;
import io.korch.gateway.resource.NamespaceDeletions;
import io.korch.gateway.resource.ObjectStore;
import io.korch.gateway.view.ClusterView;
import io.korch.gateway.view.UsageView;
import io.korch.gateway.watch.WatchHub;
import io.korch.prometheus.ServiceMeters;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Supplier;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The HTTP face of the gateway: assembles the routes of each API group on one router, with the
 * body size limit, the failure handler that answers every error as a {@code Status} and, in front
 * of every route but {@code /healthz}, {@code /readyz}, {@code /version} and {@code /metrics}, the readiness gate that
 * answers 503 while the view does not follow Kafka; and listens. Deploy exactly one instance: its
 * {@link ObjectStore} is confined to its event loop.
 */
public final class ApiVerticle extends VerticleBase {

    /** The largest request body accepted: 1 MiB. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private final String host;
    private final int port;
    private final ClusterView view;
    private final ChangeRequests requests;
    private final DesiredStateWriter writer;
    private final Admission admission;
    private final Readiness readiness;
    private final WatchHub watchHub;
    private final Supplier<ChangeLogReader> changeLogReaders;
    private final ServiceAllocator services;
    private final UsageView usage;
    private final PrometheusMeterRegistry meters;
    private HttpServer server;

    public ApiVerticle(String host, int port, ClusterView view, ChangeRequests requests, DesiredStateWriter writer,
                       Admission admission, Readiness readiness, WatchHub watchHub,
                       Supplier<ChangeLogReader> changeLogReaders) {
        this(host, port, view, requests, writer, admission, readiness, watchHub, changeLogReaders,
                new ServiceAllocator(ServiceRanges.defaults(), new Claims(), requests, view, Clock.systemUTC(),
                        new SecureRandom()), new UsageView(), ServiceMeters.registry());
    }

    /**
     * Serves the API, allocating Services' cluster IPs and node ports with {@code services}, the
     * resource metrics API from the samples in {@code usage}, and {@code meters} at
     * {@code GET /metrics}, where its requests are counted.
     */
    public ApiVerticle(String host, int port, ClusterView view, ChangeRequests requests, DesiredStateWriter writer,
                       Admission admission, Readiness readiness, WatchHub watchHub,
                       Supplier<ChangeLogReader> changeLogReaders, ServiceAllocator services, UsageView usage,
                       PrometheusMeterRegistry meters) {
        this.meters = meters;
        this.services = services;
        this.usage = usage;
        this.watchHub = watchHub;
        this.changeLogReaders = changeLogReaders;
        this.host = host;
        this.port = port;
        this.view = view;
        this.requests = requests;
        this.writer = writer;
        this.admission = admission;
        this.readiness = readiness;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        new ApiRequestMeters(meters).mount(router);
        FailureHandler failures = new FailureHandler();
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        // a WebSocket upgrade (pods/exec) carries no body, and reading one (Java's client sends Content-Length: 0)
        // would end the request before it can upgrade
        router.route().handler(ctx -> {
            if (ctx.request().canUpgradeToWebSocket()) {
                ctx.next();
            } else {
                bodies.handle(ctx);
            }
        });
        router.route().failureHandler(failures);
        router.errorHandler(404, failures);
        router.errorHandler(405, failures);

        HealthHandlers health = new HealthHandlers(readiness);
        router.get("/healthz").handler(health::healthz);
        router.get("/readyz").handler(health::readyz);
        DiscoveryRoutes.mountVersion(router);
        // routes match in the order they are added: everything below waits for the view
        router.route().handler(health::gate);
        DiscoveryRoutes.mount(router);
        WriteOptions.mount(router);
        WatchRoutes.mount(router, new WatchHandler(view, watchHub, changeLogReaders));
        HistoryRoutes.mount(router, new HistoryHandlers(view, changeLogReaders, Clock.systemUTC()));
        ObjectStore store = new ObjectStore(view, requests, writer, changeLogReaders, admission, services);
        ForegroundDeletions foreground = new ForegroundDeletions(store);
        vertx.setPeriodic(ForegroundDeletions.INTERVAL.toMillis(), id -> foreground.finishDue());
        NamespaceDeletions namespaces = new NamespaceDeletions(store, Clock.systemUTC());
        vertx.setPeriodic(NamespaceDeletions.INTERVAL.toMillis(), id -> namespaces.finishDue());
        CoreRoutes.mount(router, store, admission);
        AppsRoutes.mount(router, store, admission);
        EndpointDiscoveryRoutes.mount(router, store, admission);
        AutoscalingRoutes.mount(router, store, admission);
        PodStreamHandlers.mount(router, vertx, view);
        MetricsHandlers.mount(router, usage, store);

        HttpServerOptions options = new HttpServerOptions().setWebSocketSubProtocols(PodStreamHandlers.SUBPROTOCOLS);
        server = vertx.createHttpServer(options).requestHandler(router);
        return server.listen(port, host);
    }

    /** The port the server listens on. */
    public int actualPort() {
        return server.actualPort();
    }
}

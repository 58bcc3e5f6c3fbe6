package io.korch.gateway.metrics;

import io.korch.prometheus.MetricsServer;
import io.korch.prometheus.ServiceMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's request meters, after kube-apiserver's: every request is counted when it ends in
 * {@code korch_apiserver_request_total{verb,resource,subresource,code}}, and timed, unless it is
 * long-running (a watch, an exec), in the histogram
 * {@code korch_apiserver_request_duration_seconds{verb,resource,subresource}}; the labels come from
 * {@link ApiRequest}. {@link #mount} puts the measuring in front of every route and serves the
 * registry at {@code GET /metrics}.
 */
public final class ApiRequestMeters {

    private final PrometheusMeterRegistry registry;

    public ApiRequestMeters(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Measures every request from here on and serves {@code GET /metrics}, answered without
     * authentication or readiness: call it before any other route is added.
     */
    public void mount(Router router) {
        router.route().handler(this::measure);
        router.get(MetricsServer.PATH).handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, MetricsServer.CONTENT_TYPE)
                .end(registry.scrape()));
    }

    private void measure(RoutingContext ctx) {
        long start = System.nanoTime();
        ApiRequest request = ApiRequest.of(ctx.request().method().name(), ctx.request().path(),
                isWatch(ctx.request().getParam("watch")));
        ctx.addEndHandler(ended -> record(request, ctx.response().getStatusCode(), System.nanoTime() - start));
        ctx.next();
    }

    private void record(ApiRequest request, int code, long nanos) {
        Counter.builder("korch.apiserver.request")
                .description("API requests, by Kubernetes verb, resource, subresource and HTTP status code")
                .tag("verb", request.verb())
                .tag("resource", request.resource())
                .tag("subresource", request.subresource())
                .tag("code", Integer.toString(code))
                .register(registry)
                .increment();
        if (!request.longRunning()) {
            Timer.builder("korch.apiserver.request.duration")
                    .description("How long API requests take to answer, by Kubernetes verb, resource and subresource;"
                            + " watches and connections are left out")
                    .tag("verb", request.verb())
                    .tag("resource", request.resource())
                    .tag("subresource", request.subresource())
                    .serviceLevelObjectives(ServiceMeters.LATENCY_BUCKETS)
                    .register(registry)
                    .record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private static boolean isWatch(String watch) {
        return "true".equalsIgnoreCase(watch) || "1".equals(watch);
    }
}

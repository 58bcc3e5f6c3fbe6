package io.korch.gateway.http;

import io.korch.gateway.resource.ApiError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** Liveness, readiness, and the readiness gate in front of every other route. */
final class HealthHandlers {

    /** Seconds a client should wait before retrying a 503 of the gate. */
    private static final String RETRY_AFTER_SECONDS = "1";

    private final Readiness readiness;

    HealthHandlers(Readiness readiness) {
        this.readiness = readiness;
    }

    /** The process answers. */
    void healthz(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end("ok");
    }

    /** The view follows Kafka and has caught up, so reads are current; else a 503 saying why. */
    void readyz(RoutingContext ctx) {
        requireReady(ctx);
        healthz(ctx);
    }

    /**
     * Lets the request through only while the view follows Kafka: a stale view would serve stale
     * objects and check creates and deletes against what no longer holds. Else a 503 saying why.
     */
    void gate(RoutingContext ctx) {
        requireReady(ctx);
        ctx.next();
    }

    private void requireReady(RoutingContext ctx) {
        Optional<String> reason = readiness.notReady();
        if (reason.isPresent()) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            throw ApiError.unavailable(reason.get());
        }
    }
}

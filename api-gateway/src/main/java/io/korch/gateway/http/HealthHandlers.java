package io.korch.gateway.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.resource.ApiError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Liveness, readiness, the readiness gate in front of every other route, and API discovery
 * ({@code /api}, {@code /apis}).
 */
final class HealthHandlers {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
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

    /** The core API versions. */
    void api(RoutingContext ctx) {
        ObjectNode versions = NODES.objectNode();
        versions.put("kind", "APIVersions");
        versions.putArray("versions").add("v1");
        Negotiation.respond(ctx, 200, versions);
    }

    /** The API groups beyond the core. */
    void apis(RoutingContext ctx) {
        ObjectNode groups = NODES.objectNode();
        groups.put("kind", "APIGroupList");
        groups.put("apiVersion", "v1");
        ObjectNode apps = groups.putArray("groups").addObject();
        apps.put("name", "apps");
        ObjectNode version = NODES.objectNode().put("groupVersion", "apps/v1").put("version", "v1");
        apps.putArray("versions").add(version);
        apps.set("preferredVersion", version);
        Negotiation.respond(ctx, 200, groups);
    }
}

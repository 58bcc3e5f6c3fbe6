package io.korch.gateway.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.resource.ApiError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/** Liveness, readiness and API discovery ({@code /api}, {@code /apis}). */
final class HealthHandlers {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final BooleanSupplier viewHealthy;

    HealthHandlers(BooleanSupplier viewHealthy) {
        this.viewHealthy = viewHealthy;
    }

    /** The process answers. */
    void healthz(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end("ok");
    }

    /** The view still follows Kafka, so reads are current. */
    void readyz(RoutingContext ctx) {
        if (!viewHealthy.getAsBoolean()) {
            throw ApiError.unavailable("the gateway's view of the cluster stopped following Kafka");
        }
        healthz(ctx);
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

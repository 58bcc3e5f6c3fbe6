package io.korch.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.patch.PatchType;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.validation.Causes;
import io.korch.model.ApiKind;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * A PATCH request as the handlers take it: the {@link PatchType} its {@code Content-Type} names,
 * the patch document, and the {@code PatchOptions} of its query checked as Kubernetes checks them —
 * {@code dryRun} (only {@code All}), {@code fieldManager} (at most 128 printable characters),
 * {@code fieldValidation} ({@code Ignore}, {@code Warn} or {@code Strict}; korch reads patched
 * objects strictly whatever it says) and {@code force} (apply patches only).
 *
 * @param type   the patch type
 * @param body   the request body as sent
 * @param patch  the patch document as JSON; null for an apply patch, which is YAML
 * @param dryRun whether the request asks for the patched object without it being written
 */
record PatchRequest(PatchType type, String body, JsonNode patch, boolean dryRun) {


    /**
     * Reads the PATCH request of {@code ctx}.
     *
     * @throws ApiError 415 for a content type that is no patch type, 422 for options Kubernetes
     *                  refuses, 400 for a JSON patch document that is not well-formed JSON
     */
    static PatchRequest read(RoutingContext ctx) {
        PatchType type = PatchType.of(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
        String body = ctx.body().available() ? ctx.body().asString() : null;
        return new PatchRequest(type, body, type.isApply() ? null : type.parse(body), DryRun.requested(ctx, "PatchOptions"));
    }

    /**
     * {@code served}, an object as the API serves it, with the patch applied.
     *
     * @throws ApiError 400 or 422 when the patch does not apply, 422 naming {@code patch} when the
     *                  result is not an object
     */
    ObjectNode applyTo(ObjectNode served, ApiKind kind, String name) {
        JsonNode patched = type.apply(served, patch);
        if (!patched.isObject()) {
            throw ApiError.invalid(kind, name, new Causes()
                    .invalid("patch", patched.toString(), "the patched object must be a JSON object").list());
        }
        return (ObjectNode) patched;
    }

    /** The answer to a server-side apply patch on a resource that does not take one (nodes, scale). */
    static ApiError applyNotSupported() {
        return new ApiError(415, "UnsupportedMediaType", "server-side apply is not supported on this resource: send "
                + PatchType.STRATEGIC_MERGE_PATCH.mediaType() + ", " + PatchType.MERGE_PATCH.mediaType() + " or "
                + PatchType.JSON_PATCH.mediaType(), null);
    }
}

package io.korch.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.patch.PatchType;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.validation.Cause;
import io.korch.gateway.validation.Causes;
import io.korch.model.ApiKind;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

    private static final String DRY_RUN_ALL = "All";
    private static final int FIELD_MANAGER_MAX_LENGTH = 128;
    private static final Set<String> FIELD_VALIDATIONS = Set.of("Ignore", "Warn", "Strict");

    /**
     * Reads the PATCH request of {@code ctx}.
     *
     * @throws ApiError 415 for a content type that is no patch type, 422 for options Kubernetes
     *                  refuses, 400 for a JSON patch document that is not well-formed JSON
     */
    static PatchRequest read(RoutingContext ctx) {
        PatchType type = PatchType.of(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
        List<String> dryRun = ctx.queryParam("dryRun");
        checkOptions(type, dryRun, ctx.request().getParam("fieldManager"), ctx.request().getParam("fieldValidation"),
                ctx.request().getParam("force"));
        String body = ctx.body().available() ? ctx.body().asString() : null;
        return new PatchRequest(type, body, type.isApply() ? null : type.parse(body), !dryRun.isEmpty());
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

    private static void checkOptions(PatchType type, List<String> dryRun, String fieldManager, String fieldValidation,
                                     String force) {
        Causes causes = new Causes();
        if (force != null && !type.isApply()) {
            causes.forbidden("force", "may not be specified for non-apply patch");
        }
        if (fieldManager != null) {
            if (fieldManager.length() > FIELD_MANAGER_MAX_LENGTH) {
                causes.tooLong("fieldManager", FIELD_MANAGER_MAX_LENGTH);
            }
            if (!fieldManager.codePoints().allMatch(c -> !Character.isISOControl(c) && Character.isDefined(c))) {
                causes.invalid("fieldManager", fieldManager, "must hold printable characters only");
            }
        }
        if (dryRun.stream().anyMatch(value -> !DRY_RUN_ALL.equals(value))) {
            causes.notSupported("dryRun", String.join(",", dryRun), List.of(DRY_RUN_ALL));
        }
        if (fieldValidation != null && !fieldValidation.isEmpty() && !FIELD_VALIDATIONS.contains(fieldValidation)) {
            causes.notSupported("fieldValidation", fieldValidation, FIELD_VALIDATIONS.stream().sorted().toList());
        }
        if (!causes.isEmpty()) {
            List<Cause> list = causes.list();
            String listed = list.size() == 1 ? list.get(0).describe()
                    : list.stream().map(Cause::describe).collect(Collectors.joining(", ", "[", "]"));
            throw new ApiError(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: " + listed,
                    new ApiError.Details(null, "PatchOptions", list));
        }
    }
}

package io.korch.gateway.http;

import io.korch.gateway.apply.FieldManagers;
import io.korch.gateway.patch.PatchType;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.validation.Causes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * Checks the query parameters Kubernetes clients send with every create, update and patch
 * ({@code CreateOptions}, {@code UpdateOptions}, {@code PatchOptions}) before the request goes on
 * to its route: {@code fieldValidation} must be {@code Ignore}, {@code Warn} or {@code Strict};
 * korch reads every body strictly, refusing unknown and duplicate fields, whichever is asked for.
 * {@code fieldManager} must be at most 128 printable characters ({@link FieldManagers});
 * {@code force} is for apply patches only. A bad value is a 422 naming the parameter, as
 * Kubernetes answers.
 */
final class WriteOptions {

    static final String FIELD_VALIDATION = "fieldValidation";
    static final List<String> FIELD_VALIDATIONS = List.of("Ignore", "Strict", "Warn");

    private static final Map<HttpMethod, String> OPTIONS_KINDS = Map.of(
            HttpMethod.POST, "CreateOptions", HttpMethod.PUT, "UpdateOptions", HttpMethod.PATCH, "PatchOptions");

    private WriteOptions() {
    }

    /**
     * Routes every request through {@link #check}; a route restricted to the write methods would
     * match every path, and turn a GET of an unknown path into a 405.
     */
    static void mount(Router router) {
        router.route().handler(WriteOptions::check);
    }

    /** Lets the request go on when it is no write or its write options are valid; else fails it with a 422. */
    static void check(RoutingContext ctx) {
        String kind = OPTIONS_KINDS.get(ctx.request().method());
        if (kind == null) {
            ctx.next();
            return;
        }
        Causes causes = new Causes();
        String validation = ctx.request().getParam(FIELD_VALIDATION);
        if (validation != null && !validation.isEmpty() && !FIELD_VALIDATIONS.contains(validation)) {
            causes.notSupported(FIELD_VALIDATION, validation, FIELD_VALIDATIONS);
        }
        String manager = ctx.request().getParam(FieldManagers.PARAMETER);
        if (manager != null) {
            if (manager.length() > FieldManagers.MAX_LENGTH) {
                causes.tooLong(FieldManagers.PARAMETER, FieldManagers.MAX_LENGTH);
            } else if (!manager.codePoints().allMatch(FieldManagers::isPrintable)) {
                causes.invalid(FieldManagers.PARAMETER, manager, "must only contain printable characters");
            }
        }
        if (ctx.request().getParam("force") != null && ctx.request().method() == HttpMethod.PATCH
                && !PatchType.isApply(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            causes.forbidden("force", "may not be specified for non-apply patch");
        }
        if (!causes.isEmpty()) {
            throw ApiError.invalidOptions(kind, causes.list());
        }
        ctx.next();
    }
}

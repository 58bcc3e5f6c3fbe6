package io.korch.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.resource.PropagationPolicy;
import io.korch.gateway.validation.Causes;
import io.korch.model.ApiKind;
import io.vertx.ext.web.RoutingContext;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads the options of a DELETE request as Kubernetes takes them: the query parameter
 * {@code propagationPolicy}, else the {@code DeleteOptions} body
 * ({@code {"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Orphan"}}), else
 * Background. A field of {@code DeleteOptions} korch does not honour, or a policy it does not
 * support, is refused with a 422 naming the field.
 */
final class DeleteOptions {

    private static final String KIND = "DeleteOptions";
    private static final Set<String> API_VERSIONS = Set.of("v1", "meta.k8s.io/v1");

    private DeleteOptions() {
    }

    /** The propagation policy of the DELETE of the {@code kind} object {@code name}. */
    static PropagationPolicy propagationPolicy(RoutingContext ctx, ApiKind kind, String name) {
        String query = ctx.request().getParam(PropagationPolicy.FIELD);
        JsonNode body = body(ctx);
        Causes causes = new Causes();
        String value = query;
        if (body != null) {
            checkBody(body, causes);
            JsonNode field = body.get(PropagationPolicy.FIELD);
            if (value == null && field != null && !field.isNull()) {
                value = field.isTextual() ? field.textValue() : field.toString();
            }
        }
        PropagationPolicy policy = value == null ? PropagationPolicy.BACKGROUND : PropagationPolicy.of(value);
        if (policy == null) {
            causes.notSupported(PropagationPolicy.FIELD, value, PropagationPolicy.SUPPORTED);
        }
        if (!causes.isEmpty()) {
            throw ApiError.invalid(kind, name, causes.list());
        }
        return policy;
    }

    private static JsonNode body(RoutingContext ctx) {
        String text = ctx.body().available() ? ctx.body().asString() : null;
        return text == null || text.isBlank() ? null : Negotiation.body(ctx);
    }

    private static void checkBody(JsonNode body, Causes causes) {
        if (!body.isObject()) {
            throw ApiError.badRequest("the body of a DELETE must be a DeleteOptions object");
        }
        JsonNode kind = body.get("kind");
        if (kind != null && !KIND.equals(kind.asText())) {
            causes.invalid("kind", kind.asText(), "must be " + KIND);
        }
        JsonNode apiVersion = body.get("apiVersion");
        if (apiVersion != null && !API_VERSIONS.contains(apiVersion.asText())) {
            causes.invalid("apiVersion", apiVersion.asText(), "must be v1 for " + KIND);
        }
        for (Iterator<String> fields = body.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!field.equals("kind") && !field.equals("apiVersion") && !field.equals(PropagationPolicy.FIELD)) {
                causes.forbidden(field, "not supported by korch");
            }
        }
    }
}

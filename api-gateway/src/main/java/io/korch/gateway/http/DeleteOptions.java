package io.korch.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.resource.Deletion;
import io.korch.gateway.resource.PropagationPolicy;
import io.korch.gateway.validation.Causes;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the options of a DELETE — of one object or of a collection — as Kubernetes takes them,
 * from the query parameters {@code propagationPolicy}, {@code orphanDependents},
 * {@code gracePeriodSeconds} and {@code dryRun}, and from the {@code DeleteOptions} body
 * ({@code {"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Foreground",
 * "preconditions":{"uid":"...","resourceVersion":"..."},"dryRun":["All"]}}); a query parameter wins
 * over the same field of the body. Without either, the deletion is Background.
 *
 * <p>The deprecated {@code orphanDependents} maps to Orphan (true) or Background (false), and may
 * not be given with {@code propagationPolicy}. Everything is checked as the apiserver checks it,
 * with its 422 on {@code DeleteOptions.meta.k8s.io}: an unknown policy, a dryRun other than
 * {@code All}, and a field of {@code DeleteOptions} korch does not honour, named.
 */
final class DeleteOptions {

    private static final String KIND = "DeleteOptions";
    private static final String ORPHAN_DEPENDENTS = "orphanDependents";
    private static final String GRACE_PERIOD = "gracePeriodSeconds";
    private static final String PRECONDITIONS = "preconditions";
    private static final Set<String> API_VERSIONS = Set.of("v1", "meta.k8s.io/v1");
    private static final Set<String> FIELDS = Set.of("kind", "apiVersion", PropagationPolicy.FIELD, ORPHAN_DEPENDENTS,
            GRACE_PERIOD, PRECONDITIONS, DryRun.FIELD);

    private DeleteOptions() {
    }

    /** The deletion the request asks for. */
    static Deletion read(RoutingContext ctx) {
        return read(ctx.queryParams(), body(ctx));
    }

    /** The deletion asked for by the query parameters {@code query} and the body {@code body} (null: none). */
    static Deletion read(MultiMap query, JsonNode body) {
        Causes causes = new Causes();
        if (body != null) {
            checkBody(body, causes);
        }
        String policyText = query.get(PropagationPolicy.FIELD);
        if (policyText == null) {
            policyText = text(body, PropagationPolicy.FIELD);
        }
        String orphanText = query.get(ORPHAN_DEPENDENTS);
        if (orphanText == null) {
            orphanText = text(body, ORPHAN_DEPENDENTS);
        }
        PropagationPolicy policy = policy(policyText, orphanText, causes);
        boolean dryRun = dryRun(query, body, causes);
        Long gracePeriod = gracePeriodSeconds(query, body);
        JsonNode preconditions = body == null ? null : body.get(PRECONDITIONS);
        if (!causes.isEmpty()) {
            throw ApiError.invalidOptions(KIND, causes.list());
        }
        return new Deletion(policy, text(preconditions, "uid"), text(preconditions, "resourceVersion"), dryRun,
                gracePeriod);
    }

    private static PropagationPolicy policy(String policyText, String orphanText, Causes causes) {
        if (policyText != null && orphanText != null) {
            causes.invalid(PropagationPolicy.FIELD, policyText, "orphanDependents and deletionPropagation cannot be both set");
            return null;
        }
        if (orphanText != null) {
            if (!orphanText.equals("true") && !orphanText.equals("false")) {
                throw ApiError.badRequest("orphanDependents \"" + orphanText + "\" is not true or false");
            }
            return orphanText.equals("true") ? PropagationPolicy.ORPHAN : PropagationPolicy.BACKGROUND;
        }
        if (policyText == null) {
            return PropagationPolicy.BACKGROUND;
        }
        PropagationPolicy policy = PropagationPolicy.of(policyText);
        if (policy == null) {
            causes.notSupported(PropagationPolicy.FIELD, policyText, PropagationPolicy.SUPPORTED);
        }
        return policy;
    }

    private static boolean dryRun(MultiMap query, JsonNode body, Causes causes) {
        List<String> values = new ArrayList<>(query.getAll(DryRun.FIELD));
        JsonNode field = body == null ? null : body.get(DryRun.FIELD);
        if (values.isEmpty() && field != null && !field.isNull()) {
            if (!field.isArray()) {
                causes.invalid(DryRun.FIELD, field.toString(), "must be a list of strings");
                return false;
            }
            field.forEach(value -> values.add(value.asText()));
        }
        return DryRun.requested(values, KIND);
    }

    private static Long gracePeriodSeconds(MultiMap query, JsonNode body) {
        String text = query.get(GRACE_PERIOD);
        if (text == null) {
            text = text(body, GRACE_PERIOD);
        }
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("gracePeriodSeconds \"" + text + "\" is not a number of seconds");
        }
    }

    /** The text of {@code field} of {@code node}; null when either is missing or null. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
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
        JsonNode preconditions = body.get(PRECONDITIONS);
        if (preconditions != null && !preconditions.isNull()) {
            if (!preconditions.isObject()) {
                causes.invalid(PRECONDITIONS, preconditions.toString(), "must be an object");
            } else {
                for (Iterator<String> fields = preconditions.fieldNames(); fields.hasNext(); ) {
                    String field = fields.next();
                    if (!field.equals("uid") && !field.equals("resourceVersion")) {
                        causes.forbidden(PRECONDITIONS + "." + field, "not a field of Preconditions");
                    }
                }
            }
        }
        for (Iterator<String> fields = body.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!FIELDS.contains(field)) {
                causes.forbidden(field, "not supported by korch");
            }
        }
    }
}

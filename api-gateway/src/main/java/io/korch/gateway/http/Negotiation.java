package io.korch.gateway.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.korch.gateway.resource.ApiError;
import io.korch.json.ApiJson;
import io.korch.json.Manifests;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/**
 * Content negotiation: reads request bodies sent as JSON or YAML, and writes answers as YAML when
 * the client's {@code Accept} header prefers it, else as JSON.
 */
public final class Negotiation {

    public static final String JSON = "application/json";
    public static final String YAML = "application/yaml";

    private static final List<String> YAML_TYPES = List.of(YAML, "application/x-yaml", "text/yaml", "text/x-yaml");
    private static final ObjectReader STRICT_JSON =
            ApiJson.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Negotiation() {
    }

    /**
     * The request body as one JSON object, parsed by its {@code Content-Type} (JSON, YAML, or
     * either when absent).
     *
     * @throws ApiError 400 when the body is missing or malformed, 415 for another content type
     */
    public static JsonNode body(RoutingContext ctx) {
        String text = ctx.body().available() ? ctx.body().asString() : null;
        if (text == null || text.isBlank()) {
            throw ApiError.badRequest("the request has no body; send the object as JSON or YAML");
        }
        String type = mediaType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
        if (type.equals(JSON)) {
            return parseJson(text);
        }
        if (type.isEmpty() || YAML_TYPES.contains(type)) {
            return parseYaml(text);
        }
        throw ApiError.unsupportedMediaType(type);
    }

    /** Answers {@code code} with {@code body}, as YAML or JSON by the request's {@code Accept} header. */
    public static Future<Void> respond(RoutingContext ctx, int code, JsonNode body) {
        boolean yaml = prefersYaml(ctx.request().getHeader(HttpHeaders.ACCEPT));
        String text;
        try {
            text = yaml ? Manifests.toYaml(body) : ApiJson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the answer", e);
        }
        return ctx.response()
                .setStatusCode(code)
                .putHeader(HttpHeaders.CONTENT_TYPE, yaml ? YAML : JSON)
                .end(text);
    }

    /**
     * Whether {@code accept} ranks a YAML type above JSON; with no header, an equal rank or a
     * wildcard, JSON wins.
     */
    public static boolean prefersYaml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double json = 0;
        double yaml = 0;
        for (String range : accept.split(",")) {
            String type = mediaType(range);
            double quality = quality(range);
            if (type.equals("*/*") || type.equals("application/*")) {
                json = Math.max(json, quality);
                yaml = Math.max(yaml, quality);
            } else if (type.equals(JSON)) {
                json = Math.max(json, quality);
            } else if (YAML_TYPES.contains(type)) {
                yaml = Math.max(yaml, quality);
            }
        }
        return yaml > json;
    }

    private static JsonNode parseJson(String text) {
        JsonNode json;
        try {
            json = STRICT_JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiError.badRequest("malformed JSON" + where + ": " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw ApiError.badRequest("the request body must be a JSON object");
        }
        return json;
    }

    private static JsonNode parseYaml(String text) {
        try {
            return Manifests.parseOne(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    /** The bare, lowercase media type of a header value or Accept range; empty for none. */
    private static String mediaType(String value) {
        if (value == null) {
            return "";
        }
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static double quality(String range) {
        for (String parameter : range.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("q")) {
                try {
                    return Double.parseDouble(pair[1].trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}

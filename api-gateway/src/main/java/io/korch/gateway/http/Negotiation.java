package io.korch.gateway.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.korch.gateway.printing.Conversion;
import io.korch.gateway.protobuf.KubernetesProtobuf;
import io.korch.gateway.protobuf.MalformedProtobufException;
import io.korch.gateway.resource.ApiError;
import io.korch.json.ApiJson;
import io.korch.json.Manifests;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Content negotiation: reads request bodies sent as JSON, YAML or Kubernetes protobuf, and writes answers as YAML when
 * the client's {@code Accept} header prefers it, else as JSON. An Accept range may also ask, as
 * kubectl's does, for the answer converted to a {@code meta.k8s.io} shape by its {@code as},
 * {@code g} and {@code v} parameters ({@link #accepted}): the first range, by quality, that names
 * a conversion korch serves, or a plain JSON, YAML or wildcard type, decides.
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
     * What an {@code Accept} header asks for.
     *
     * @param yaml       whether the answer is written as YAML rather than JSON
     * @param conversion what the objects are converted to, or null for the objects as they are
     */
    public record Accepted(boolean yaml, Conversion conversion) {
    }

    /**
     * One range of an {@code Accept} header: its bare, lowercase media type, its quality and its
     * other parameters, names lowercase.
     */
    record MediaRange(String type, double quality, Map<String, String> parameters) {

        boolean asksForConversion() {
            return parameters.containsKey("as") || parameters.containsKey("g") || parameters.containsKey("v");
        }

        boolean json() {
            return type.equals(JSON) || type.equals("application/*") || type.equals("*/*");
        }

        boolean yaml() {
            return YAML_TYPES.contains(type);
        }
    }

    /**
     * The request body as one JSON object, parsed by its {@code Content-Type}: JSON, YAML (or
     * either when absent), or Kubernetes protobuf, read into the JSON Kubernetes would show for it.
     *
     * @throws ApiError 400 when the body is missing or malformed, 415 for another content type
     */
    public static JsonNode body(RoutingContext ctx) {
        String type = mediaType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
        if (type.equals(KubernetesProtobuf.MEDIA_TYPE)) {
            return parseProtobuf(ctx.body().available() ? ctx.body().buffer().getBytes() : new byte[0]);
        }
        String text = ctx.body().available() ? ctx.body().asString() : null;
        if (text == null || text.isBlank()) {
            throw ApiError.badRequest("the request has no body; send the object as JSON or YAML");
        }
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
        return respond(ctx, code, body, prefersYaml(ctx.request().getHeader(HttpHeaders.ACCEPT)));
    }

    /** Answers {@code code} with {@code body}, as YAML or JSON. */
    public static Future<Void> respond(RoutingContext ctx, int code, JsonNode body, boolean yaml) {
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
     * wildcard, JSON wins. Ranges asking for a conversion do not count.
     */
    public static boolean prefersYaml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double json = 0;
        double yaml = 0;
        for (MediaRange range : ranges(accept)) {
            if (range.asksForConversion()) {
                continue;
            }
            if (range.json()) {
                json = Math.max(json, range.quality());
            }
            if (range.yaml() || range.type().equals("*/*") || range.type().equals("application/*")) {
                yaml = Math.max(yaml, range.quality());
            }
        }
        return yaml > json;
    }

    /**
     * What {@code accept} asks for. The ranges are taken by quality, the first listed first among
     * equals; a range with {@code as}, {@code g} or {@code v} parameters is taken when it names a
     * conversion korch serves ({@link Conversion#of}) on a JSON, YAML or wildcard type, and passed
     * over otherwise; a plain JSON, YAML or wildcard range means the objects as they are, in the
     * format {@link #prefersYaml} chooses. Without a header, or with only types korch does not
     * write, the answer is plain JSON.
     *
     * @throws ApiError 406 when every range korch could write asks for a conversion it does not serve
     */
    public static Accepted accepted(String accept) {
        if (accept == null || accept.isBlank()) {
            return new Accepted(false, null);
        }
        boolean refusedConversion = false;
        for (MediaRange range : ranges(accept)) {
            if (range.quality() <= 0 || !(range.json() || range.yaml())) {
                continue;
            }
            if (!range.asksForConversion()) {
                return new Accepted(prefersYaml(accept), null);
            }
            Map<String, String> parameters = range.parameters();
            var conversion = Conversion.of(parameters.get("as"), parameters.get("g"), parameters.get("v"));
            if (conversion.isPresent()) {
                return new Accepted(range.yaml(), conversion.get());
            }
            refusedConversion = true;
        }
        if (refusedConversion) {
            throw new ApiError(406, "NotAcceptable",
                    "only the following media types are accepted: " + JSON + ", " + YAML, null);
        }
        return new Accepted(prefersYaml(accept), null);
    }

    /** The ranges of {@code accept}, by quality, highest first; the order written among equals. */
    static List<MediaRange> ranges(String accept) {
        List<MediaRange> ranges = new ArrayList<>();
        for (String range : accept.split(",")) {
            String type = mediaType(range);
            if (type.isEmpty()) {
                continue;
            }
            Map<String, String> parameters = new HashMap<>();
            String[] parts = range.split(";");
            for (int i = 1; i < parts.length; i++) {
                String[] pair = parts[i].trim().split("=", 2);
                if (pair.length == 2 && !pair[0].isBlank()) {
                    parameters.put(pair[0].trim().toLowerCase(Locale.ROOT), pair[1].trim());
                }
            }
            parameters.remove("q");
            ranges.add(new MediaRange(type, quality(range), Map.copyOf(parameters)));
        }
        ranges.sort(Comparator.comparingDouble(MediaRange::quality).reversed());
        return ranges;
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

    private static JsonNode parseProtobuf(byte[] body) {
        if (body.length == 0) {
            throw ApiError.badRequest("the request has no body; send the object as JSON, YAML or protobuf");
        }
        try {
            return KubernetesProtobuf.toJson(body);
        } catch (MalformedProtobufException e) {
            throw ApiError.badRequest("malformed protobuf: " + e.getMessage());
        }
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

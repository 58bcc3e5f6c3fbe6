package io.korch.gateway.patch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.resource.ApiError;
import io.korch.json.ApiJson;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of patch a PATCH request can send, told apart by its {@code Content-Type} as the
 * Kubernetes API server tells them: JSON Patch, JSON Merge Patch, strategic merge patch, and
 * server-side apply ({@code application/apply-patch+yaml}, which merges by field ownership rather
 * than by {@link #apply} and is applied elsewhere). Parses a patch document of its type and applies
 * it to an object as JSON.
 */
public enum PatchType {

    JSON_PATCH("application/json-patch+json"),
    MERGE_PATCH("application/merge-patch+json"),
    STRATEGIC_MERGE_PATCH("application/strategic-merge-patch+json"),
    APPLY_PATCH("application/apply-patch+yaml");

    /** Strict JSON: one value, no trailing tokens, no field given twice. */
    private static final ObjectReader STRICT_JSON = ApiJson.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final String mediaType;

    PatchType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Whether this is server-side apply, which {@link #apply} does not do. */
    /** Whether {@code contentType}, a request's header (null: none), names a server-side apply patch. */
    public static boolean isApply(String contentType) {
        return contentType != null && contentType.split(";", 2)[0].trim().equalsIgnoreCase(APPLY_PATCH.mediaType());
    }

    public boolean isApply() {
        return this == APPLY_PATCH;
    }

    /**
     * The patch type of a request's {@code Content-Type} header (parameters such as
     * {@code charset} ignored).
     *
     * @throws ApiError 415 listing the accepted media types, for any other or no content type
     */
    public static PatchType of(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(patchType -> patchType.mediaType.equals(type))
                .findFirst()
                .orElseThrow(() -> new ApiError(415, "UnsupportedMediaType",
                        "the body of the request was in an unknown format - accepted media types include: "
                                + Arrays.stream(values()).map(PatchType::mediaType).collect(Collectors.joining(", ")),
                        null));
    }

    /**
     * Parses a patch document of this type, sent as JSON.
     *
     * @throws ApiError 400 when it is not one well-formed JSON value
     */
    public JsonNode parse(String body) {
        if (isApply()) {
            throw new IllegalStateException("an apply patch is YAML, read by server-side apply");
        }
        try {
            JsonNode patch = body == null ? null : STRICT_JSON.readTree(body);
            if (patch == null || patch.isMissingNode()) {
                throw PatchFailure.malformed("invalid JSON patch: the request has no body");
            }
            return patch;
        } catch (JsonProcessingException e) {
            throw PatchFailure.malformed("invalid JSON patch: " + e.getOriginalMessage());
        }
    }

    /**
     * {@code object} with {@code patch} (as {@link #parse} read it) applied; {@code object} is not
     * changed. The result of a JSON or merge patch need not be an object.
     *
     * @throws ApiError 400 when the patch is not of this type's form, 422 when it does not apply
     */
    public JsonNode apply(ObjectNode object, JsonNode patch) {
        return switch (this) {
            case JSON_PATCH -> JsonPatch.apply(object, patch);
            case MERGE_PATCH -> {
                if (!patch.isObject() && !patch.isArray()) {
                    // Kubernetes' merge patch library refuses these; an array replaces the object
                    throw PatchFailure.malformed("Invalid JSON Patch");
                }
                yield MergePatch.apply(object, patch);
            }
            case STRATEGIC_MERGE_PATCH -> {
                if (!patch.isObject()) {
                    throw PatchFailure.malformed("a strategic merge patch must be a JSON object, got " + patch);
                }
                yield StrategicMergePatch.apply(object, (ObjectNode) patch);
            }
            case APPLY_PATCH -> throw new IllegalStateException("server-side apply merges by field ownership");
        };
    }
}

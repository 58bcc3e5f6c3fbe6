package io.korch.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.resource.ApiError;
import io.korch.json.ApiJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next page of a list starts: the {@code metadata.continue} of a page that left items
 * out, which the client sends back as the {@code continue} query parameter.
 *
 * <p>The token is opaque to clients; it is the URL-safe base64 (unpadded) of the JSON
 * {@code {"v":"korch.io/v1","rv":REVISION,"after":"KEY"}}: {@code rv} is the revision every page
 * of the list is read at — the first page's resourceVersion — and {@code after} the record key
 * ({@code namespace/name}, or the name of a cluster-scoped object) of the last item handed out; the
 * next page holds the items whose key sorts after it. {@code rv} is {@value #LATEST} in the token
 * of a 410 answer, when the list's revision is older than the change log still holds: it continues
 * at the latest state instead, as Kubernetes' does.
 *
 * @param revision the revision of the list, or {@value #LATEST} for the latest state
 * @param after    the key of the last item already handed out
 */
record ContinueToken(long revision, String after) {

    /** The revision of a token that continues at the latest state. */
    static final long LATEST = -1;

    private static final String VERSION = "korch.io/v1";

    /** Whether the token continues at the latest state rather than at one revision. */
    boolean latest() {
        return revision == LATEST;
    }

    /** The token as the client gets it. */
    String encode() {
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        json.put("v", VERSION);
        json.put("rv", revision);
        json.put("after", after);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The token a client sent back.
     *
     * @throws ApiError a 400, as Kubernetes words it, when it is not one this API hands out
     */
    static ContinueToken decode(String token) {
        JsonNode json;
        try {
            json = ApiJson.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw invalid(e.getMessage());
        }
        if (json == null || !json.isObject() || !VERSION.equals(json.path("v").asText())) {
            throw invalid("server does not recognize this encoded version");
        }
        JsonNode revision = json.get("rv");
        if (revision == null || !revision.isIntegralNumber()
                || (revision.asLong() <= 0 && revision.asLong() != LATEST)) {
            throw invalid("incorrect encoded start resourceVersion (version " + VERSION + ")");
        }
        JsonNode after = json.get("after");
        if (after == null || !after.isTextual() || after.asText().isEmpty()) {
            throw invalid("encoded start key empty (version " + VERSION + ")");
        }
        return new ContinueToken(revision.asLong(), after.asText());
    }

    private static ApiError invalid(String why) {
        return ApiError.badRequest("invalid continue token: continue key is not valid: " + why);
    }
}

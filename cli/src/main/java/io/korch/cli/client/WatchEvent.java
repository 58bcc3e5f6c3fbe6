package io.korch.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.korch.json.ApiJson;

/**
 * One event of a watch, as the API streams it, one JSON line each:
 * {@code {"type":"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR","object":{...}}}. The object of an ERROR
 * is a Kubernetes {@code Status}; that of a BOOKMARK carries only a resourceVersion.
 *
 * @param type   the event type
 * @param object the object after the change (its last state for DELETED), or the Status of an ERROR
 */
public record WatchEvent(String type, JsonNode object) {

    public static final String ADDED = "ADDED";
    public static final String MODIFIED = "MODIFIED";
    public static final String DELETED = "DELETED";
    public static final String BOOKMARK = "BOOKMARK";
    public static final String ERROR = "ERROR";

    /**
     * Reads one line of a watch.
     *
     * @throws ApiException when the line is not a watch event
     */
    public static WatchEvent parse(String line) {
        JsonNode event;
        try {
            event = ApiJson.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw malformed(e.getOriginalMessage());
        }
        if (event == null || !event.path("type").isTextual() || !event.path("object").isObject()) {
            throw malformed("expected {\"type\": ..., \"object\": {...}}");
        }
        return new WatchEvent(event.get("type").asText(), event.get("object"));
    }

    /** Whether the event changes an object: ADDED, MODIFIED or DELETED. */
    public boolean isChange() {
        return type.equals(ADDED) || type.equals(MODIFIED) || type.equals(DELETED);
    }

    /** The object's {@code metadata.resourceVersion}, or empty. */
    public String resourceVersion() {
        return object.path("metadata").path("resourceVersion").asText("");
    }

    /** The refusal an ERROR event carries, from its Status. */
    public ApiException error() {
        int code = object.path("code").asInt(500);
        String reason = object.path("reason").asText("");
        String message = object.path("message").asText("");
        return new ApiException(code, reason.isEmpty() ? ApiClient.reasonForCode(code) : reason,
                message.isEmpty() ? "the watch failed with HTTP " + code : message);
    }

    /** {@code namespace/name} of an object, or its name when it has no namespace. */
    public static String keyOf(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        String namespace = metadata.path("namespace").asText("");
        String name = metadata.path("name").asText("");
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    private static ApiException malformed(String detail) {
        return new ApiException(500, "InternalError", "the server sent a malformed watch event: " + detail);
    }
}

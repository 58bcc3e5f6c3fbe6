package io.korch.gateway.printing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An object reduced to its metadata, as the API server serves {@code PartialObjectMetadata}:
 * {@code {kind: PartialObjectMetadata, apiVersion: meta.k8s.io/v1, metadata}}, and lists of them.
 */
public final class PartialObjectMetadataJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PartialObjectMetadataJson() {
    }

    /** The {@code PartialObjectMetadata} of a served object. */
    public static ObjectNode of(String apiVersion, JsonNode object) {
        return withMetadata(apiVersion, object.path("metadata").deepCopy());
    }

    /** A {@code PartialObjectMetadata} with {@code metadata}: a bookmark's, say. */
    public static ObjectNode withMetadata(String apiVersion, JsonNode metadata) {
        ObjectNode partial = NODES.objectNode();
        partial.put("kind", Conversion.Target.PARTIAL_OBJECT_METADATA.kind());
        partial.put("apiVersion", apiVersion);
        partial.set("metadata", metadata.isObject() ? metadata : NODES.objectNode());
        return partial;
    }

    /** The {@code PartialObjectMetadataList} of a served list: its metadata, and each item's. */
    public static ObjectNode list(String apiVersion, JsonNode list) {
        ObjectNode partial = NODES.objectNode();
        partial.put("kind", Conversion.Target.PARTIAL_OBJECT_METADATA_LIST.kind());
        partial.put("apiVersion", apiVersion);
        partial.set("metadata", list.path("metadata").isObject() ? list.path("metadata").deepCopy() : NODES.objectNode());
        ArrayNode items = partial.putArray("items");
        list.path("items").forEach(item -> items.add(of(apiVersion, item)));
        return partial;
    }
}

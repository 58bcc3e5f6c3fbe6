package io.korch.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.resource.ApiError;
import io.korch.model.Selector;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Builds list answers ({@code PodList}...) and reads the query parameters that filter them. */
public final class Lists {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Lists() {
    }

    /** {@code {"apiVersion", "kind": "<Kind>List", "metadata": {"resourceVersion"}, "items"}}. */
    public static ObjectNode of(String apiVersion, String kind, long resourceVersion, List<? extends JsonNode> items) {
        ObjectNode list = NODES.objectNode();
        list.put("apiVersion", apiVersion);
        list.put("kind", kind + "List");
        list.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
        ArrayNode array = list.putArray("items");
        items.forEach(array::add);
        return list;
    }

    /** The {@code labelSelector} query parameter; everything when absent, a 400 when it does not parse. */
    public static Selector labelSelector(RoutingContext ctx) {
        return labelSelector(ctx.request().getParam("labelSelector"));
    }

    /** A {@code labelSelector}'s {@code text}; everything when null, a 400 when it does not parse. */
    public static Selector labelSelector(String text) {
        try {
            return Selector.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }
}

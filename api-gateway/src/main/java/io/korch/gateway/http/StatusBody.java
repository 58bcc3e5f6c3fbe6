package io.korch.gateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.validation.Cause;

/** Renders an {@link ApiError} as a Kubernetes {@code Status} object, the body of every error answer. */
public final class StatusBody {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StatusBody() {
    }

    /** The {@code Status} of {@code error}. */
    public static ObjectNode of(ApiError error) {
        ObjectNode status = NODES.objectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", error.getMessage());
        status.put("reason", error.reason());
        ApiError.Details details = error.details();
        if (details != null) {
            ObjectNode detailsNode = status.putObject("details");
            if (details.name() != null) {
                detailsNode.put("name", details.name());
            }
            if (details.kind() != null) {
                detailsNode.put("kind", details.kind());
            }
            if (!details.causes().isEmpty()) {
                ArrayNode causes = detailsNode.putArray("causes");
                for (Cause cause : details.causes()) {
                    causes.addObject()
                            .put("reason", cause.reason())
                            .put("message", cause.message())
                            .put("field", cause.field());
                }
            }
        }
        status.put("code", error.code());
        return status;
    }
}

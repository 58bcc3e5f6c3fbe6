package io.korch.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.gateway.resource.ApiError;
import io.korch.json.Manifests;

/** Reads the body of a server-side apply request: one object as YAML (or JSON, which is YAML too). */
final class ApplyConfigurations {

    private ApplyConfigurations() {
    }

    /**
     * The configuration in {@code body}.
     *
     * @throws ApiError 400 when the body is missing, malformed or not one object
     */
    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiError.badRequest("the apply request has no body; send the object's configuration as YAML");
        }
        try {
            return Manifests.parseOne(body);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }
}

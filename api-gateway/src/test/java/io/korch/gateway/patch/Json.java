package io.korch.gateway.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.json.ApiJson;

/** JSON for patch tests, written with single quotes for readability: {@code Json.of("{'a':1}")}. */
final class Json {

    private Json() {
    }

    static JsonNode of(String singleQuoted) {
        try {
            return ApiJson.MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + singleQuoted, e);
        }
    }

    static ObjectNode object(String singleQuoted) {
        return (ObjectNode) of(singleQuoted);
    }
}

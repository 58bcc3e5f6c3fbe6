package io.korch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.PodTemplateSpec;
import io.korch.json.ApiJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code pod-template-hash} of a pod template: the first {@value #LENGTH} hex digits of the
 * SHA-256 of the template's canonical JSON.
 *
 * <p>The canonical form is the Kubernetes-shaped JSON of {@link ApiJson#write} (nulls and empty
 * collections omitted) with every object's keys sorted and the {@code pod-template-hash} label
 * removed. So the hash does not depend on the order of labels or other map entries, on a field
 * added to the schema later with a null or empty default, or on whether the label is already there.
 */
public final class TemplateHash {

    /** The label carrying the hash on ReplicaSets, their selectors, their templates and their pods. */
    public static final String LABEL = "pod-template-hash";
    /** Number of hex digits in a hash. */
    public static final int LENGTH = 10;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TemplateHash() {
    }

    /** The hash of {@code template}; equal templates, as defined above, have equal hashes. */
    public static String of(PodTemplateSpec template) {
        byte[] digest = sha256(canonicalJson(template).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, LENGTH);
    }

    /** The canonical JSON text the hash is computed from. */
    static String canonicalJson(PodTemplateSpec template) {
        ObjectNode json = ApiJson.write(template);
        JsonNode labels = json.path("metadata").path("labels");
        if (labels instanceof ObjectNode labelObject) {
            labelObject.remove(LABEL);
        }
        try {
            return ApiJson.MAPPER.writeValueAsString(sorted(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a pod template as JSON", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode result = NODES.objectNode();
            for (String name : names) {
                result.set(name, sorted(node.get(name)));
            }
            return result;
        }
        if (node.isArray()) {
            ArrayNode result = NODES.arrayNode();
            node.forEach(element -> result.add(sorted(element)));
            return result;
        }
        return node;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

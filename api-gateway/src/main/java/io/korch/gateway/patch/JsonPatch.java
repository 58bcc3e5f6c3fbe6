package io.korch.gateway.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.resource.ApiError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * JSON Patch (RFC 6902, {@code application/json-patch+json}): a JSON array of operations —
 * {@code add}, {@code remove}, {@code replace}, {@code move}, {@code copy}, {@code test} — each
 * naming its target by a JSON pointer (RFC 6901: {@code /spec/template/metadata/labels/app},
 * {@code ~1} for {@code /} and {@code ~0} for {@code ~} inside a name, {@code -} for the end of an
 * array). The operations apply in order to a copy of the document, and all or none do.
 *
 * <p>Errors are those of the Kubernetes API server: a patch that is not an array of operations is
 * a 400, as are more than {@value #MAX_OPERATIONS} operations (a 413 there); an operation that
 * does not apply — unknown op, missing path or value, a {@code test} that fails — is a 422, with
 * the message of the JSON patch library Kubernetes uses.
 */
public final class JsonPatch {

    /** The most operations one patch may hold, as in Kubernetes. */
    public static final int MAX_OPERATIONS = 10_000;

    /** Numbers equal by value ({@code 1} and {@code 1.0}), as JSON compares them; everything else by {@code equals}. */
    private static final Comparator<JsonNode> JSON_EQUALITY = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        return a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
    };

    private JsonPatch() {
    }

    /**
     * {@code document} with {@code patch} applied; {@code document} itself is not changed.
     *
     * @throws ApiError 400 when {@code patch} is not an array of operation objects, 413 when it has
     *                  too many, 422 when an operation does not apply
     */
    public static JsonNode apply(JsonNode document, JsonNode patch) {
        List<ObjectNode> operations = operations(patch);
        JsonNode result = document.deepCopy();
        for (ObjectNode operation : operations) {
            result = applyOne(result, operation);
        }
        return result;
    }

    /** Whether two JSON values are equal as RFC 6902's {@code test} compares them. */
    public static boolean jsonEquals(JsonNode a, JsonNode b) {
        return a.equals(JSON_EQUALITY, b);
    }

    private static List<ObjectNode> operations(JsonNode patch) {
        if (patch == null || !patch.isArray()) {
            throw PatchFailure.malformed("a JSON patch must be a JSON array of operations, got "
                    + describe(patch));
        }
        if (patch.size() > MAX_OPERATIONS) {
            throw new ApiError(413, "RequestEntityTooLarge", "The allowed maximum operations in a JSON patch is "
                    + MAX_OPERATIONS + ", got " + patch.size(), null);
        }
        List<ObjectNode> operations = new ArrayList<>();
        for (JsonNode operation : patch) {
            if (!operation.isObject()) {
                throw PatchFailure.malformed("a JSON patch operation must be a JSON object, got "
                        + describe(operation));
            }
            operations.add((ObjectNode) operation);
        }
        return operations;
    }

    private static JsonNode applyOne(JsonNode document, ObjectNode operation) {
        String op = operation.path("op").asText("unknown");
        return switch (op) {
            case "add" -> add(document, pointer(operation, "path", op), value(operation, op));
            case "remove" -> remove(document, pointer(operation, "path", op), op);
            case "replace" -> replace(document, pointer(operation, "path", op), value(operation, op));
            case "move" -> move(document, pointer(operation, "from", op), pointer(operation, "path", op));
            case "copy" -> {
                JsonPointer from = pointer(operation, "from", op);
                JsonNode value = find(document, from);
                if (value == null) {
                    throw PatchFailure.doesNotApply("copy operation does not apply: doc is missing from path: "
                            + from + ": missing value");
                }
                yield add(document, pointer(operation, "path", op), value.deepCopy());
            }
            case "test" -> test(document, pointer(operation, "path", op), value(operation, op));
            default -> throw PatchFailure.doesNotApply("Unexpected kind: " + op);
        };
    }

    private static JsonNode add(JsonNode document, JsonPointer path, JsonNode value) {
        if (path.isRoot()) {
            return value;
        }
        JsonNode parent = find(document, path.parent());
        String last = path.last();
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            int index = last.equals("-") ? array.size() : index(last, array.size());
            array.insert(index, value);
        } else {
            throw PatchFailure.doesNotApply("add operation does not apply: doc is missing path: \"" + path
                    + "\": missing value");
        }
        return document;
    }

    private static JsonNode remove(JsonNode document, JsonPointer path, String op) {
        JsonNode parent = path.isRoot() ? null : find(document, path.parent());
        String last = path.isRoot() ? "" : path.last();
        if (parent instanceof ObjectNode object && object.has(last)) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(index(last, array.size() - 1));
        } else {
            throw PatchFailure.doesNotApply(op + " operation does not apply: doc is missing path: \"" + path
                    + "\": missing value");
        }
        return document;
    }

    private static JsonNode replace(JsonNode document, JsonPointer path, JsonNode value) {
        if (path.isRoot()) {
            return value;
        }
        if (find(document, path) == null) {
            throw PatchFailure.doesNotApply("replace operation does not apply: doc is missing key: " + path
                    + ": missing value");
        }
        JsonNode parent = find(document, path.parent());
        if (parent instanceof ObjectNode object) {
            object.set(path.last(), value);
        } else {
            ((ArrayNode) parent).set(index(path.last(), parent.size() - 1), value);
        }
        return document;
    }

    private static JsonNode move(JsonNode document, JsonPointer from, JsonPointer path) {
        JsonNode value = find(document, from);
        if (value == null) {
            throw PatchFailure.doesNotApply("move operation does not apply: doc is missing from path: " + from
                    + ": missing value");
        }
        if (from.equals(path)) {
            return document;
        }
        if (from.isPrefixOf(path)) {
            throw PatchFailure.doesNotApply("move operation does not apply: " + from
                    + " cannot be moved into its own child " + path);
        }
        return add(remove(document, from, "move"), path, value);
    }

    private static JsonNode test(JsonNode document, JsonPointer path, JsonNode expected) {
        JsonNode actual = find(document, path);
        if (actual == null) {
            throw PatchFailure.doesNotApply("test operation does not apply: is missing path: " + path
                    + ": missing value");
        }
        if (!jsonEquals(actual, expected)) {
            throw PatchFailure.doesNotApply("testing value " + path + " failed: test failed");
        }
        return document;
    }

    /** The value {@code pointer} names in {@code document}, or null when there is none. */
    private static JsonNode find(JsonNode document, JsonPointer pointer) {
        JsonNode node = document;
        for (String token : pointer.tokens()) {
            if (node instanceof ObjectNode object) {
                node = object.get(token);
            } else if (node instanceof ArrayNode array) {
                int index = arrayIndex(token);
                node = index >= 0 && index < array.size() ? array.get(index) : null;
            } else {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** {@code token} as an index of an array whose largest valid index is {@code max}. */
    private static int index(String token, int max) {
        int index = arrayIndex(token);
        if (index < 0 || index > max) {
            throw PatchFailure.doesNotApply("Unable to access invalid index: " + token + ": invalid index referenced");
        }
        return index;
    }

    /** {@code token} as RFC 6901 reads an array index (digits, no leading zero); -1 when it is none. */
    private static int arrayIndex(String token) {
        if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')
                || !token.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(token);
    }

    private static JsonPointer pointer(ObjectNode operation, String field, String op) {
        JsonNode value = operation.get(field);
        if (value == null || value.isNull()) {
            throw PatchFailure.doesNotApply(op + " operation does not apply: operation missing " + field
                    + " field: missing value");
        }
        if (!value.isTextual()) {
            throw PatchFailure.doesNotApply(op + " operation does not apply: " + field + " must be a string, got "
                    + describe(value));
        }
        return JsonPointer.parse(value.textValue(), op);
    }

    private static JsonNode value(ObjectNode operation, String op) {
        JsonNode value = operation.get("value");
        if (value == null) {
            throw PatchFailure.doesNotApply(op + " operation does not apply: operation, missing value field: "
                    + "missing value");
        }
        return value.deepCopy();
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    /**
     * A JSON pointer (RFC 6901) split into its reference tokens, unescaped.
     *
     * @param text   the pointer as written, for messages
     * @param tokens the names and indexes it walks through; empty for the whole document
     */
    private record JsonPointer(String text, List<String> tokens) {

        static JsonPointer parse(String text, String op) {
            if (text.isEmpty()) {
                return new JsonPointer(text, List.of());
            }
            if (text.charAt(0) != '/') {
                throw PatchFailure.doesNotApply(op + " operation does not apply: \"" + text
                        + "\" is not a JSON pointer: it must be empty or start with /");
            }
            List<String> tokens = new ArrayList<>();
            for (String token : text.substring(1).split("/", -1)) {
                tokens.add(token.replace("~1", "/").replace("~0", "~"));
            }
            return new JsonPointer(text, List.copyOf(tokens));
        }

        boolean isRoot() {
            return tokens.isEmpty();
        }

        JsonPointer parent() {
            return new JsonPointer(text.substring(0, text.lastIndexOf('/')), tokens.subList(0, tokens.size() - 1));
        }

        String last() {
            return tokens.get(tokens.size() - 1);
        }

        /** Whether {@code other} points strictly inside the value this pointer names. */
        boolean isPrefixOf(JsonPointer other) {
            return other.tokens.size() > tokens.size() && other.tokens.subList(0, tokens.size()).equals(tokens);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof JsonPointer pointer && pointer.tokens.equals(tokens);
        }

        @Override
        public int hashCode() {
            return tokens.hashCode();
        }

        @Override
        public String toString() {
            return text;
        }
    }
}

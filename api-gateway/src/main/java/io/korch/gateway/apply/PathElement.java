package io.korch.gateway.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.json.ApiJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One step of a {@link FieldPath}, as structured-merge-diff names it: a field of an object
 * ({@code f:replicas}), the element of a keyed list with the given key ({@code k:{"name":"web"}}),
 * the element of a set ({@code v:"orphan"}) or, for lists korch never tracks by position, an index
 * ({@code i:0}).
 *
 * <p>Elements sort as Kubernetes sorts them in {@code fieldsV1}: fields by name, then keys, then
 * values, then indexes.
 *
 * @param kind  what the step selects
 * @param name  the field name, for a {@link Kind#FIELD}
 * @param value the key object (fields sorted by name) of a {@link Kind#KEY}, or the value of a {@link Kind#VALUE}
 * @param index the position of an {@link Kind#INDEX}
 */
public record PathElement(Kind kind, String name, JsonNode value, int index) implements Comparable<PathElement> {

    /** The kinds of step, in their sort order, with the prefix of their FieldsV1 form. */
    public enum Kind {
        FIELD("f:"), KEY("k:"), VALUE("v:"), INDEX("i:");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final Comparator<JsonNode> VALUES = PathElement::compareValues;

    public static PathElement field(String name) {
        return new PathElement(Kind.FIELD, name, null, 0);
    }

    /** The element of a keyed list whose key fields have the values in {@code key}. */
    public static PathElement key(ObjectNode key) {
        ObjectNode sorted = ApiJson.MAPPER.createObjectNode();
        List<String> names = new ArrayList<>();
        key.fieldNames().forEachRemaining(names::add);
        names.stream().sorted().forEach(n -> sorted.set(n, key.get(n)));
        return new PathElement(Kind.KEY, null, sorted, 0);
    }

    public static PathElement value(JsonNode value) {
        return new PathElement(Kind.VALUE, null, value, 0);
    }

    public static PathElement index(int index) {
        return new PathElement(Kind.INDEX, null, null, index);
    }

    /** The element's FieldsV1 form: {@code f:replicas}, {@code k:{"name":"web"}}, {@code v:"orphan"}, {@code i:0}. */
    public String encoded() {
        return kind.prefix + switch (kind) {
            case FIELD -> name;
            case KEY, VALUE -> value.toString();
            case INDEX -> Integer.toString(index);
        };
    }

    /**
     * The element of a FieldsV1 key, or null for a kind this version does not know (Kubernetes
     * skips those too).
     *
     * @throws IllegalArgumentException when the key is malformed
     */
    public static PathElement decode(String encoded) {
        if (encoded.length() < 2 || encoded.charAt(1) != ':') {
            throw new IllegalArgumentException("not a FieldsV1 path element: " + encoded);
        }
        String content = encoded.substring(2);
        return switch (encoded.charAt(0)) {
            case 'f' -> field(content);
            case 'k' -> {
                JsonNode key = parse(content);
                if (!key.isObject()) {
                    throw new IllegalArgumentException("the key of a FieldsV1 element is not an object: " + encoded);
                }
                yield key((ObjectNode) key);
            }
            case 'v' -> value(parse(content));
            case 'i' -> {
                try {
                    yield index(Integer.parseInt(content));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a FieldsV1 index: " + encoded, e);
                }
            }
            default -> null;
        };
    }

    /** The element as Kubernetes prints it in a path: {@code .replicas}, {@code [name="web"]}, {@code [="orphan"]}, {@code [0]}. */
    @Override
    public String toString() {
        return switch (kind) {
            case FIELD -> "." + name;
            case KEY -> {
                List<String> parts = new ArrayList<>();
                value.fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + printed(e.getValue())));
                yield "[" + String.join(",", parts) + "]";
            }
            case VALUE -> "[=" + printed(value) + "]";
            case INDEX -> "[" + index + "]";
        };
    }

    @Override
    public int compareTo(PathElement other) {
        if (kind != other.kind) {
            return kind.compareTo(other.kind);
        }
        return switch (kind) {
            case FIELD -> name.compareTo(other.name);
            case KEY -> compareKeys(value, other.value);
            case VALUE -> compareValues(value, other.value);
            case INDEX -> Integer.compare(index, other.index);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathElement other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return switch (kind) {
            case FIELD -> name.hashCode();
            case INDEX -> index;
            default -> kind.hashCode();
        };
    }

    private static int compareKeys(JsonNode a, JsonNode b) {
        Iterator<Map.Entry<String, JsonNode>> left = a.fields();
        Iterator<Map.Entry<String, JsonNode>> right = b.fields();
        while (left.hasNext() && right.hasNext()) {
            Map.Entry<String, JsonNode> l = left.next();
            Map.Entry<String, JsonNode> r = right.next();
            int byName = l.getKey().compareTo(r.getKey());
            if (byName != 0) {
                return byName;
            }
            int byValue = VALUES.compare(l.getValue(), r.getValue());
            if (byValue != 0) {
                return byValue;
            }
        }
        return Boolean.compare(left.hasNext(), right.hasNext());
    }

    /** Orders values as structured-merge-diff does for scalars: numbers by value, strings and the rest by their text. */
    private static int compareValues(JsonNode a, JsonNode b) {
        int byType = Integer.compare(rank(a), rank(b));
        if (byType != 0) {
            return byType;
        }
        if (a.isNumber()) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (a.isTextual()) {
            return a.textValue().compareTo(b.textValue());
        }
        return a.toString().compareTo(b.toString());
    }

    private static int rank(JsonNode value) {
        if (value.isNull()) {
            return 0;
        }
        if (value.isBoolean()) {
            return 1;
        }
        if (value.isNumber()) {
            return 2;
        }
        return value.isTextual() ? 3 : 4;
    }

    /** A value as structured-merge-diff prints it in a path: strings quoted, the rest as JSON. */
    private static String printed(JsonNode value) {
        return value.toString();
    }

    private static JsonNode parse(String json) {
        try {
            return ApiJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }
}

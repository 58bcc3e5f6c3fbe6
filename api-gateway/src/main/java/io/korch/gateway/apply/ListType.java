package io.korch.gateway.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.patch.ListMergeKeys;
import io.korch.json.ApiJson;
import java.util.Optional;

/**
 * How field ownership treats a list, from {@link ListMergeKeys}: a list that merges by key is a
 * map of its elements ({@code listType: map}), a list that merges as a set is a set of its values
 * ({@code listType: set}), and every other list is one value owned whole ({@code listType: atomic}).
 *
 * @param mergeKey the key field of a {@code map} list, or null
 * @param set      whether the list is a set of values
 */
record ListType(String mergeKey, boolean set) {

    private static final ListType ATOMIC = new ListType(null, false);

    /** The type of the list at {@code path}. */
    static ListType at(FieldPath path) {
        String names = path.fieldNames();
        Optional<String> key = ListMergeKeys.mergeKey(names);
        if (key.isPresent()) {
            return new ListType(key.get(), false);
        }
        return ListMergeKeys.mergesAsSet(names) ? new ListType(null, true) : ATOMIC;
    }

    boolean atomic() {
        return mergeKey == null && !set;
    }

    /**
     * The path element naming {@code item} of this (keyed or set) list.
     *
     * @throws IllegalArgumentException when an element of a keyed list has no key
     */
    PathElement elementOf(JsonNode item, FieldPath list) {
        if (set) {
            return PathElement.value(item);
        }
        JsonNode key = item.get(mergeKey);
        if (!item.isObject() || key == null || key.isNull()) {
            throw new IllegalArgumentException(list + ": associative list with keys has an element that omits key field \""
                    + mergeKey + "\"");
        }
        ObjectNode keyObject = ApiJson.MAPPER.createObjectNode();
        keyObject.set(mergeKey, key);
        return PathElement.key(keyObject);
    }
}

package io.korch.gateway.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.korch.gateway.resource.ApiError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Kubernetes' strategic merge patch ({@code application/strategic-merge-patch+json}), as the API
 * server applies it ({@code StrategicMergeMapPatch} of apimachinery's {@code strategicpatch}): a
 * JSON merge patch whose lists merge by the rules {@link ListMergeKeys} holds. A list of objects
 * with a merge key merges element by element ({@code containers} by {@code name}), a list tagged as
 * a set ({@code finalizers}) takes the union, and every other list is replaced. Nulls remove
 * fields, and directives say what plain JSON cannot:
 *
 * <ul>
 *   <li>{@code "$patch": "replace"} in an object replaces the object instead of merging into it,
 *       {@code "$patch": "delete"} empties it; in a merging list, an element
 *       {@code {"name": "x", "$patch": "delete"}} deletes the element {@code x} and an element
 *       {@code {"$patch": "replace"}} makes the patch's elements the whole list. Any other value
 *       is refused ({@code merge} too, as Kubernetes refuses it).</li>
 *   <li>{@code "$deleteFromPrimitiveList/finalizers": ["a"]} deletes values from a list of
 *       strings.</li>
 *   <li>{@code "$setElementOrder/containers": [{"name": "b"}, {"name": "a"}]} orders the merged
 *       list: the elements it names in its order, the server's others where they were. This is
 *       what {@code kubectl apply} sends with each merging list it changes.</li>
 *   <li>{@code "$retainKeys": ["type", "rollingUpdate"]} clears every field of the object the
 *       list does not name.</li>
 * </ul>
 *
 * <p>Merging lists end up in the order Kubernetes gives them: {@code $setElementOrder} first, then
 * the order of the patch's elements, then the order in the object. Errors follow the API server's:
 * malformed directives are 400s, a list of lists is a 422; the errors Kubernetes leaves
 * unclassified, and so answers as 500 (an unknown {@code $patch} value, an element without its
 * merge key), are 400s here, since the patch is at fault. Pure; neither argument is changed.
 */
public final class StrategicMergePatch {

    static final String DIRECTIVE = "$patch";
    static final String REPLACE = "replace";
    static final String DELETE = "delete";
    static final String MERGE = "merge";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
    static final String SET_ELEMENT_ORDER = "$setElementOrder";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StrategicMergePatch() {
    }

    /**
     * {@code original} with {@code patch} applied.
     *
     * @throws ApiError 400 for a patch whose directives are malformed, 422 for a list of lists
     */
    public static ObjectNode apply(ObjectNode original, ObjectNode patch) {
        return mergeMap(original.deepCopy(), patch.deepCopy(), "");
    }

    /** Merges {@code patch} into {@code original} (both changed), the object at {@code path}. */
    private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, String path) {
        if (patch.has(DIRECTIVE)) {
            return mapDirective(patch);
        }
        ObjectNode merged = original == null ? NODES.objectNode() : original;
        retainKeys(merged, patch);
        orderElements(merged, patch, path);
        for (String key : fieldNames(patch)) {
            JsonNode patchValue = patch.get(key);
            boolean deleteList = key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
            String field = deleteList ? directiveField(key, DELETE_FROM_PRIMITIVE_LIST,
                    "invalid patch format of primitive list") : key;
            if (patchValue.isNull()) {
                merged.remove(field);
                continue;
            }
            JsonNode originalValue = merged.get(field);
            if (originalValue != null && originalValue.isObject() && patchValue.isObject()) {
                merged.set(field, mergeMap((ObjectNode) originalValue, (ObjectNode) patchValue, child(path, field)));
            } else if (originalValue != null && originalValue.isArray() && patchValue.isArray()) {
                merged.set(field, mergeList((ArrayNode) originalValue, (ArrayNode) patchValue, child(path, field),
                        deleteList));
            } else if (!deleteList) {
                // absent from the object, or of another type: the patch's value, as it would be created
                JsonNode value = withoutDirectives(withoutNulls(patchValue));
                if (value == null) {
                    merged.remove(field);
                } else {
                    merged.set(field, value);
                }
            }
        }
        return merged;
    }

    /** What a {@code $patch} directive in an object makes of it. */
    private static ObjectNode mapDirective(ObjectNode patch) {
        String directive = text(patch.get(DIRECTIVE));
        if (REPLACE.equals(directive)) {
            patch.remove(DIRECTIVE);
            return patch;
        }
        if (DELETE.equals(directive)) {
            return NODES.objectNode();
        }
        throw PatchFailure.malformed("unknown patch type: " + directive + " in map: " + PatchFailure.show(patch));
    }

    /** Applies a {@code $retainKeys} directive: clears the fields of {@code original} it does not name. */
    private static void retainKeys(ObjectNode original, ObjectNode patch) {
        JsonNode retain = patch.remove(RETAIN_KEYS);
        if (retain == null) {
            return;
        }
        if (!retain.isArray()) {
            throw PatchFailure.malformed("invalid patch format of retainKeys");
        }
        for (String key : fieldNames(patch)) {
            if (!patch.get(key).isNull() && !key.startsWith(DELETE_FROM_PRIMITIVE_LIST)
                    && !key.startsWith(SET_ELEMENT_ORDER) && !contains(retain, TextNode.valueOf(key))) {
                throw PatchFailure.malformed("invalid patch format of retainKeys");
            }
        }
        for (String key : fieldNames(original)) {
            if (!contains(retain, TextNode.valueOf(key))) {
                original.remove(key);
            }
        }
    }

    /**
     * Applies each {@code $setElementOrder/<field>} directive together with the patch of that list:
     * merges them and orders the result, then takes both out of {@code patch}.
     */
    private static void orderElements(ObjectNode original, ObjectNode patch, String path) {
        for (String key : fieldNames(patch)) {
            if (!key.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            JsonNode order = patch.remove(key);
            if (!order.isArray()) {
                throw PatchFailure.malformed("invalid patch format of setElementOrder list: " + key
                        + " must be a list, got " + PatchFailure.show(order));
            }
            String field = directiveField(key, SET_ELEMENT_ORDER, "invalid patch format of setElementOrder list");
            String listPath = child(path, field);
            String mergeKey = ListMergeKeys.mergeKey(listPath).orElse("");
            ArrayNode originalList = listAt(original, field);
            ArrayNode patchList = listAt(patch, field);
            checkOrder(patchList, (ArrayNode) order, mergeKey);
            ArrayNode merged;
            if (originalList != null && patchList != null) {
                merged = mergeList(originalList, patchList, listPath, false);
            } else if (originalList != null) {
                merged = originalList;
            } else if (patchList != null) {
                merged = (ArrayNode) withoutDirectives(patchList);
            } else {
                continue;
            }
            List<JsonNode> elements = elements(originalList, patchList);
            if (!elements.isEmpty()) {
                JsonNodeType kind = elementType(elements);
                Partition partition = partition(merged, (ArrayNode) order, mergeKey);
                merged = ordered(partition, list(order), list(originalList), mergeKey, kind);
            }
            original.set(field, merged);
            patch.remove(field);
        }
    }

    /**
     * Checks that the patch's elements of a list come in the order its {@code $setElementOrder}
     * gives (deletions aside) and are among the elements it names.
     */
    private static void checkOrder(ArrayNode patchList, ArrayNode order, String mergeKey) {
        if (patchList == null || patchList.isEmpty() || order.isEmpty()) {
            return;
        }
        List<JsonNode> kept = mergeKey.isEmpty() ? list(patchList) : withoutDeletions(list(patchList));
        int patchIndex = 0;
        int orderIndex = 0;
        while (patchIndex < kept.size() && orderIndex < order.size()) {
            if (kept.get(patchIndex).has(DIRECTIVE)) {
                patchIndex++;
                continue;
            }
            if (sameKey(kept.get(patchIndex), order.get(orderIndex), mergeKey)) {
                patchIndex++;
            }
            orderIndex++;
        }
        if (patchIndex < kept.size()) {
            throw PatchFailure.malformed("The order in patch list: " + PatchFailure.show(patchList)
                    + " doesn't match " + SET_ELEMENT_ORDER + " list: " + PatchFailure.show(order));
        }
    }

    /**
     * Merges the list at {@code path} by its strategy when it merges (or the patch is a deletion
     * list); otherwise the patch replaces it.
     */
    private static ArrayNode mergeList(ArrayNode original, ArrayNode patch, String path, boolean deleteList) {
        boolean merges = ListMergeKeys.mergeKey(path).isPresent() || ListMergeKeys.mergesAsSet(path);
        if (!merges && !deleteList) {
            return patch;
        }
        if (original.isEmpty() && patch.isEmpty()) {
            return original;
        }
        String mergeKey = ListMergeKeys.mergeKey(path).orElse("");
        JsonNodeType kind = elementType(elements(original, patch));
        List<JsonNode> base = list(original);
        List<JsonNode> changes = list(patch);
        List<JsonNode> merged;
        if (kind != JsonNodeType.OBJECT) {
            if (deleteList) {
                List<JsonNode> deletions = changes;
                return array(base.stream().filter(value -> !containsValue(deletions, value)).toList());
            }
            merged = new ArrayList<>();
            for (JsonNode value : concat(base, changes)) {
                if (!containsValue(merged, value)) {
                    merged.add(value);
                }
            }
            mergeKey = "";
        } else {
            if (mergeKey.isEmpty()) {
                throw PatchFailure.malformed("cannot merge lists without merge key for " + path);
            }
            boolean replace = false;
            List<JsonNode> plain = new ArrayList<>();
            for (JsonNode element : changes) {
                if (!element.has(DIRECTIVE)) {
                    plain.add(element);
                    continue;
                }
                String directive = text(element.get(DIRECTIVE));
                if (DELETE.equals(directive)) {
                    base = deleteMatching(base, mergeKey, requireKey(element, mergeKey));
                } else if (REPLACE.equals(directive)) {
                    replace = true;
                } else if (MERGE.equals(directive)) {
                    throw PatchFailure.malformed("merging lists cannot yet be specified in the patch");
                } else {
                    throw PatchFailure.malformed("unknown patch type: " + directive + " in map: "
                            + PatchFailure.show(element));
                }
            }
            if (replace) {
                base = plain;
                changes = List.of();
            } else {
                changes = plain;
            }
            merged = new ArrayList<>(base);
            for (JsonNode element : changes) {
                JsonNode key = requireKey(element, mergeKey);
                int at = indexByKey(merged, mergeKey, key);
                if (at >= 0) {
                    merged.set(at, mergeMap((ObjectNode) merged.get(at), (ObjectNode) element, path));
                } else {
                    merged.add(element);
                }
            }
        }
        Partition partition = partition(array(merged), array(changes), mergeKey);
        return ordered(partition, changes, base, mergeKey, kind);
    }

    /** The elements of a merged list split into those the patch (or order list) names, and the server's others. */
    private record Partition(List<JsonNode> patchItems, List<JsonNode> serverOnly) {
    }

    private static Partition partition(ArrayNode merged, ArrayNode by, String mergeKey) {
        List<JsonNode> patchItems = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        List<JsonNode> named = list(by);
        for (JsonNode element : merged) {
            boolean inPatch = mergeKey.isEmpty() ? containsValue(named, element)
                    : indexByKey(named, mergeKey, requireKey(requireObject(element), mergeKey)) >= 0;
            (inPatch ? patchItems : serverOnly).add(element);
        }
        return new Partition(patchItems, serverOnly);
    }

    /**
     * The merged list in order: the patch's elements in {@code patchOrder}, the server's in
     * {@code serverOrder}, interleaved so that each server element stays before the first patch
     * element that followed it on the server.
     */
    private static ArrayNode ordered(Partition partition, List<JsonNode> patchOrder, List<JsonNode> serverOrder,
                                     String mergeKey, JsonNodeType kind) {
        List<JsonNode> patchItems = sortedBy(partition.patchItems(), patchOrder, mergeKey, kind);
        List<JsonNode> serverOnly = sortedBy(partition.serverOnly(), serverOrder, mergeKey, kind);
        List<JsonNode> all = new ArrayList<>();
        int left = 0;
        int right = 0;
        while (left < serverOnly.size() || right < patchItems.size()) {
            if (left >= serverOnly.size()) {
                all.add(patchItems.get(right++));
            } else if (right >= patchItems.size()) {
                all.add(serverOnly.get(left++));
            } else {
                int l = indexIn(serverOrder, serverOnly.get(left), mergeKey, kind);
                int r = indexIn(serverOrder, patchItems.get(right), mergeKey, kind);
                if (l >= 0 && r >= 0 && l < r) {
                    all.add(serverOnly.get(left++));
                } else {
                    all.add(patchItems.get(right++));
                }
            }
        }
        return array(all);
    }

    /** {@code items} stably sorted by their place in {@code order}, those it lacks last, deletions at the end. */
    private static List<JsonNode> sortedBy(List<JsonNode> items, List<JsonNode> order, String mergeKey,
                                           JsonNodeType kind) {
        List<JsonNode> toSort = items;
        List<JsonNode> deletions = List.of();
        if (kind == JsonNodeType.OBJECT) {
            for (JsonNode element : concat(items, order)) {
                requireKey(requireObject(element), mergeKey);
            }
            toSort = withoutDeletions(items);
            deletions = items.stream().filter(StrategicMergePatch::isDeletion).toList();
        }
        List<JsonNode> sorted = new ArrayList<>(toSort);
        sorted.sort(Comparator.comparingInt(item -> {
            int at = indexIn(order, item, mergeKey, kind);
            return at < 0 ? Integer.MAX_VALUE : at;
        }));
        sorted.addAll(deletions);
        return sorted;
    }

    /** The place of {@code item} in {@code list}: by merge key for objects, by value otherwise; -1 when absent. */
    private static int indexIn(List<JsonNode> list, JsonNode item, String mergeKey, JsonNodeType kind) {
        for (int i = 0; i < list.size(); i++) {
            boolean same = kind == JsonNodeType.OBJECT
                    ? sameValue(list.get(i).get(mergeKey), item.get(mergeKey))
                    : sameValue(list.get(i), item);
            if (same) {
                return i;
            }
        }
        return -1;
    }

    /** The type all elements of a list share; lists of lists and mixed lists are refused. */
    private static JsonNodeType elementType(List<JsonNode> elements) {
        JsonNodeType type = null;
        for (JsonNode element : elements) {
            JsonNodeType current = element.getNodeType();
            if (type == null) {
                if (current == JsonNodeType.ARRAY) {
                    throw PatchFailure.doesNotApply("lists of lists are not supported");
                }
                type = current;
            } else if (type != current) {
                throw PatchFailure.malformed("list element types are not identical: " + elements);
            }
        }
        if (type == null) {
            throw PatchFailure.malformed("no elements in any of the given slices");
        }
        return type;
    }

    private static List<JsonNode> deleteMatching(List<JsonNode> list, String mergeKey, JsonNode key) {
        return list.stream().filter(element -> !sameValue(requireObject(element).get(mergeKey), key)).toList();
    }

    private static int indexByKey(List<JsonNode> list, String mergeKey, JsonNode key) {
        for (int i = 0; i < list.size(); i++) {
            if (sameValue(requireObject(list.get(i)).get(mergeKey), key)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code value} without the objects and list elements that carry a {@code $patch} directive;
     * null when it carries one itself.
     */
    private static JsonNode withoutDirectives(JsonNode value) {
        if (value instanceof ObjectNode object) {
            if (object.has(DIRECTIVE)) {
                return null;
            }
            for (String key : fieldNames(object)) {
                JsonNode kept = withoutDirectives(object.get(key));
                if (kept == null) {
                    object.remove(key);
                } else {
                    object.set(key, kept);
                }
            }
            return object;
        }
        if (value instanceof ArrayNode array) {
            ArrayNode kept = NODES.arrayNode();
            for (JsonNode element : array) {
                JsonNode keptElement = withoutDirectives(element);
                if (keptElement != null) {
                    kept.add(keptElement);
                }
            }
            return kept;
        }
        return value;
    }

    /** {@code value} with the null fields of its objects removed, at every depth. */
    private static JsonNode withoutNulls(JsonNode value) {
        if (value instanceof ObjectNode object) {
            for (String key : fieldNames(object)) {
                if (object.get(key).isNull()) {
                    object.remove(key);
                } else {
                    withoutNulls(object.get(key));
                }
            }
        } else if (value instanceof ArrayNode array) {
            array.forEach(StrategicMergePatch::withoutNulls);
        }
        return value;
    }

    private static boolean sameKey(JsonNode left, JsonNode right, String mergeKey) {
        if (mergeKey.isEmpty()) {
            return sameValue(left, right);
        }
        return sameValue(requireKey(requireObject(left), mergeKey), requireKey(requireObject(right), mergeKey));
    }

    private static boolean sameValue(JsonNode left, JsonNode right) {
        if (left == null || right == null) {
            return left == right;
        }
        return JsonPatch.jsonEquals(left, right);
    }

    private static boolean containsValue(List<JsonNode> list, JsonNode value) {
        return list.stream().anyMatch(element -> sameValue(element, value));
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        return containsValue(list(array), value);
    }

    private static boolean isDeletion(JsonNode element) {
        return DELETE.equals(text(element.get(DIRECTIVE)));
    }

    private static List<JsonNode> withoutDeletions(List<JsonNode> elements) {
        return elements.stream().map(StrategicMergePatch::requireObject).filter(e -> !isDeletion(e)).toList();
    }

    private static JsonNode requireObject(JsonNode element) {
        if (!element.isObject()) {
            throw PatchFailure.malformed("expected a map, but received a " + PatchFailure.show(element));
        }
        return element;
    }

    private static JsonNode requireKey(JsonNode element, String mergeKey) {
        JsonNode key = element.get(mergeKey);
        if (key == null) {
            throw PatchFailure.malformed("map: " + PatchFailure.show(element) + " does not contain declared merge key: "
                    + mergeKey);
        }
        return key;
    }

    /** The field a directive key names: {@code containers} of {@code $setElementOrder/containers}. */
    private static String directiveField(String key, String prefix, String malformed) {
        int slash = key.indexOf('/');
        if (slash < 0 || !key.substring(0, slash).equals(prefix)) {
            throw PatchFailure.malformed(malformed);
        }
        return key.substring(slash + 1);
    }

    private static ArrayNode listAt(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw PatchFailure.malformed("expected a list at " + field + ", but received " + PatchFailure.show(value));
        }
        return (ArrayNode) value;
    }

    private static String child(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String text(JsonNode value) {
        return value == null ? null : value.isTextual() ? value.textValue() : value.toString();
    }

    private static List<String> fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        if (array != null) {
            array.forEach(list::add);
        }
        return list;
    }

    private static List<JsonNode> elements(ArrayNode first, ArrayNode second) {
        return concat(list(first), list(second));
    }

    private static List<JsonNode> concat(List<JsonNode> first, List<JsonNode> second) {
        List<JsonNode> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static ArrayNode array(List<JsonNode> elements) {
        ArrayNode array = NODES.arrayNode();
        elements.forEach(array::add);
        return array;
    }
}

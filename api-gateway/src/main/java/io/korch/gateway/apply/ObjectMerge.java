package io.korch.gateway.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.json.ApiJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two changes server-side apply makes to an object's values: merging an applied
 * configuration in ({@code typed.Merge}) and removing the fields an applier gave up
 * ({@code RemoveItems}). Both return new trees and leave their arguments alone.
 */
final class ObjectMerge {

    private ObjectMerge() {
    }

    /**
     * {@code applied} merged into {@code live} (null: none): objects field by field, keyed lists and
     * sets element by element, everything else — scalars, atomic lists — replaced by the applied
     * value. Merged lists keep the live order, with the elements both hold in the applied order
     * and the applied elements the live list lacks placed before the next element both hold.
     */
    static JsonNode merge(JsonNode live, JsonNode applied, FieldPath path) {
        if (live == null || live.getNodeType() != applied.getNodeType()) {
            return applied.deepCopy();
        }
        if (applied.isObject()) {
            ObjectNode merged = ((ObjectNode) live).deepCopy();
            applied.fields().forEachRemaining(field -> merged.set(field.getKey(),
                    merge(live.get(field.getKey()), field.getValue(), path.child(field.getKey()))));
            return merged;
        }
        if (applied.isArray() && !ListType.at(path).atomic()) {
            return mergeItems((ArrayNode) live, (ArrayNode) applied, path);
        }
        return applied.deepCopy();
    }

    private static ArrayNode mergeItems(ArrayNode live, ArrayNode applied, FieldPath path) {
        ListType type = ListType.at(path);
        Map<PathElement, JsonNode> was = items(live, type, path);
        Map<PathElement, JsonNode> wanted = items(applied, type, path);
        List<PathElement> appliedOrder = new ArrayList<>(wanted.keySet());
        List<PathElement> sharedInAppliedOrder = appliedOrder.stream().filter(was::containsKey).toList();
        ArrayNode merged = ApiJson.MAPPER.createArrayNode();
        Set<PathElement> placed = new HashSet<>();
        int nextApplied = 0;
        int nextShared = 0;
        for (PathElement element : was.keySet()) {
            if (!wanted.containsKey(element)) {
                merged.add(was.get(element).deepCopy());
                continue;
            }
            PathElement shared = sharedInAppliedOrder.get(nextShared++);
            while (!appliedOrder.get(nextApplied).equals(shared)) {
                PathElement before = appliedOrder.get(nextApplied++);
                if (!was.containsKey(before) && placed.add(before)) {
                    merged.add(wanted.get(before).deepCopy());
                }
            }
            nextApplied++;
            merged.add(merge(was.get(shared), wanted.get(shared), path.child(shared)));
        }
        for (; nextApplied < appliedOrder.size(); nextApplied++) {
            PathElement rest = appliedOrder.get(nextApplied);
            if (!was.containsKey(rest) && placed.add(rest)) {
                merged.add(wanted.get(rest).deepCopy());
            }
        }
        return merged;
    }

    /**
     * {@code object} without the fields of {@code remove}, except those that {@code keep} holds
     * or holds fields under: such an object or list element stays, and only its fields in
     * {@code remove} that {@code keep} does not hold go.
     */
    static JsonNode remove(JsonNode object, FieldSet remove, FieldSet keep) {
        return without(object, FieldPath.ROOT, remove, keep);
    }

    private static JsonNode without(JsonNode node, FieldPath path, FieldSet remove, FieldSet keep) {
        if (!remove.holdsAnyBelow(path)) {
            return node.deepCopy();
        }
        if (node.isObject()) {
            ObjectNode kept = ApiJson.MAPPER.createObjectNode();
            node.fields().forEachRemaining(field -> {
                FieldPath child = path.child(field.getKey());
                if (!goes(child, remove, keep)) {
                    kept.set(field.getKey(), without(field.getValue(), child, remove, keep));
                }
            });
            return kept;
        }
        if (node.isArray() && !ListType.at(path).atomic()) {
            ListType type = ListType.at(path);
            ArrayNode kept = ApiJson.MAPPER.createArrayNode();
            for (JsonNode item : node) {
                FieldPath child = path.child(type.elementOf(item, path));
                if (!goes(child, remove, keep)) {
                    kept.add(without(item, child, remove, keep));
                }
            }
            return kept;
        }
        return node.deepCopy();
    }

    private static boolean goes(FieldPath path, FieldSet remove, FieldSet keep) {
        return remove.contains(path) && !keep.holdsAnyUnder(path);
    }

    private static Map<PathElement, JsonNode> items(ArrayNode list, ListType type, FieldPath path) {
        Map<PathElement, JsonNode> items = new LinkedHashMap<>();
        for (JsonNode item : list) {
            items.putIfAbsent(type.elementOf(item, path), item);
        }
        return items;
    }
}

package io.korch.gateway.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed between two versions of an object, as structured-merge-diff's {@code Compare}
 * reports it: the fields added, the fields whose value changed and the fields removed. A list or
 * object that appears or disappears is itself added or removed, besides its fields; an atomic list
 * and a scalar are single fields. No path is in more than one of the three sets.
 *
 * @param added    fields only the newer version has
 * @param modified fields both have, with different values
 * @param removed  fields only the older version has
 */
public record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

    /** Compares {@code before} (null: nothing, as on a create) with {@code after}. */
    public static Comparison between(JsonNode before, JsonNode after, ObjectShape shape) {
        Walk walk = new Walk(shape);
        walk.compare(before, after, FieldPath.ROOT);
        return new Comparison(FieldSet.of(walk.added), FieldSet.of(walk.modified), FieldSet.of(walk.removed));
    }

    /** The fields the newer version sets differently from the older: added or modified. */
    public FieldSet changed() {
        return added.union(modified);
    }

    public boolean isSame() {
        return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
    }

    private static final class Walk {
        private final ObjectShape shape;
        private final Set<FieldPath> added = new TreeSet<>();
        private final Set<FieldPath> modified = new TreeSet<>();
        private final Set<FieldPath> removed = new TreeSet<>();

        Walk(ObjectShape shape) {
            this.shape = shape;
        }

        void compare(JsonNode before, JsonNode after, FieldPath path) {
            JsonNode one = before != null ? before : after;
            boolean container = (one.isObject() || one.isArray())
                    && (before == null || after == null || before.getNodeType() == after.getNodeType());
            if (!container || isLeaf(before, after, path)) {
                leaf(before, after, path);
                return;
            }
            boolean present = shape.alwaysPresent(path);
            if (one.isObject()) {
                compareFields(before, after, path);
            } else {
                compareItems(before, after, path);
            }
            if (!present && !path.isRoot()) {
                if (before == null) {
                    added.add(path);
                } else if (after == null) {
                    removed.add(path);
                }
            }
        }

        /** Atomic lists are single fields; so are a list or object empty (or absent) on both sides. */
        private boolean isLeaf(JsonNode before, JsonNode after, FieldPath path) {
            JsonNode one = before != null ? before : after;
            if (one.isArray() && ListType.at(path).atomic()) {
                return true;
            }
            boolean bothEmpty = (before == null || before.isEmpty()) && (after == null || after.isEmpty());
            return bothEmpty && !(one.isObject() && shape.alwaysPresent(path));
        }

        private void leaf(JsonNode before, JsonNode after, FieldPath path) {
            if (before == null) {
                added.add(path);
            } else if (after == null) {
                removed.add(path);
            } else if (!before.equals(after)) {
                modified.add(path);
            }
        }

        private void compareFields(JsonNode before, JsonNode after, FieldPath path) {
            Set<String> names = new LinkedHashSet<>();
            if (before != null) {
                before.fieldNames().forEachRemaining(names::add);
            }
            if (after != null) {
                after.fieldNames().forEachRemaining(names::add);
            }
            for (String name : names) {
                compare(before == null ? null : before.get(name), after == null ? null : after.get(name), path.child(name));
            }
        }

        private void compareItems(JsonNode before, JsonNode after, FieldPath path) {
            ListType type = ListType.at(path);
            Map<PathElement, JsonNode> was = items(before, type, path);
            Map<PathElement, JsonNode> is = items(after, type, path);
            Set<PathElement> elements = new LinkedHashSet<>(was.keySet());
            elements.addAll(is.keySet());
            for (PathElement element : elements) {
                compare(was.get(element), is.get(element), path.child(element));
            }
        }

        private static Map<PathElement, JsonNode> items(JsonNode list, ListType type, FieldPath path) {
            Map<PathElement, JsonNode> items = new LinkedHashMap<>();
            if (list != null) {
                for (JsonNode item : list) {
                    items.putIfAbsent(type.elementOf(item, path), item);
                }
            }
            return items;
        }
    }
}

package io.korch.gateway.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.json.ApiJson;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A set of field paths: the fields one manager owns, or the fields an applied configuration sets.
 * Immutable; the set operations return new sets.
 *
 * <p>On the wire a set is Kubernetes' {@code FieldsV1} object: one key per path element
 * ({@code f:spec}, {@code k:{"name":"web"}}, {@code v:"orphan"}), an empty object for a path in
 * the set, and {@code ".": {}} for a path in the set that also has paths under it:
 * <pre>{"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{}}}}}}}</pre>
 */
public final class FieldSet {

    private static final FieldSet EMPTY = new FieldSet(new TreeSet<>());

    private final NavigableSet<FieldPath> paths;

    private FieldSet(NavigableSet<FieldPath> paths) {
        this.paths = Collections.unmodifiableNavigableSet(paths);
    }

    public static FieldSet empty() {
        return EMPTY;
    }

    public static FieldSet of(FieldPath... paths) {
        return of(List.of(paths));
    }

    public static FieldSet of(Collection<FieldPath> paths) {
        return new FieldSet(new TreeSet<>(paths));
    }

    /**
     * The fields {@code object} sets, as structured-merge-diff's {@code ToFieldSet} lists an
     * applied configuration: every scalar, every null and empty object, every element of a keyed
     * list and its fields, every value of a set, and every other list as one field.
     *
     * @throws IllegalArgumentException when an element of a keyed list has no key, or two have the same
     */
    public static FieldSet setIn(JsonNode object) {
        TreeSet<FieldPath> paths = new TreeSet<>();
        collect(object, FieldPath.ROOT, paths);
        return new FieldSet(paths);
    }

    private static void collect(JsonNode value, FieldPath path, Set<FieldPath> into) {
        if (value.isObject()) {
            value.fields().forEachRemaining(field -> {
                FieldPath child = path.child(field.getKey());
                JsonNode v = field.getValue();
                collect(v, child, into);
                if (v.isNull() || (v.isObject() && v.isEmpty())) {
                    into.add(child);
                }
            });
        } else if (value.isArray()) {
            ListType type = ListType.at(path);
            if (type.atomic()) {
                into.add(path);
                return;
            }
            Set<PathElement> seen = new HashSet<>();
            for (JsonNode item : value) {
                PathElement element = type.elementOf(item, path);
                if (!seen.add(element)) {
                    throw new IllegalArgumentException(path + ": duplicate entries for key " + element);
                }
                FieldPath itemPath = path.child(element);
                into.add(itemPath);
                if (!type.set()) {
                    collect(item, itemPath, into);
                }
            }
        } else if (!path.isRoot()) {
            into.add(path);
        }
    }

    /**
     * Reads a {@code FieldsV1} object. Keys of a path element kind this version does not know are
     * skipped, as Kubernetes skips them.
     *
     * @throws IllegalArgumentException when it is not a FieldsV1 object
     */
    public static FieldSet fromFieldsV1(JsonNode fields) {
        if (fields == null || fields.isNull()) {
            return EMPTY;
        }
        if (!fields.isObject()) {
            throw new IllegalArgumentException("fieldsV1 is not an object: " + fields);
        }
        TreeSet<FieldPath> paths = new TreeSet<>();
        read(fields, FieldPath.ROOT, paths);
        return new FieldSet(paths);
    }

    /** {@link #fromFieldsV1(JsonNode)} of FieldsV1 text; null is the empty set. */
    public static FieldSet fromFieldsV1(String json) {
        if (json == null) {
            return EMPTY;
        }
        try {
            return fromFieldsV1(ApiJson.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fieldsV1 is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void read(JsonNode node, FieldPath path, Set<FieldPath> into) {
        boolean hasChildren = false;
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals(".")) {
                into.add(path);
                continue;
            }
            PathElement element = PathElement.decode(field.getKey());
            if (element == null) {
                continue;
            }
            if (!field.getValue().isObject()) {
                throw new IllegalArgumentException("fieldsV1 at " + path.child(element) + " is not an object");
            }
            hasChildren = true;
            read(field.getValue(), path.child(element), into);
        }
        if (!hasChildren && !path.isRoot()) {
            into.add(path);
        }
    }

    /** The set as a {@code FieldsV1} object, its keys in Kubernetes' order. */
    public ObjectNode toFieldsV1() {
        Node root = new Node();
        for (FieldPath path : paths) {
            Node node = root;
            for (PathElement element : path.elements()) {
                node = node.children.computeIfAbsent(element, e -> new Node());
            }
            node.member = true;
        }
        return root.write(false);
    }

    /** The set as compact {@code FieldsV1} text. */
    public String toFieldsV1Text() {
        return toFieldsV1().toString();
    }

    /** A tree of path elements, for writing FieldsV1. */
    private static final class Node {
        private boolean member;
        private final Map<PathElement, Node> children = new TreeMap<>();

        ObjectNode write(boolean includeSelf) {
            ObjectNode json = ApiJson.MAPPER.createObjectNode();
            if (includeSelf && !children.isEmpty()) {
                json.putObject(".");
            }
            children.forEach((element, child) -> json.set(element.encoded(),
                    child.children.isEmpty() ? ApiJson.MAPPER.createObjectNode() : child.write(child.member)));
            return json;
        }
    }

    public FieldSet union(FieldSet other) {
        TreeSet<FieldPath> union = new TreeSet<>(paths);
        union.addAll(other.paths);
        return new FieldSet(union);
    }

    public FieldSet difference(FieldSet other) {
        TreeSet<FieldPath> difference = new TreeSet<>(paths);
        difference.removeAll(other.paths);
        return new FieldSet(difference);
    }

    public FieldSet intersection(FieldSet other) {
        TreeSet<FieldPath> intersection = new TreeSet<>(paths);
        intersection.retainAll(other.paths);
        return new FieldSet(intersection);
    }

    /** The paths of this set that {@code keep} accepts. */
    public FieldSet filter(Predicate<FieldPath> keep) {
        TreeSet<FieldPath> kept = new TreeSet<>();
        paths.stream().filter(keep).forEach(kept::add);
        return new FieldSet(kept);
    }

    public boolean contains(FieldPath path) {
        return paths.contains(path);
    }

    /** Whether the set holds {@code path} or a path under it. */
    public boolean holdsAnyUnder(FieldPath path) {
        FieldPath next = paths.ceiling(path);
        return next != null && next.startsWith(path);
    }

    /** Whether the set holds a path strictly under {@code path}. */
    public boolean holdsAnyBelow(FieldPath path) {
        FieldPath next = paths.higher(path);
        return next != null && next.startsWith(path);
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }

    public int size() {
        return paths.size();
    }

    /** The paths, in order. */
    public List<FieldPath> paths() {
        return List.copyOf(paths);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet other && paths.equals(other.paths);
    }

    @Override
    public int hashCode() {
        return paths.hashCode();
    }

    @Override
    public String toString() {
        return paths.toString();
    }
}

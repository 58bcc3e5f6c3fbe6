package io.korch.gateway.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The path of one field inside an object, from its root: {@code .spec.template.spec.containers[name="web"].image}.
 * Paths sort element by element, a path before every path under it, so a set of paths keeps each
 * subtree together.
 *
 * @param elements the steps from the root; none for the root itself
 */
public record FieldPath(List<PathElement> elements) implements Comparable<FieldPath> {

    public static final FieldPath ROOT = new FieldPath(List.of());

    public FieldPath {
        elements = List.copyOf(elements);
    }

    /** The path of the fields {@code names} nested in one another: {@code FieldPath.of("spec", "replicas")}. */
    public static FieldPath of(String... names) {
        FieldPath path = ROOT;
        for (String name : names) {
            path = path.child(PathElement.field(name));
        }
        return path;
    }

    public FieldPath child(PathElement element) {
        List<PathElement> longer = new ArrayList<>(elements.size() + 1);
        longer.addAll(elements);
        longer.add(element);
        return new FieldPath(longer);
    }

    public FieldPath child(String field) {
        return child(PathElement.field(field));
    }

    /** Whether this path is {@code prefix} or lies under it. */
    public boolean startsWith(FieldPath prefix) {
        return prefix.elements.size() <= elements.size()
                && elements.subList(0, prefix.elements.size()).equals(prefix.elements);
    }

    public boolean isRoot() {
        return elements.isEmpty();
    }

    public PathElement last() {
        return elements.get(elements.size() - 1);
    }

    /**
     * The names of the fields along the path with list elements left out
     * ({@code spec.template.spec.containers.ports}), as {@link io.korch.gateway.patch.ListMergeKeys} names lists.
     */
    public String fieldNames() {
        return elements.stream().filter(e -> e.kind() == PathElement.Kind.FIELD).map(PathElement::name)
                .collect(Collectors.joining("."));
    }

    @Override
    public int compareTo(FieldPath other) {
        int common = Math.min(elements.size(), other.elements.size());
        for (int i = 0; i < common; i++) {
            int c = elements.get(i).compareTo(other.elements.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(elements.size(), other.elements.size());
    }

    /** The path as Kubernetes prints it in conflicts: {@code .spec.replicas}. */
    @Override
    public String toString() {
        return elements.stream().map(PathElement::toString).collect(Collectors.joining());
    }
}

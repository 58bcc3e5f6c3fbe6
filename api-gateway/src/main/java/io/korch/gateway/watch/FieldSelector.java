package io.korch.gateway.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A field selector on the fields every object has: {@code metadata.name} and
 * {@code metadata.namespace}, with {@code =}, {@code ==} or {@code !=}, terms joined by commas,
 * as Kubernetes writes them.
 */
public final class FieldSelector {

    private record Term(String field, String value, boolean equal) {

        boolean matches(String name, String namespace) {
            String actual = field.equals(NAME) ? name : namespace;
            return Objects.equals(actual, value) == equal;
        }
    }

    private static final String NAME = "metadata.name";
    private static final String NAMESPACE = "metadata.namespace";
    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms;
    }

    /**
     * Parses {@code text}; null or blank selects everything.
     *
     * @throws IllegalArgumentException naming the term that does not parse or the field not supported
     */
    public static FieldSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String term : text.split(",")) {
            String trimmed = term.trim();
            boolean equal = !trimmed.contains("!=");
            String[] parts = trimmed.split(equal ? "==?" : "!=", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException("invalid field selector term \"" + trimmed
                        + "\": expected FIELD=VALUE or FIELD!=VALUE");
            }
            String field = parts[0].trim();
            if (!field.equals(NAME) && !field.equals(NAMESPACE)) {
                throw new IllegalArgumentException("field label not supported: " + field
                        + " (supported: metadata.name, metadata.namespace)");
            }
            terms.add(new Term(field, parts[1].trim(), equal));
        }
        return new FieldSelector(terms);
    }

    /** Whether an object named {@code name} in {@code namespace} (null: cluster-scoped) is selected. */
    public boolean matches(String name, String namespace) {
        return terms.stream().allMatch(term -> term.matches(name, namespace));
    }
}

package io.korch.gateway.watch;

import io.korch.gateway.resource.ApiError;
import io.korch.model.ApiKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/**
 * A {@code fieldSelector} as Kubernetes reads one: terms {@code FIELD=VALUE}, {@code FIELD==VALUE}
 * or {@code FIELD!=VALUE} joined by commas, all of which must hold; empty terms are skipped, and
 * {@code \,}, {@code \=} and {@code \\} escape those characters in a value. A field that is not set
 * reads as the empty value, so {@code spec.nodeName=} selects unscheduled pods.
 *
 * <p>The fields a selector may name, and how each is read, are given by the caller: lists and
 * watches of objects use {@link SelectableFields} ({@link #forKind}), event lists the fields of an
 * event. A field not among them is refused with Kubernetes' 400 {@code field label not supported}.
 *
 * @param <T> what is selected
 */
public final class FieldSelector<T> implements Predicate<T> {

    /** One term: {@code field} equals {@code value}, or differs from it when {@code equal} is false. */
    private record Term<T>(String field, Function<T, String> reader, String value, boolean equal) {

        boolean matches(T selected) {
            return Objects.equals(Objects.requireNonNullElse(reader.apply(selected), ""), value) == equal;
        }
    }

    private final List<Term<T>> terms;

    private FieldSelector(List<Term<T>> terms) {
        this.terms = terms;
    }

    /**
     * Parses {@code text} (null or blank: everything) on {@code fields}, each field's name with how to
     * read it.
     *
     * @throws ApiError a 400 when a term does not parse or names a field that is not in {@code fields}
     */
    public static <T> FieldSelector<T> parse(String text, Map<String, Function<T, String>> fields) {
        List<Term<T>> terms = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new FieldSelector<>(terms);
        }
        for (String term : splitTerms(text)) {
            if (term.isBlank()) {
                continue;
            }
            terms.add(term(text, term, fields));
        }
        return new FieldSelector<>(terms);
    }

    /** {@code text} on the fields that objects of {@code kind} are selected by ({@link SelectableFields}). */
    public static FieldSelector<SpecificRecord> forKind(ApiKind kind, String text) {
        return parse(text, SelectableFields.of(kind));
    }

    /** {@code text} on the fields every object has: {@code metadata.name} and {@code metadata.namespace}. */
    public static FieldSelector<SpecificRecord> parse(String text) {
        return parse(text, SelectableFields.METADATA);
    }

    /** Whether {@code selected} satisfies every term. */
    @Override
    public boolean test(T selected) {
        for (Term<T> term : terms) {
            if (!term.matches(selected)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the selector selects everything. */
    public boolean isEmpty() {
        return terms.isEmpty();
    }

    private static <T> Term<T> term(String selector, String term, Map<String, Function<T, String>> fields) {
        int operator = -1;
        int length = 0;
        for (int i = 0; i < term.length() && operator < 0; i++) {
            if (term.startsWith("!=", i) || term.startsWith("==", i)) {
                operator = i;
                length = 2;
            } else if (term.charAt(i) == '=') {
                operator = i;
                length = 1;
            }
        }
        if (operator <= 0) {
            throw ApiError.badRequest("invalid selector: '" + selector + "'; can't understand '" + term + "'");
        }
        String field = term.substring(0, operator).strip();
        boolean equal = term.charAt(operator) != '!';
        String value = unescape(term.substring(operator + length).strip());
        Function<T, String> reader = fields.get(field);
        if (reader == null) {
            throw ApiError.badRequest("field label not supported: " + field + " (supported: "
                    + String.join(", ", fields.keySet()) + ")");
        }
        return new Term<>(field, reader, value, equal);
    }

    /** The terms of {@code text}: split at the commas that no backslash escapes. */
    private static List<String> splitTerms(String text) {
        List<String> terms = new ArrayList<>();
        int start = 0;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',') {
                terms.add(text.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(text.substring(start));
        return terms;
    }

    /** A value with its escapes resolved; an unescaped {@code =} or {@code ,}, or an unknown escape, is a 400. */
    private static String unescape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('=') < 0 && value.indexOf(',') < 0) {
            return value;
        }
        StringBuilder unescaped = new StringBuilder();
        boolean escaped = false;
        for (char c : value.toCharArray()) {
            if (escaped) {
                if (c != '\\' && c != ',' && c != '=') {
                    throw ApiError.badRequest("invalid field selector: invalid escape sequence: \\" + c);
                }
                unescaped.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '=' || c == ',') {
                throw ApiError.badRequest("invalid field selector: unescaped character in value: " + c);
            } else {
                unescaped.append(c);
            }
        }
        if (escaped) {
            throw ApiError.badRequest("invalid field selector: invalid escape sequence: \\");
        }
        return unescaped.toString();
    }
}

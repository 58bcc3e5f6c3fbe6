package io.korch.gateway.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Collects the {@link Cause}s found while validating one object, worded as Kubernetes words them
 * ({@code Invalid value: -1: must be greater than or equal to 0}).
 */
public final class Causes {

    public static final String INVALID = "FieldValueInvalid";
    public static final String REQUIRED = "FieldValueRequired";
    public static final String DUPLICATE = "FieldValueDuplicate";
    public static final String NOT_SUPPORTED = "FieldValueNotSupported";
    public static final String FORBIDDEN = "FieldValueForbidden";
    public static final String TOO_LONG = "FieldValueTooLong";
    public static final String NOT_FOUND = "FieldValueNotFound";

    private final List<Cause> causes = new ArrayList<>();

    /** {@code field} holds a value that breaks a rule. */
    public Causes invalid(String field, Object value, String detail) {
        return add(INVALID, field, "Invalid value: " + render(value) + ": " + detail);
    }

    /** {@code field} is missing or empty. */
    public Causes required(String field) {
        return add(REQUIRED, field, "Required value");
    }

    /** {@code field} is missing or empty, with why it is needed: {@code Required value: must specify a handler type}. */
    public Causes required(String field, String detail) {
        return add(REQUIRED, field, "Required value: " + detail);
    }

    /** {@code field} names something that does not exist, such as a volume a mount names. */
    public Causes notFound(String field, Object value) {
        return add(NOT_FOUND, field, "Not found: " + render(value));
    }

    /** {@code field} repeats a value that must be unique. */
    public Causes duplicate(String field, Object value) {
        return add(DUPLICATE, field, "Duplicate value: " + render(value));
    }

    /** {@code field} holds a value outside {@code supported}. */
    public Causes notSupported(String field, Object value, Collection<String> supported) {
        String values = supported.stream().map(Causes::render).collect(Collectors.joining(", "));
        return add(NOT_SUPPORTED, field, "Unsupported value: " + render(value) + ": supported values: " + values);
    }

    /** {@code field} may not be set (or changed) by this request. */
    public Causes forbidden(String field, String detail) {
        return add(FORBIDDEN, field, "Forbidden: " + detail);
    }

    /** {@code field} is longer than {@code max}. */
    public Causes tooLong(String field, long max) {
        return add(TOO_LONG, field, "Too long: must have at most " + max + " bytes");
    }

    /** A cause already worded, e.g. from the JSON reader. */
    public Causes add(String reason, String field, String message) {
        causes.add(new Cause(reason, field, message));
        return this;
    }

    public boolean isEmpty() {
        return causes.isEmpty();
    }

    public List<Cause> list() {
        return List.copyOf(causes);
    }

    /** A value as Kubernetes prints it: strings quoted, numbers and maps as they are. */
    static String render(Object value) {
        if (value instanceof String text) {
            return "\"" + text + "\"";
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                    .collect(Collectors.joining(",", "map[", "]"));
        }
        return String.valueOf(value);
    }
}

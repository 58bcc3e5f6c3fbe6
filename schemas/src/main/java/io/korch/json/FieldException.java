package io.korch.json;

/** A value that does not fit the schema, with the path of the field at fault ({@code spec.template.spec.containers[0].image}). */
public class FieldException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public FieldException(String field, String reason) {
        super(field.isEmpty() ? reason : field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** The path of the field at fault; empty for the whole object. */
    public String field() {
        return field;
    }

    /** What is wrong with it, without the path. */
    public String reason() {
        return reason;
    }
}

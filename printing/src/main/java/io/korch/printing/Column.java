package io.korch.printing;

/**
 * One column of a table, as Kubernetes' {@code meta.k8s.io/v1 TableColumnDefinition} describes it:
 * a human-readable name ({@code Up-to-date}; kubectl upper-cases it), an OpenAPI type
 * ({@code string}, {@code integer}), an optional format ({@code name} marks the column holding the
 * object's name), a description, and a priority: {@link #NORMAL} for the columns always shown,
 * {@link #WIDE} for those only {@code -o wide} shows.
 */
public record Column(String name, String type, String format, String description, int priority) {

    public static final int NORMAL = 0;
    public static final int WIDE = 1;

    /** The description Kubernetes gives every NAME column: that of {@code metadata.name}. */
    static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when creating"
            + " resources, although some resources may allow a client to request the generation of an appropriate"
            + " name automatically. Name is primarily intended for creation idempotence and configuration"
            + " definition. Cannot be updated. More info:"
            + " https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    /** The description Kubernetes gives every AGE column: that of {@code metadata.creationTimestamp}. */
    static final String AGE_DESCRIPTION = "CreationTimestamp is a timestamp representing the server time when this"
            + " object was created. It is not guaranteed to be set in happens-before order across separate"
            + " operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\n"
            + "Populated by the system. Read-only. Null for lists. More info:"
            + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    /** A string column always shown. */
    public static Column string(String name, String description) {
        return new Column(name, "string", "", description, NORMAL);
    }

    /** An integer column always shown. */
    public static Column integer(String name, String description) {
        return new Column(name, "integer", "", description, NORMAL);
    }

    /** The {@code Name} column: a string in the {@code name} format. */
    public static Column objectName() {
        return new Column("Name", "string", "name", NAME_DESCRIPTION, NORMAL);
    }

    /** The {@code Age} column: how long ago the object was created. */
    public static Column age() {
        return string("Age", AGE_DESCRIPTION);
    }

    /** This column, shown only by {@code -o wide}. */
    public Column wide() {
        return new Column(name, type, format, description, WIDE);
    }

    /** Whether a table shows this column: always, or with {@code -o wide} when it is a wide one. */
    public boolean shown(boolean wide) {
        return wide || priority == NORMAL;
    }
}

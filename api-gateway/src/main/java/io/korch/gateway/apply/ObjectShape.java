package io.korch.gateway.apply;

import org.apache.avro.Schema;

/**
 * Which objects inside a kind are always there, as a Go struct field that is not a pointer is
 * always there in Kubernetes: an object that is always there is never added or removed itself,
 * only its fields are, so an update owns its fields and not the object ({@code f:spec} without
 * {@code ".": {}}), while a map or an optional object that appears is owned too
 * ({@code f:labels: {".": {}, "f:app": {}}}). Elements of lists are never always there.
 */
@FunctionalInterface
public interface ObjectShape {

    /** The record of every object's metadata. */
    String OBJECT_META = "io.korch.api.ObjectMeta";

    /** Nothing is always there but the root. */
    ObjectShape NONE = path -> path.isRoot();

    /** Whether the object at {@code path} is always there. */
    boolean alwaysPresent(FieldPath path);

    /**
     * The shape of records of {@code schema}: a record-typed field that is not nullable is always
     * there, and so is every {@code metadata}, which Kubernetes embeds in its types by value.
     */
    static ObjectShape of(Schema schema) {
        return path -> {
            Schema at = schema;
            for (PathElement element : path.elements()) {
                at = nonNull(at);
                if (element.kind() == PathElement.Kind.FIELD) {
                    if (at.getType() == Schema.Type.RECORD) {
                        Schema.Field field = at.getField(element.name());
                        if (field == null) {
                            return false;
                        }
                        at = field.schema();
                    } else if (at.getType() == Schema.Type.MAP) {
                        at = at.getValueType();
                    } else {
                        return false;
                    }
                } else if (at.getType() == Schema.Type.ARRAY) {
                    at = at.getElementType();
                } else {
                    return false;
                }
            }
            boolean listElement = !path.isRoot() && path.last().kind() != PathElement.Kind.FIELD;
            Schema record = nonNull(at);
            boolean metadata = record.getType() == Schema.Type.RECORD && OBJECT_META.equals(record.getFullName());
            return !listElement && (at.getType() == Schema.Type.RECORD || metadata);
        };
    }

    /** The non-null branch of a nullable union; any other schema as it is. */
    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElse(schema);
    }
}

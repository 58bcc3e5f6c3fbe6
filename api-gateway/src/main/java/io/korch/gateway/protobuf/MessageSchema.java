package io.korch.gateway.protobuf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Kubernetes protobuf message as korch reads it: its fields by number, each with the JSON
 * name Kubernetes gives it and how its value is decoded. Built with {@link #named}.
 *
 * @param name   the Go type name, for error messages ({@code DeploymentSpec})
 * @param fields the fields by number
 */
record MessageSchema(String name, Map<Integer, Field> fields) {

    /** How a field's value is decoded into JSON. */
    enum Type {
        STRING, INT32, INT64, BOOL,
        /** A message of {@link Field#message}. */
        MESSAGE,
        /** {@code map<string,string>}. */
        STRING_MAP,
        /** {@code map<string, resource.Quantity>}, as strings. */
        QUANTITY_MAP,
        /** A {@code resource.Quantity}, as a string. */
        QUANTITY,
        /** {@code metav1.Time}: RFC 3339 seconds; a zero time is left out. */
        TIME,
        /** {@code metav1.FieldsV1}: its raw JSON bytes, as the JSON value. */
        FIELDS_V1,
        /** {@code intstr.IntOrString}, as a number or a string. */
        INT_OR_STRING,
        /** A message korch does not model: shown as {@code {}} so that its name is refused. */
        OPAQUE
    }

    /**
     * One field.
     *
     * @param json     the JSON name
     * @param type     how the value is decoded
     * @param repeated whether the field is a list
     * @param kept     whether a zero value (0, false, "", an empty message) is shown, as for Go
     *                 pointers and fields without {@code omitempty}; else it is left out
     * @param message  the schema of a {@link Type#MESSAGE} field, else null
     */
    record Field(String json, Type type, boolean repeated, boolean kept, MessageSchema message) {
    }

    /** Starts the schema of the message {@code name}. */
    static Builder named(String name) {
        return new Builder(name);
    }

    /** Adds fields in the order of the proto file; {@link #kept} marks the field just added. */
    static final class Builder {

        private final String name;
        private final Map<Integer, Field> fields = new LinkedHashMap<>();
        private int last;

        private Builder(String name) {
            this.name = name;
        }

        Builder string(int number, String json) {
            return add(number, new Field(json, Type.STRING, false, false, null));
        }

        Builder strings(int number, String json) {
            return add(number, new Field(json, Type.STRING, true, false, null));
        }

        Builder int32(int number, String json) {
            return add(number, new Field(json, Type.INT32, false, false, null));
        }

        Builder int64(int number, String json) {
            return add(number, new Field(json, Type.INT64, false, false, null));
        }

        Builder bool(int number, String json) {
            return add(number, new Field(json, Type.BOOL, false, false, null));
        }

        Builder message(int number, String json, MessageSchema message) {
            return add(number, new Field(json, Type.MESSAGE, false, false, message));
        }

        Builder messages(int number, String json, MessageSchema message) {
            return add(number, new Field(json, Type.MESSAGE, true, false, message));
        }

        Builder stringMap(int number, String json) {
            return add(number, new Field(json, Type.STRING_MAP, false, false, null));
        }

        Builder quantityMap(int number, String json) {
            return add(number, new Field(json, Type.QUANTITY_MAP, false, false, null));
        }

        Builder quantity(int number, String json) {
            return add(number, new Field(json, Type.QUANTITY, false, false, null));
        }

        Builder time(int number, String json) {
            return add(number, new Field(json, Type.TIME, false, false, null));
        }

        Builder fieldsV1(int number, String json) {
            return add(number, new Field(json, Type.FIELDS_V1, false, false, null));
        }

        Builder intOrString(int number, String json) {
            return add(number, new Field(json, Type.INT_OR_STRING, false, false, null));
        }

        Builder opaque(int number, String json) {
            return add(number, new Field(json, Type.OPAQUE, false, false, null));
        }

        Builder opaques(int number, String json) {
            return add(number, new Field(json, Type.OPAQUE, true, false, null));
        }

        /** Shows the field just added even when zero. */
        Builder kept() {
            Field field = fields.get(last);
            fields.put(last, new Field(field.json(), field.type(), field.repeated(), true, field.message()));
            return this;
        }

        MessageSchema build() {
            return new MessageSchema(name, Map.copyOf(fields));
        }

        private Builder add(int number, Field field) {
            if (fields.putIfAbsent(number, field) != null) {
                throw new IllegalStateException(name + " declares field " + number + " twice");
            }
            last = number;
            return this;
        }
    }
}

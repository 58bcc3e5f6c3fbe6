package io.korch.gateway.resource;

import io.korch.api.ObjectMeta;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Schema-driven access to the fields every served kind shares ({@code metadata}, {@code spec},
 * {@code status}), so one code path handles them all.
 *
 * <p>Changes return shallow copies: the new record shares the unchanged fields with the original,
 * which is safe because records taken from the view are never mutated.
 */
public final class ObjectRecords {

    private ObjectRecords() {
    }

    /** The record's {@code metadata}. */
    public static ObjectMeta metadata(SpecificRecord record) {
        return (ObjectMeta) get(record, "metadata");
    }

    /** The record's {@code spec}, or null when its kind has none. */
    public static Object spec(SpecificRecord record) {
        Schema.Field field = record.getSchema().getField("spec");
        return field == null ? null : record.get(field.pos());
    }

    /** The value of {@code field}. */
    public static Object get(SpecificRecord record, String field) {
        return record.get(field(record, field).pos());
    }

    /** A copy of {@code record} with {@code field} set to {@code value}. */
    public static <T extends SpecificRecord> T with(T record, String field, Object value) {
        T copy = shallowCopy(record);
        copy.put(field(copy, field).pos(), value);
        return copy;
    }

    /** Whether {@code record}'s kind has {@code field}. */
    public static boolean has(SpecificRecord record, String field) {
        return record.getSchema().getField(field) != null;
    }

    /** Whether records of {@code type} have a {@code status}, and so a status subresource. */
    public static boolean hasStatus(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type).getField("status") != null;
    }

    private static Schema.Field field(SpecificRecord record, String name) {
        Schema.Field field = record.getSchema().getField(name);
        if (field == null) {
            throw new IllegalArgumentException(record.getSchema().getName() + " has no field " + name);
        }
        return field;
    }

    private static <T extends SpecificRecord> T shallowCopy(T record) {
        Schema schema = record.getSchema();
        @SuppressWarnings("unchecked")
        T copy = (T) SpecificData.getForSchema(schema).newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            copy.put(field.pos(), record.get(field.pos()));
        }
        return copy;
    }
}

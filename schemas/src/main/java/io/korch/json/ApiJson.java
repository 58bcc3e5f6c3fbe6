package io.korch.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Converts between Kubernetes-shaped JSON and korch's Avro records, driven by the Avro schema
 * alone, so every kind gets the same rules for free.
 *
 * <p>Reading is strict: a field the schema does not know is refused with its path
 * ({@code spec.template.spec.containers[0].livenessProbe: unknown field}), never silently dropped;
 * a value of the wrong type is refused with the type expected. Timestamps travel as RFC 3339
 * strings. Writing omits nulls and empty collections, as Kubernetes does.
 *
 * <p>A string schema marked {@code "jsonValue": true} holds a JSON value as text (the
 * {@code fieldsV1} of a managed fields entry): the API reads and writes it as that value, the
 * record keeps its compact JSON text. A string schema marked {@code "intOrString": true} holds
 * Kubernetes' IntOrString (a probe's {@code port}: {@code 8080} or {@code http}): it reads a number
 * or a string and writes a number back as a number.
 */
public final class ApiJson {

    /** A shared, thread-safe JSON mapper. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The schema property that marks a string holding a JSON value. */
    private static final String JSON_VALUE = "jsonValue";
    /** The schema property that marks a string holding a number or a name. */
    private static final String INT_OR_STRING = "intOrString";

    private ApiJson() {
    }

    /**
     * Reads a record of {@code type} from JSON.
     *
     * @throws FieldException naming the first field at fault
     */
    public static <T extends SpecificRecord> T read(JsonNode json, Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        return type.cast(readValue(json, schema, ""));
    }

    /** Writes a record as Kubernetes-shaped JSON. */
    public static ObjectNode write(SpecificRecord record) {
        return (ObjectNode) writeValue(record, record.getSchema());
    }

    /** A deep copy of a record, for building a changed record without mutating the original. */
    public static <T extends SpecificRecord> T copy(T record) {
        @SuppressWarnings("unchecked")
        T copy = (T) SpecificData.getForSchema(record.getSchema()).deepCopy(record.getSchema(), record);
        return copy;
    }

    private static Object readValue(JsonNode json, Schema schema, String path) {
        switch (schema.getType()) {
            case UNION:
                return readUnion(json, schema, path);
            case RECORD:
                return readRecord(json, schema, path);
            case ARRAY:
                return readArray(json, schema, path);
            case MAP:
                return readMap(json, schema, path);
            case STRING:
                if (holdsJson(schema)) {
                    return json.toString();
                }
                if (json.isTextual() || json.isNumber() || json.isBoolean()) {
                    return json.asText();
                }
                throw new FieldException(path, "expected a string, got " + describe(json));
            case INT:
                if (json.isIntegralNumber() && json.canConvertToInt()) {
                    return json.intValue();
                }
                throw new FieldException(path, "expected an integer, got " + describe(json));
            case LONG:
                return readLong(json, schema, path);
            case BOOLEAN:
                if (json.isBoolean()) {
                    return json.booleanValue();
                }
                throw new FieldException(path, "expected true or false, got " + describe(json));
            case DOUBLE:
                if (json.isNumber()) {
                    return json.doubleValue();
                }
                throw new FieldException(path, "expected a number, got " + describe(json));
            default:
                throw new IllegalStateException("schema type not supported: " + schema.getType());
        }
    }

    private static Object readUnion(JsonNode json, Schema union, String path) {
        if (json == null || json.isNull()) {
            if (union.isNullable()) {
                return null;
            }
            throw new FieldException(path, "must not be null");
        }
        for (Schema branch : union.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return readValue(json, branch, path);
            }
        }
        throw new IllegalStateException("union without a non-null branch at " + path);
    }

    private static Object readRecord(JsonNode json, Schema schema, String path) {
        if (!json.isObject()) {
            throw new FieldException(path, "expected an object, got " + describe(json));
        }
        SpecificData model = SpecificData.getForSchema(schema);
        SpecificRecord record = (SpecificRecord) model.newRecord(null, schema);
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext()) {
            String name = fields.next().getKey();
            if (schema.getField(name) == null) {
                throw new FieldException(join(path, name), "unknown field");
            }
        }
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = json.get(field.name());
            String fieldPath = join(path, field.name());
            if (value == null || value.isNull()) {
                record.put(field.pos(), defaultValue(field, fieldPath));
            } else {
                record.put(field.pos(), readValue(value, field.schema(), fieldPath));
            }
        }
        return record;
    }

    private static Object defaultValue(Schema.Field field, String path) {
        if (!field.hasDefaultValue()) {
            throw new FieldException(path, "required value");
        }
        Object value = field.defaultVal();
        if (value == JsonProperties.NULL_VALUE) {
            return null;
        }
        return switch (field.schema().getType()) {
            case ARRAY -> new ArrayList<>();
            case MAP -> new LinkedHashMap<>();
            default -> value;
        };
    }

    private static List<Object> readArray(JsonNode json, Schema schema, String path) {
        if (!json.isArray()) {
            throw new FieldException(path, "expected a list, got " + describe(json));
        }
        List<Object> items = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            JsonNode item = json.get(i);
            String itemPath = path + "[" + i + "]";
            if (item.isNull()) {
                throw new FieldException(itemPath, "must not be null");
            }
            items.add(readValue(item, schema.getElementType(), itemPath));
        }
        return items;
    }

    private static Map<String, Object> readMap(JsonNode json, Schema schema, String path) {
        if (!json.isObject()) {
            throw new FieldException(path, "expected an object, got " + describe(json));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = json.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String entryPath = join(path, entry.getKey());
            if (entry.getValue().isNull()) {
                throw new FieldException(entryPath, "must not be null");
            }
            map.put(entry.getKey(), readValue(entry.getValue(), schema.getValueType(), entryPath));
        }
        return map;
    }

    private static Object readLong(JsonNode json, Schema schema, String path) {
        boolean timestamp = schema.getLogicalType() instanceof LogicalTypes.TimestampMillis;
        if (timestamp && json.isTextual()) {
            try {
                return Instant.parse(json.textValue());
            } catch (DateTimeParseException e) {
                throw new FieldException(path, "expected an RFC 3339 time such as 2024-01-31T12:00:00Z, got \""
                        + json.textValue() + "\"");
            }
        }
        if (json.isIntegralNumber() && json.canConvertToLong()) {
            return timestamp ? Instant.ofEpochMilli(json.longValue()) : json.longValue();
        }
        throw new FieldException(path, (timestamp ? "expected a time" : "expected an integer") + ", got " + describe(json));
    }

    private static JsonNode writeValue(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        switch (schema.getType()) {
            case UNION:
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() != Schema.Type.NULL) {
                        return writeValue(value, branch);
                    }
                }
                return null;
            case RECORD:
                return writeRecord((SpecificRecord) value, schema);
            case ARRAY: {
                Collection<?> items = (Collection<?>) value;
                if (items.isEmpty()) {
                    return null;
                }
                ArrayNode array = NODES.arrayNode();
                for (Object item : items) {
                    array.add(writeValue(item, schema.getElementType()));
                }
                return array;
            }
            case MAP: {
                Map<?, ?> map = (Map<?, ?>) value;
                if (map.isEmpty()) {
                    return null;
                }
                ObjectNode object = NODES.objectNode();
                map.forEach((k, v) -> object.set(k.toString(), writeValue(v, schema.getValueType())));
                return object;
            }
            case STRING:
                if (holdsJson(schema)) {
                    return parseHeldJson(value.toString());
                }
                return isIntOrString(schema) && isNumber(value.toString())
                        ? NODES.numberNode(Integer.parseInt(value.toString()))
                        : NODES.textNode(value.toString());
            case INT:
                return NODES.numberNode((Integer) value);
            case LONG:
                if (value instanceof Instant instant) {
                    return NODES.textNode(instant.truncatedTo(ChronoUnit.SECONDS).toString());
                }
                return NODES.numberNode((Long) value);
            case BOOLEAN:
                return NODES.booleanNode((Boolean) value);
            case DOUBLE:
                return NODES.numberNode((Double) value);
            default:
                throw new IllegalStateException("schema type not supported: " + schema.getType());
        }
    }

    private static ObjectNode writeRecord(SpecificRecord record, Schema schema) {
        ObjectNode object = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
            JsonNode json = writeValue(record.get(field.pos()), field.schema());
            if (json != null) {
                object.set(field.name(), json);
            }
        }
        return object;
    }

    /** Whether a string schema holds a JSON value as text, marked {@code "jsonValue": true}. */
    private static boolean holdsJson(Schema schema) {
        return Boolean.TRUE.equals(schema.getObjectProp(JSON_VALUE));
    }

    private static boolean isIntOrString(Schema schema) {
        return Boolean.TRUE.equals(schema.getObjectProp(INT_OR_STRING));
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() < 10 && text.chars().allMatch(Character::isDigit);
    }

    private static JsonNode parseHeldJson(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a jsonValue string does not hold JSON: " + text, e);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String describe(JsonNode json) {
        if (json.isObject()) {
            return "an object";
        }
        if (json.isArray()) {
            return "a list";
        }
        if (json.isTextual()) {
            return "\"" + json.textValue() + "\"";
        }
        return json.toString();
    }
}

package io.korch.gateway.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.protobuf.MessageSchema.Field;
import io.korch.json.ApiJson;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * Reads a Kubernetes protobuf body ({@code application/vnd.kubernetes.protobuf}, as kubectl's typed
 * clients send) into the JSON Kubernetes would show for the same object, so the rest of the gateway
 * reads it like any JSON body.
 *
 * <p>The body is the magic {@code k8s\0} and a {@code runtime.Unknown}: its {@code typeMeta} names
 * the kind, its {@code raw} holds the object's message, decoded by the {@link KubernetesSchemas}
 * table. Zero values are left out as Go's {@code omitempty} leaves them out, and so are empty
 * messages and zero times, which protobuf carries where JSON would not (an empty
 * {@code creationTimestamp}, {@code status}, {@code strategy}); fields marked kept are shown
 * even when zero.
 */
public final class KubernetesProtobuf {

    /** The media type of the body. */
    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private KubernetesProtobuf() {
    }

    /**
     * The object in {@code body}, as JSON with its {@code apiVersion} and {@code kind}.
     *
     * @throws MalformedProtobufException when the envelope or the message is broken, names a kind
     *                                    korch does not read, or has a field number the table lacks
     */
    public static ObjectNode toJson(byte[] body) {
        if (body.length < MAGIC.length) {
            throw new MalformedProtobufException("the body is too short for a Kubernetes protobuf envelope");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (body[i] != MAGIC[i]) {
                throw new MalformedProtobufException("the body does not start with the Kubernetes protobuf prefix k8s\\0");
            }
        }
        Envelope envelope = Envelope.read(new WireReader(body, MAGIC.length, body.length));
        if (!envelope.contentEncoding().isEmpty()) {
            throw new MalformedProtobufException("unsupported contentEncoding " + envelope.contentEncoding());
        }
        MessageSchema schema = KubernetesSchemas.of(envelope.apiVersion(), envelope.kind())
                .orElseThrow(() -> new MalformedProtobufException("korch does not read " + envelope.kind() + " of "
                        + (envelope.apiVersion().isEmpty() ? "no apiVersion" : envelope.apiVersion())
                        + " as protobuf"));
        ObjectNode json = NODES.objectNode();
        json.put("apiVersion", envelope.apiVersion());
        json.put("kind", envelope.kind());
        json.setAll(message(new WireReader(envelope.raw()), schema));
        return json;
    }

    /** The {@code runtime.Unknown} around the object. */
    private record Envelope(String apiVersion, String kind, byte[] raw, String contentEncoding) {

        static Envelope read(WireReader unknown) {
            String apiVersion = "";
            String kind = "";
            byte[] raw = new byte[0];
            String contentEncoding = "";
            while (!unknown.atEnd()) {
                int tag = unknown.tag();
                switch (tag) {
                    case 1 << 3 | WireReader.LENGTH_DELIMITED -> {
                        WireReader typeMeta = unknown.delimited();
                        while (!typeMeta.atEnd()) {
                            int inner = typeMeta.tag();
                            switch (inner) {
                                case 1 << 3 | WireReader.LENGTH_DELIMITED -> apiVersion = typeMeta.string();
                                case 2 << 3 | WireReader.LENGTH_DELIMITED -> kind = typeMeta.string();
                                default -> throw unknownField("TypeMeta", inner);
                            }
                        }
                    }
                    case 2 << 3 | WireReader.LENGTH_DELIMITED -> raw = unknown.delimited().remaining();
                    case 3 << 3 | WireReader.LENGTH_DELIMITED -> contentEncoding = unknown.string();
                    case 4 << 3 | WireReader.LENGTH_DELIMITED -> unknown.string();
                    default -> throw unknownField("Unknown", tag);
                }
            }
            return new Envelope(apiVersion, kind, raw, contentEncoding);
        }
    }

    private static ObjectNode message(WireReader reader, MessageSchema schema) {
        ObjectNode json = NODES.objectNode();
        while (!reader.atEnd()) {
            int tag = reader.tag();
            Field field = schema.fields().get(tag >>> 3);
            if (field == null) {
                throw new MalformedProtobufException(schema.name() + " has no field number " + (tag >>> 3));
            }
            int wireType = tag & 7;
            if (wireType != wireType(field)) {
                throw new MalformedProtobufException(schema.name() + "." + field.json() + " (field " + (tag >>> 3)
                        + ") has wire type " + wireType + ", expected " + wireType(field));
            }
            JsonNode value = value(reader, field, schema);
            if (field.repeated()) {
                if (value != null) {
                    child(json, field.json(), NODES::arrayNode).add(value);
                }
            } else if (field.type() == MessageSchema.Type.STRING_MAP || field.type() == MessageSchema.Type.QUANTITY_MAP) {
                child(json, field.json(), NODES::objectNode).setAll((ObjectNode) value);
            } else if (value != null && (field.kept() || field.type() == MessageSchema.Type.OPAQUE || !isZero(value))) {
                json.set(field.json(), value);
            } else {
                json.remove(field.json());
            }
        }
        return json;
    }

    /** The list or map {@code name} of {@code json}, added when absent. */
    private static <T extends JsonNode> T child(ObjectNode json, String name, Supplier<T> empty) {
        JsonNode existing = json.get(name);
        if (existing != null && existing.getNodeType() == empty.get().getNodeType()) {
            @SuppressWarnings("unchecked")
            T child = (T) existing;
            return child;
        }
        T child = empty.get();
        json.set(name, child);
        return child;
    }

    /** The value of one occurrence of {@code field}; null for a zero time. */
    private static JsonNode value(WireReader reader, Field field, MessageSchema schema) {
        return switch (field.type()) {
            case STRING -> NODES.textNode(reader.string());
            case INT32 -> NODES.numberNode((int) reader.varint());
            case INT64 -> NODES.numberNode(reader.varint());
            case BOOL -> NODES.booleanNode(reader.varint() != 0);
            case MESSAGE -> message(reader.delimited(), field.message());
            case STRING_MAP, QUANTITY_MAP -> mapEntry(reader.delimited(), field, schema);
            case QUANTITY -> NODES.textNode(quantity(reader.delimited()));
            case TIME -> time(reader.delimited());
            case FIELDS_V1 -> fieldsV1(reader.delimited());
            case INT_OR_STRING -> intOrString(reader.delimited());
            case OPAQUE -> {
                reader.delimited();
                yield NODES.objectNode();
            }
        };
    }

    private static int wireType(Field field) {
        return switch (field.type()) {
            case INT32, INT64, BOOL -> WireReader.VARINT;
            default -> WireReader.LENGTH_DELIMITED;
        };
    }

    private static boolean isZero(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().isEmpty();
        }
        if (value.isNumber()) {
            return value.longValue() == 0;
        }
        if (value.isBoolean()) {
            return !value.booleanValue();
        }
        return value.isObject() && value.isEmpty();
    }

    /** One {@code {1: key, 2: value}} entry of a map, as a one-field object. */
    private static ObjectNode mapEntry(WireReader entry, Field field, MessageSchema schema) {
        String key = "";
        String value = "";
        while (!entry.atEnd()) {
            int tag = entry.tag();
            switch (tag) {
                case 1 << 3 | WireReader.LENGTH_DELIMITED -> key = entry.string();
                case 2 << 3 | WireReader.LENGTH_DELIMITED ->
                        value = field.type() == MessageSchema.Type.QUANTITY_MAP ? quantity(entry.delimited()) : entry.string();
                default -> throw unknownField(schema.name() + "." + field.json() + " entry", tag);
            }
        }
        return NODES.objectNode().put(key, value);
    }

    /** A {@code resource.Quantity}: {@code {1: string}}. */
    private static String quantity(WireReader quantity) {
        String text = "";
        while (!quantity.atEnd()) {
            int tag = quantity.tag();
            if (tag != (1 << 3 | WireReader.LENGTH_DELIMITED)) {
                throw unknownField("Quantity", tag);
            }
            text = quantity.string();
        }
        return text;
    }

    /** A {@code metav1.Time}: {@code {1: seconds, 2: nanos}}, as RFC 3339 seconds; null when empty. */
    private static JsonNode time(WireReader time) {
        if (time.atEnd()) {
            return null;
        }
        long seconds = 0;
        while (!time.atEnd()) {
            int tag = time.tag();
            switch (tag) {
                case 1 << 3 | WireReader.VARINT -> seconds = time.varint();
                case 2 << 3 | WireReader.VARINT -> time.varint();
                default -> throw unknownField("Time", tag);
            }
        }
        return NODES.textNode(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(seconds)));
    }

    /** A {@code metav1.FieldsV1}: {@code {1: raw JSON}}, as that JSON. */
    private static JsonNode fieldsV1(WireReader fields) {
        byte[] raw = new byte[0];
        while (!fields.atEnd()) {
            int tag = fields.tag();
            if (tag != (1 << 3 | WireReader.LENGTH_DELIMITED)) {
                throw unknownField("FieldsV1", tag);
            }
            raw = fields.delimited().remaining();
        }
        if (raw.length == 0) {
            return NODES.objectNode();
        }
        try {
            return ApiJson.MAPPER.readTree(raw);
        } catch (IOException e) {
            throw new MalformedProtobufException("FieldsV1 does not hold JSON");
        }
    }

    /** An {@code intstr.IntOrString}: {@code {1: type (0 int, 1 string), 2: intVal, 3: strVal}}. */
    private static JsonNode intOrString(WireReader value) {
        long type = 0;
        int intVal = 0;
        String strVal = "";
        while (!value.atEnd()) {
            int tag = value.tag();
            switch (tag) {
                case 1 << 3 | WireReader.VARINT -> type = value.varint();
                case 2 << 3 | WireReader.VARINT -> intVal = (int) value.varint();
                case 3 << 3 | WireReader.LENGTH_DELIMITED -> strVal = value.string();
                default -> throw unknownField("IntOrString", tag);
            }
        }
        return type == 1 ? NODES.textNode(strVal) : NODES.numberNode(intVal);
    }

    private static MalformedProtobufException unknownField(String message, int tag) {
        return new MalformedProtobufException(message + " has no field number " + (tag >>> 3)
                + " of wire type " + (tag & 7));
    }
}

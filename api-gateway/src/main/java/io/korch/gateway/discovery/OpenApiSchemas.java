package io.korch.gateway.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.ObjectMeta;
import io.korch.gateway.patch.ListMergeKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The OpenAPI schemas of one document, derived from the Avro schemas of the kinds it describes: a
 * record becomes an object with its fields as properties (those with neither a default nor a null
 * branch required) and is referenced by its full name; a map becomes an object of
 * {@code additionalProperties}; an array a list of {@code items}, with the
 * {@code x-kubernetes-patch-merge-key} and {@code x-kubernetes-patch-strategy} that
 * {@link ListMergeKeys} gives its path; a union with null its other branch; int and long integers;
 * a {@code timestamp-millis} long an RFC 3339 {@code date-time} string; a string marked
 * {@code intOrString} (a probe's port) Kubernetes' {@code int-or-string}. Each top-level kind carries
 * its {@code x-kubernetes-group-version-kind}. The few shapes that are not Avro records (lists,
 * {@code Status}, {@code Scale}, a patch body) are written here.
 *
 * <p>One instance collects the schemas of one document, each once, in the order first reached.
 */
final class OpenApiSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String NAMESPACE = "io.korch.api.";
    static final String STATUS = NAMESPACE + "Status";
    static final String PATCH = NAMESPACE + "Patch";
    static final String LIST_META = NAMESPACE + "ListMeta";

    private final String refPrefix;
    private final Map<String, ObjectNode> schemas = new LinkedHashMap<>();

    /** Schemas that reference each other as {@code refPrefix + name}: {@code #/components/schemas/}. */
    OpenApiSchemas(String refPrefix) {
        this.refPrefix = refPrefix;
    }

    /** Every schema collected, by name. */
    Map<String, ObjectNode> all() {
        return schemas;
    }

    /** A reference to the schema {@code name}. */
    ObjectNode ref(String name) {
        return NODES.objectNode().put("$ref", refPrefix + name);
    }

    /** Adds the schema of the kind of {@code resource}, and of all it holds; returns its name. */
    String kind(ServedResource resource) {
        Schema schema = resource.schema();
        record(schema, "");
        schemas.get(schema.getFullName()).set("x-kubernetes-group-version-kind",
                gvk(resource.groupVersion(), resource.kind()));
        return schema.getFullName();
    }

    /** Adds the schema of the list of the kind of {@code resource}; returns its name. */
    String list(ServedResource resource) {
        String item = kind(resource);
        String name = item + "List";
        if (!schemas.containsKey(name)) {
            status();
            ObjectNode list = object(resource.kind() + "List is a list of " + resource.kind() + " objects.");
            ObjectNode properties = list.putObject("properties");
            properties.set("apiVersion", string());
            properties.set("kind", string());
            properties.set("metadata", ref(LIST_META));
            properties.set("items", NODES.objectNode().put("type", "array").set("items", ref(item)));
            list.putArray("required").add("items");
            list.set("x-kubernetes-group-version-kind", gvk(resource.groupVersion(), resource.kind() + "List"));
            schemas.put(name, list);
        }
        return name;
    }

    /** Adds the {@code autoscaling/v1 Scale} schema of a scale subresource; returns its name. */
    String scale(ServedResource.Subresource subresource) {
        String name = NAMESPACE + subresource.kind();
        if (!schemas.containsKey(name)) {
            String meta = record(ObjectMeta.getClassSchema(), "metadata");
            ObjectNode scale = object("A request to scale a resource, and its current size.");
            ObjectNode properties = scale.putObject("properties");
            properties.set("apiVersion", string());
            properties.set("kind", string());
            properties.set("metadata", ref(meta));
            ObjectNode spec = object("The size asked for.");
            spec.putObject("properties").set("replicas", integer("int32", "The number of replicas asked for."));
            properties.set("spec", spec);
            ObjectNode status = object("The current size.");
            ObjectNode statusProperties = status.putObject("properties");
            statusProperties.set("replicas", integer("int32", "The number of replicas there are."));
            statusProperties.set("selector", string().put("description", "The label selector of the replicas."));
            status.putArray("required").add("replicas");
            properties.set("status", status);
            scale.set("x-kubernetes-group-version-kind", gvk(subresource.groupVersion(), subresource.kind()));
            schemas.put(name, scale);
        }
        return name;
    }

    /**
     * Adds the schema of the {@code Status} answered on errors and collection deletes, and of the
     * {@code ListMeta} it holds; returns its name.
     */
    String status() {
        if (!schemas.containsKey(LIST_META)) {
            ObjectNode listMeta = object("The metadata of a list.");
            ObjectNode properties = listMeta.putObject("properties");
            properties.set("resourceVersion", string().put("description", "The revision the list was read at."));
            properties.set("continue", string());
            schemas.put(LIST_META, listMeta);
        }
        if (!schemas.containsKey(STATUS)) {
            ObjectNode status = object("The outcome of a request that returns no object, or of a failed one.");
            ObjectNode properties = status.putObject("properties");
            properties.set("apiVersion", string());
            properties.set("kind", string());
            properties.set("metadata", ref(LIST_META));
            properties.set("status", string().put("description", "Success or Failure."));
            properties.set("message", string());
            properties.set("reason", string());
            properties.set("details", NODES.objectNode().put("type", "object"));
            properties.set("code", integer("int32", "The HTTP status code."));
            status.set("x-kubernetes-group-version-kind", gvk(new GroupVersion("", "v1"), "Status"));
            schemas.put(STATUS, status);
        }
        return STATUS;
    }

    /** Adds the schema of a PATCH body, which depends on its content type; returns its name. */
    String patch() {
        schemas.computeIfAbsent(PATCH, name -> object("A patch, in the format its Content-Type names."));
        return PATCH;
    }

    /** Adds the schema of {@code record} reached at {@code path} and those it holds, once; returns its name. */
    private String record(Schema record, String path) {
        String name = record.getFullName();
        if (schemas.containsKey(name)) {
            return name;
        }
        ObjectNode node = object(record.getDoc());
        schemas.put(name, node);
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (Schema.Field field : record.getFields()) {
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            ObjectNode property = property(field.schema(), fieldPath);
            if (field.doc() != null && !property.has("$ref")) {
                property.put("description", field.doc());
            }
            properties.set(field.name(), property);
            if (!field.hasDefaultValue() && !field.schema().isNullable()) {
                required.add(field.name());
            }
        }
        if (!required.isEmpty()) {
            node.set("required", required);
        }
        return name;
    }

    private ObjectNode property(Schema schema, String path) {
        return switch (schema.getType()) {
            case UNION -> property(nonNull(schema), path);
            case RECORD -> ref(record(schema, path));
            case ARRAY -> array(schema, path);
            case MAP -> NODES.objectNode().put("type", "object")
                    .set("additionalProperties", property(schema.getValueType(), path));
            case ENUM -> {
                ObjectNode values = string();
                schema.getEnumSymbols().forEach(values.putArray("enum")::add);
                yield values;
            }
            case STRING -> Boolean.TRUE.equals(schema.getObjectProp("intOrString"))
                    ? string().put("format", "int-or-string") : string();
            case INT -> integer("int32", null);
            case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? string().put("format", "date-time") : integer("int64", null);
            case BOOLEAN -> NODES.objectNode().put("type", "boolean");
            case DOUBLE -> NODES.objectNode().put("type", "number").put("format", "double");
            case FLOAT -> NODES.objectNode().put("type", "number").put("format", "float");
            default -> throw new IllegalStateException("no OpenAPI type for the Avro type " + schema.getType()
                    + " at " + path);
        };
    }

    private ObjectNode array(Schema schema, String path) {
        ObjectNode array = NODES.objectNode().put("type", "array");
        array.set("items", property(schema.getElementType(), path));
        Optional<String> mergeKey = ListMergeKeys.mergeKey(path);
        if (mergeKey.isPresent()) {
            array.put("x-kubernetes-patch-merge-key", mergeKey.get());
            array.put("x-kubernetes-patch-strategy", "merge");
        } else if (ListMergeKeys.mergesAsSet(path)) {
            array.put("x-kubernetes-patch-strategy", "merge");
        }
        return array;
    }

    private static Schema nonNull(Schema union) {
        return union.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).findFirst()
                .orElseThrow(() -> new IllegalStateException("a union of null alone: " + union));
    }

    private static ArrayNode gvk(GroupVersion groupVersion, String kind) {
        ArrayNode gvks = NODES.arrayNode();
        gvks.addObject().put("group", groupVersion.group()).put("kind", kind).put("version", groupVersion.version());
        return gvks;
    }

    private static ObjectNode object(String description) {
        ObjectNode node = NODES.objectNode();
        if (description != null) {
            node.put("description", description);
        }
        return node.put("type", "object");
    }

    private static ObjectNode string() {
        return NODES.objectNode().put("type", "string");
    }

    private static ObjectNode integer(String format, String description) {
        ObjectNode node = NODES.objectNode().put("type", "integer").put("format", format);
        return description == null ? node : node.put("description", description);
    }
}

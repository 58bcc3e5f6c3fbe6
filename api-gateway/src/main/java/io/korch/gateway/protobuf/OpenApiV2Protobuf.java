package io.korch.gateway.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.json.Manifests;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Encodes a Swagger 2.0 document, as JSON, into the protobuf kube-apiserver serves on
 * {@code /openapi/v2} to clients asking for {@value #MEDIA_TYPE_DEPRECATED}: gnostic's
 * {@code openapi.v2.Document} ({@code openapiv2/OpenAPIv2.proto} of github.com/google/gnostic),
 * which kubectl up to 1.26 reads to validate manifests, to explain kinds and to find a kind's
 * strategic merge keys, and which client-go's query parameter checks (server-side dry run) read the
 * paths of.
 *
 * <p>Every part of the document korch writes is encoded: the info, each path with its shared
 * parameters and its operations (parameters, responses, vendor extensions), and each definition
 * with its type, format, description, properties, items, additional properties, {@code $ref},
 * required fields and enum. Vendor extensions ({@code x-kubernetes-group-version-kind}, the patch
 * merge key and strategy) become {@code NamedAny}s holding the value as YAML, as gnostic writes
 * them. Fields are written in field-number order, and a keyword this encoder has no field for fails
 * the encoding rather than being dropped.
 */
public final class OpenApiV2Protobuf {

    /** The media type kubectl up to 1.26 asks for. */
    public static final String MEDIA_TYPE_DEPRECATED = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
    /** The media type newer clients ask for, and the one kube-apiserver answers with for both. */
    public static final String MEDIA_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private static final Set<String> DOCUMENT_KEYWORDS = Set.of("swagger", "info", "paths", "definitions");
    private static final Set<String> INFO_KEYWORDS = Set.of("title", "version", "description");
    private static final Set<String> PATH_ITEM_KEYWORDS = Set.of("parameters", "get", "put", "post", "delete",
            "options", "head", "patch");
    /** The operations of a path item, by their field number in {@code PathItem}. */
    private static final Map<Integer, String> PATH_ITEM_OPERATIONS = Map.of(2, "get", 3, "put", 4, "post",
            5, "delete", 6, "options", 7, "head", 8, "patch");
    private static final Set<String> OPERATION_KEYWORDS = Set.of("tags", "summary", "description", "operationId",
            "produces", "consumes", "parameters", "responses", "deprecated");
    private static final Set<String> BODY_PARAMETER_KEYWORDS = Set.of("name", "in", "description", "required",
            "schema");
    private static final Set<String> OTHER_PARAMETER_KEYWORDS = Set.of("name", "in", "description", "required",
            "type", "format", "uniqueItems");
    private static final Set<String> RESPONSE_KEYWORDS = Set.of("description", "schema");
    private static final Set<String> SCHEMA_KEYWORDS = Set.of("$ref", "format", "title", "description",
            "uniqueItems", "required", "enum", "additionalProperties", "type", "items", "properties", "readOnly");

    private OpenApiV2Protobuf() {
    }

    /**
     * The {@code openapi.v2.Document} of {@code swagger}.
     *
     * @throws IllegalArgumentException when the document holds a keyword this encoder has no field for
     */
    public static byte[] encode(JsonNode swagger) {
        check(swagger, DOCUMENT_KEYWORDS, "the document");
        WireWriter document = new WireWriter();
        text(document, 1, swagger, "swagger");
        if (swagger.has("info")) {
            document.message(2, info(swagger.get("info")));
        }
        if (swagger.has("paths")) {
            document.message(8, paths(swagger.get("paths")));
        }
        if (swagger.has("definitions")) {
            document.message(9, namedSchemas(swagger.get("definitions"), "#/definitions"));
        }
        vendorExtensions(document, 16, swagger);
        return document.toBytes();
    }

    private static WireWriter info(JsonNode info) {
        check(info, INFO_KEYWORDS, "info");
        WireWriter message = new WireWriter();
        text(message, 1, info, "title");
        text(message, 2, info, "version");
        text(message, 3, info, "description");
        vendorExtensions(message, 7, info);
        return message;
    }

    /** {@code Paths}: its {@code path} (2) a {@code NamedPathItem} per path. */
    private static WireWriter paths(JsonNode paths) {
        WireWriter message = new WireWriter();
        paths.fields().forEachRemaining(path -> message.message(2, new WireWriter()
                .string(1, path.getKey())
                .message(2, pathItem(path.getValue(), path.getKey()))));
        return message;
    }

    private static WireWriter pathItem(JsonNode item, String path) {
        check(item, PATH_ITEM_KEYWORDS, path);
        WireWriter message = new WireWriter();
        for (int number = 2; number <= 8; number++) {
            String method = PATH_ITEM_OPERATIONS.get(number);
            if (item.has(method)) {
                message.message(number, operation(item.get(method), method + " " + path));
            }
        }
        for (JsonNode parameter : item.path("parameters")) {
            message.message(9, parametersItem(parameter, path));
        }
        vendorExtensions(message, 10, item);
        return message;
    }

    private static WireWriter operation(JsonNode operation, String where) {
        check(operation, OPERATION_KEYWORDS, where);
        WireWriter message = new WireWriter();
        texts(message, 1, operation.path("tags"));
        text(message, 2, operation, "summary");
        text(message, 3, operation, "description");
        text(message, 5, operation, "operationId");
        texts(message, 6, operation.path("produces"));
        texts(message, 7, operation.path("consumes"));
        for (JsonNode parameter : operation.path("parameters")) {
            message.message(8, parametersItem(parameter, where));
        }
        if (operation.has("responses")) {
            message.message(9, responses(operation.get("responses"), where));
        }
        flag(message, 11, operation, "deprecated");
        vendorExtensions(message, 13, operation);
        return message;
    }

    /** {@code ParametersItem} of a {@code Parameter} (1): a body parameter (1) or a non-body one (2). */
    private static WireWriter parametersItem(JsonNode parameter, String where) {
        String in = parameter.path("in").asText();
        String name = where + " parameter " + parameter.path("name").asText();
        WireWriter oneOf = switch (in) {
            case "body" -> new WireWriter().message(1, bodyParameter(parameter, name));
            case "query" -> new WireWriter().message(2, new WireWriter().message(3, queryParameter(parameter, name)));
            case "path" -> new WireWriter().message(2, new WireWriter().message(4, pathParameter(parameter, name)));
            default -> throw new IllegalArgumentException(name + " is in " + in + ", which this encoder does not write");
        };
        return new WireWriter().message(1, oneOf);
    }

    private static WireWriter bodyParameter(JsonNode parameter, String where) {
        check(parameter, BODY_PARAMETER_KEYWORDS, where);
        WireWriter message = new WireWriter();
        text(message, 1, parameter, "description");
        text(message, 2, parameter, "name");
        text(message, 3, parameter, "in");
        flag(message, 4, parameter, "required");
        if (parameter.has("schema")) {
            message.message(5, schema(parameter.get("schema"), where));
        }
        vendorExtensions(message, 6, parameter);
        return message;
    }

    /** {@code QueryParameterSubSchema}. */
    private static WireWriter queryParameter(JsonNode parameter, String where) {
        check(parameter, OTHER_PARAMETER_KEYWORDS, where);
        WireWriter message = new WireWriter();
        flag(message, 1, parameter, "required");
        text(message, 2, parameter, "in");
        text(message, 3, parameter, "description");
        text(message, 4, parameter, "name");
        text(message, 6, parameter, "type");
        text(message, 7, parameter, "format");
        flag(message, 20, parameter, "uniqueItems");
        vendorExtensions(message, 23, parameter);
        return message;
    }

    /** {@code PathParameterSubSchema}: the fields of a query parameter, numbered without {@code allowEmptyValue}. */
    private static WireWriter pathParameter(JsonNode parameter, String where) {
        check(parameter, OTHER_PARAMETER_KEYWORDS, where);
        WireWriter message = new WireWriter();
        flag(message, 1, parameter, "required");
        text(message, 2, parameter, "in");
        text(message, 3, parameter, "description");
        text(message, 4, parameter, "name");
        text(message, 5, parameter, "type");
        text(message, 6, parameter, "format");
        flag(message, 19, parameter, "uniqueItems");
        vendorExtensions(message, 22, parameter);
        return message;
    }

    /** {@code Responses}: a {@code NamedResponseValue} per code (1), each a {@code ResponseValue} of a {@code Response} (1). */
    private static WireWriter responses(JsonNode responses, String where) {
        WireWriter message = new WireWriter();
        responses.fields().forEachRemaining(code -> message.message(1, new WireWriter()
                .string(1, code.getKey())
                .message(2, new WireWriter().message(1, response(code.getValue(), where + " response " + code.getKey())))));
        return message;
    }

    private static WireWriter response(JsonNode response, String where) {
        check(response, RESPONSE_KEYWORDS, where);
        WireWriter message = new WireWriter();
        text(message, 1, response, "description");
        if (response.has("schema")) {
            message.message(2, new WireWriter().message(1, schema(response.get("schema"), where)));
        }
        vendorExtensions(message, 5, response);
        return message;
    }

    /** {@code Definitions} or {@code Properties}: a {@code NamedSchema} (1) per name. */
    private static WireWriter namedSchemas(JsonNode schemas, String where) {
        WireWriter message = new WireWriter();
        schemas.fields().forEachRemaining(named -> message.message(1, new WireWriter()
                .string(1, named.getKey())
                .message(2, schema(named.getValue(), where + "/" + named.getKey()))));
        return message;
    }

    private static WireWriter schema(JsonNode schema, String where) {
        check(schema, SCHEMA_KEYWORDS, where);
        WireWriter message = new WireWriter();
        text(message, 1, schema, "$ref");
        text(message, 2, schema, "format");
        text(message, 3, schema, "title");
        text(message, 4, schema, "description");
        flag(message, 16, schema, "uniqueItems");
        texts(message, 19, schema.path("required"));
        for (JsonNode value : schema.path("enum")) {
            message.message(20, any(value));
        }
        if (schema.has("additionalProperties")) {
            JsonNode additional = schema.get("additionalProperties");
            message.message(21, additional.isBoolean()
                    ? new WireWriter().bool(2, additional.booleanValue())
                    : new WireWriter().message(1, schema(additional, where + "/additionalProperties")));
        }
        if (schema.has("type")) {
            message.message(22, new WireWriter().string(1, schema.get("type").asText()));
        }
        if (schema.has("items")) {
            message.message(23, new WireWriter().message(1, schema(schema.get("items"), where + "/items")));
        }
        if (schema.has("properties")) {
            message.message(25, namedSchemas(schema.get("properties"), where + "/properties"));
        }
        flag(message, 27, schema, "readOnly");
        vendorExtensions(message, 31, schema);
        return message;
    }

    /** Each {@code x-} keyword of {@code node} as a {@code NamedAny} in field {@code number}. */
    private static void vendorExtensions(WireWriter message, int number, JsonNode node) {
        node.fields().forEachRemaining(field -> {
            if (isExtension(field.getKey())) {
                message.message(number, new WireWriter().string(1, field.getKey()).message(2, any(field.getValue())));
            }
        });
    }

    /** {@code Any} holding {@code value} as YAML (2), the way gnostic keeps a value it has no message for. */
    private static WireWriter any(JsonNode value) {
        return new WireWriter().string(2, Manifests.toYaml(value));
    }

    private static void text(WireWriter message, int number, JsonNode node, String keyword) {
        String value = node.path(keyword).asText("");
        if (!value.isEmpty()) {
            message.string(number, value);
        }
    }

    private static void texts(WireWriter message, int number, JsonNode array) {
        array.forEach(value -> message.string(number, value.asText()));
    }

    private static void flag(WireWriter message, int number, JsonNode node, String keyword) {
        if (node.path(keyword).asBoolean(false)) {
            message.bool(number, true);
        }
    }

    private static void check(JsonNode node, Set<String> keywords, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " is not an object");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!keywords.contains(name) && !isExtension(name)) {
                throw new IllegalArgumentException(where + " has " + name + ", which this encoder does not write");
            }
        }
    }

    private static boolean isExtension(String keyword) {
        return keyword.startsWith("x-");
    }
}

package io.korch.gateway.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.discovery.OpenApiPaths.Body;
import io.korch.gateway.discovery.OpenApiPaths.Operation;
import io.korch.gateway.discovery.OpenApiPaths.Parameter;
import io.korch.gateway.discovery.OpenApiPaths.PathItem;
import io.korch.gateway.discovery.OpenApiPaths.Response;
import java.util.List;
import java.util.function.Function;

/**
 * Writes the OpenAPI documents of a {@link ServedApi}: an OpenAPI 3.0 document per group version
 * ({@code /openapi/v3/api/v1}, {@code /openapi/v3/apis/apps/v1}), as kubectl reads them to learn
 * which query parameters a kind's operations take and how its lists merge, and one Swagger 2.0
 * document of everything ({@code /openapi/v2}). Every operation carries its
 * {@code x-kubernetes-action} and {@code x-kubernetes-group-version-kind}, as kubectl looks an
 * operation up by them.
 */
public final class OpenApiDocuments {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> OBJECT_TYPES = List.of("application/json", "application/yaml");
    private static final List<String> PATCH_TYPES = List.of("application/json-patch+json",
            "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml");
    private static final List<String> LIST_TYPES = List.of("application/json", "application/yaml",
            "application/json;stream=watch");

    private final ServedApi api;
    private final String version;

    /** The documents of {@code api}, saying the server's {@code version} in their info. */
    public OpenApiDocuments(ServedApi api, String version) {
        this.api = api;
        this.version = version;
    }

    /** The OpenAPI 3.0 document of one served group version. */
    public ObjectNode v3(GroupVersion groupVersion) {
        OpenApiSchemas schemas = new OpenApiSchemas("#/components/schemas/");
        List<PathItem> items = OpenApiPaths.of(api.resources(groupVersion), schemas);
        ObjectNode document = NODES.objectNode();
        document.put("openapi", "3.0.0");
        document.set("info", info());
        document.set("paths", paths(items, OpenApiDocuments::v3Parameter, operation -> v3Operation(operation, schemas)));
        document.putObject("components").set("schemas", schemasNode(schemas));
        return document;
    }

    /** The Swagger 2.0 document of every served group version. */
    public ObjectNode v2() {
        OpenApiSchemas schemas = new OpenApiSchemas("#/definitions/");
        List<PathItem> items = OpenApiPaths.of(api.resources(), schemas);
        ObjectNode document = NODES.objectNode();
        document.put("swagger", "2.0");
        document.set("info", info());
        document.set("paths", paths(items, OpenApiDocuments::v2Parameter, operation -> v2Operation(operation, schemas)));
        document.set("definitions", schemasNode(schemas));
        return document;
    }

    /** The {@code paths} object: each path's shared parameters and its operations, written by the version's writers. */
    private static ObjectNode paths(List<PathItem> items, Function<Parameter, ObjectNode> parameterWriter,
                                    Function<Operation, ObjectNode> operationWriter) {
        ObjectNode paths = NODES.objectNode();
        for (PathItem item : items) {
            ObjectNode path = paths.putObject(item.path());
            if (!item.parameters().isEmpty()) {
                ArrayNode parameters = path.putArray("parameters");
                item.parameters().forEach(p -> parameters.add(parameterWriter.apply(p)));
            }
            for (Operation operation : item.operations()) {
                path.set(operation.verb().method(), operationWriter.apply(operation));
            }
        }
        return paths;
    }

    private ObjectNode v3Operation(Operation operation, OpenApiSchemas schemas) {
        ObjectNode node = operationHead(operation);
        ArrayNode parameters = node.putArray("parameters");
        operation.query().forEach(p -> parameters.add(v3Parameter(p)));
        if (operation.body() != Body.NONE) {
            ObjectNode content = NODES.objectNode();
            for (String type : operation.body() == Body.PATCH ? PATCH_TYPES : OBJECT_TYPES) {
                content.putObject(type).set("schema", schemas.ref(operation.bodySchema()));
            }
            node.putObject("requestBody").put("required", true).set("content", content);
        }
        ObjectNode responses = node.putObject("responses");
        List<String> types = operation.verb() == Verb.LIST ? LIST_TYPES : OBJECT_TYPES;
        for (Response response : operation.responses()) {
            ObjectNode content = NODES.objectNode();
            types.forEach(type -> content.putObject(type).set("schema", schemas.ref(response.schema())));
            responses.putObject(Integer.toString(response.code()))
                    .put("description", response.description())
                    .set("content", content);
        }
        return operationTail(node, operation);
    }

    private ObjectNode v2Operation(Operation operation, OpenApiSchemas schemas) {
        ObjectNode node = operationHead(operation);
        if (operation.body() != Body.NONE) {
            strings(node.putArray("consumes"), operation.body() == Body.PATCH ? PATCH_TYPES : OBJECT_TYPES);
        }
        strings(node.putArray("produces"), operation.verb() == Verb.LIST ? LIST_TYPES : OBJECT_TYPES);
        ArrayNode parameters = node.putArray("parameters");
        if (operation.body() != Body.NONE) {
            parameters.addObject().put("name", "body").put("in", "body").put("required", true)
                    .set("schema", schemas.ref(operation.bodySchema()));
        }
        operation.query().forEach(p -> parameters.add(v2Parameter(p)));
        ObjectNode responses = node.putObject("responses");
        for (Response response : operation.responses()) {
            responses.putObject(Integer.toString(response.code()))
                    .put("description", response.description())
                    .set("schema", schemas.ref(response.schema()));
        }
        return operationTail(node, operation);
    }

    private static ObjectNode operationHead(Operation operation) {
        ObjectNode node = NODES.objectNode();
        node.putArray("tags").add(operation.tag());
        node.put("description", operation.description());
        node.put("operationId", operation.operationId());
        return node;
    }

    private static ObjectNode operationTail(ObjectNode node, Operation operation) {
        node.put("x-kubernetes-action", operation.verb().action());
        node.putObject("x-kubernetes-group-version-kind")
                .put("group", operation.groupVersion().group())
                .put("kind", operation.kind())
                .put("version", operation.groupVersion().version());
        return node;
    }

    private static ObjectNode v3Parameter(Parameter parameter) {
        ObjectNode node = parameterHead(parameter);
        node.putObject("schema").put("type", parameter.type()).put("uniqueItems", true);
        return node;
    }

    private static ObjectNode v2Parameter(Parameter parameter) {
        return parameterHead(parameter).put("type", parameter.type()).put("uniqueItems", true);
    }

    private static ObjectNode parameterHead(Parameter parameter) {
        ObjectNode node = NODES.objectNode();
        node.put("name", parameter.name());
        node.put("in", parameter.in() == OpenApiPaths.In.PATH ? "path" : "query");
        node.put("description", parameter.description());
        if (parameter.in() == OpenApiPaths.In.PATH) {
            node.put("required", true);
        }
        return node;
    }

    private ObjectNode info() {
        return NODES.objectNode().put("title", "Kubernetes").put("version", version);
    }

    private static ObjectNode schemasNode(OpenApiSchemas schemas) {
        ObjectNode node = NODES.objectNode();
        schemas.all().forEach(node::set);
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}

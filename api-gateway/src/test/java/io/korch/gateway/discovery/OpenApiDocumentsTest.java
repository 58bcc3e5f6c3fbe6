package io.korch.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OpenAPI documents describe every served operation and derive their schemas from the Avro schemas. */
class OpenApiDocumentsTest {

    private static final GroupVersion CORE = new GroupVersion("", "v1");
    private static final GroupVersion APPS = new GroupVersion("apps", "v1");
    private static final String SCHEMAS = "#/components/schemas/";

    private final ServedApi api = ServedApi.korch();
    private final OpenApiDocuments documents = new OpenApiDocuments(api, "v1.32.0+korch-test");

    @ParameterizedTest
    @ValueSource(strings = {"Namespace", "Node", "Pod", "ReplicaSet", "Deployment"})
    void thePatchOfEveryKindTakesFieldValidationAsKubectlChecksIt(String kind) {
        ServedResource resource = resource(kind);
        ObjectNode document = documents.v3(resource.groupVersion());

        // as kubectl's QueryParamVerifierV3: the PATCH operation of the kind, and fieldValidation in its query
        List<JsonNode> patches = operations(document, "patch", resource.groupVersion().group(), kind);
        assertThat(patches).hasSize(1);
        assertThat(queryParameters(patches.get(0))).contains("fieldValidation", "fieldManager", "dryRun");
    }

    @Test
    void everyServedVerbHasAnOperationCarryingItsActionAndKind() {
        for (ServedResource resource : api.resources().stream().filter(r -> r.schema() != null).toList()) {
            ObjectNode document = documents.v3(resource.groupVersion());
            for (Verb verb : resource.verbs()) {
                if (verb == Verb.WATCH) {
                    continue;
                }
                List<JsonNode> found = operations(document, verb.method(), resource.groupVersion().group(),
                        resource.kind()).stream()
                        .filter(op -> op.get("x-kubernetes-action").asText().equals(verb.action()))
                        .toList();
                assertThat(found).as(resource.plural() + " " + verb).isNotEmpty();
            }
        }
    }

    @Test
    void theResourceMetricsMadeFromSamplesAreInDiscoveryButNotInOpenApi() {
        GroupVersion metrics = new GroupVersion("metrics.k8s.io", "v1beta1");

        assertThat(api.resources(metrics)).extracting(ServedResource::kind).containsExactly("NodeMetrics", "PodMetrics");
        assertThat(api.documentedGroupVersions()).doesNotContain(metrics).contains(CORE);
        assertThat(documents.v2().get("paths").fieldNames()).toIterable()
                .noneMatch(path -> path.startsWith("/apis/metrics.k8s.io"));
    }

    @Test
    void podsHaveTheirCollectionObjectAndAllNamespacesPaths() {
        JsonNode paths = documents.v3(CORE).get("paths");

        assertThat(paths.at("/~1api~1v1~1pods/get/x-kubernetes-action").asText()).isEqualTo("list");
        assertThat(paths.at("/~1api~1v1~1pods/get/operationId").asText()).isEqualTo("listCoreV1PodForAllNamespaces");
        JsonNode collection = paths.get("/api/v1/namespaces/{namespace}/pods");
        assertThat(collection.at("/post/operationId").asText()).isEqualTo("createCoreV1NamespacedPod");
        assertThat(collection.at("/post/x-kubernetes-action").asText()).isEqualTo("post");
        assertThat(collection.at("/delete/x-kubernetes-action").asText()).isEqualTo("deletecollection");
        assertThat(queryParameters(collection.get("get"))).contains("labelSelector", "watch", "resourceVersion");
        JsonNode object = paths.get("/api/v1/namespaces/{namespace}/pods/{name}");
        assertThat(object.at("/put/x-kubernetes-action").asText()).isEqualTo("put");
        assertThat(object.at("/put/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo(SCHEMAS + "io.korch.api.Pod");
        assertThat(object.at("/patch/requestBody/content").has("application/strategic-merge-patch+json")).isTrue();
        assertThat(texts(object.get("parameters"), "name")).containsExactly("namespace", "name");
        assertThat(paths.has("/api/v1/nodes/{name}")).isTrue();
        assertThat(paths.has("/api/v1/namespaces/{namespace}/nodes")).isFalse();
    }

    @Test
    void eventsAreReadOnly() {
        JsonNode paths = documents.v3(CORE).get("paths");

        assertThat(paths.at("/~1api~1v1~1namespaces~1{namespace}~1events/get/x-kubernetes-action").asText())
                .isEqualTo("list");
        assertThat(paths.get("/api/v1/namespaces/{namespace}/events").has("post")).isFalse();
        assertThat(paths.at("/~1api~1v1~1namespaces~1{namespace}~1events~1{name}/get/x-kubernetes-action").asText())
                .isEqualTo("get");
        assertThat(paths.get("/api/v1/namespaces/{namespace}/events/{name}").has("delete")).isFalse();
    }

    @Test
    void theDeploymentScaleAnswersAnAutoscalingScale() {
        ObjectNode document = documents.v3(APPS);
        JsonNode scale = document.at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments~1{name}~1scale");

        assertThat(scale.at("/put/x-kubernetes-group-version-kind").toString())
                .isEqualTo("{\"group\":\"autoscaling\",\"kind\":\"Scale\",\"version\":\"v1\"}");
        assertThat(scale.at("/get/operationId").asText()).isEqualTo("readAppsV1NamespacedDeploymentScale");
        assertThat(queryParameters(scale.get("patch"))).contains("fieldValidation");
        assertThat(document.at("/components/schemas/io.korch.api.Scale/properties/spec/properties/replicas/type")
                .asText()).isEqualTo("integer");
    }

    @Test
    void kindSchemasCarryTheirGroupVersionKind() {
        JsonNode schemas = documents.v3(APPS).at("/components/schemas");

        assertThat(schemas.at("/io.korch.api.Deployment/x-kubernetes-group-version-kind").toString())
                .isEqualTo("[{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}]");
        assertThat(schemas.at("/io.korch.api.DeploymentList/x-kubernetes-group-version-kind/0/kind").asText())
                .isEqualTo("DeploymentList");
        assertThat(schemas.at("/io.korch.api.DeploymentSpec/x-kubernetes-group-version-kind").isMissingNode())
                .isTrue();
    }

    @Test
    void avroTypesBecomeOpenApiTypes() {
        JsonNode schemas = documents.v3(CORE).at("/components/schemas");
        JsonNode meta = schemas.at("/io.korch.api.ObjectMeta/properties");
        JsonNode pod = schemas.get("io.korch.api.Pod");

        assertThat(meta.at("/labels/type").asText()).isEqualTo("object");
        assertThat(meta.at("/labels/additionalProperties/type").asText()).isEqualTo("string");
        assertThat(meta.at("/creationTimestamp/type").asText()).isEqualTo("string");
        assertThat(meta.at("/creationTimestamp/format").asText()).isEqualTo("date-time");
        assertThat(meta.at("/generation/type").asText()).isEqualTo("integer");
        assertThat(meta.at("/ownerReferences/items/$ref").asText()).isEqualTo(SCHEMAS + "io.korch.api.OwnerReference");
        assertThat(schemas.at("/io.korch.api.ContainerPort/properties/containerPort/format").asText())
                .isEqualTo("int32");
        assertThat(pod.at("/properties/spec/$ref").asText()).isEqualTo(SCHEMAS + "io.korch.api.PodSpec");
        assertThat(pod.at("/description").asText()).startsWith("The smallest deployable unit");
        // neither nullable nor defaulted: required; a union with null or a default: optional
        assertThat(texts(pod.get("required"))).containsExactly("metadata", "spec");
        assertThat(texts(schemas.at("/io.korch.api.Container/required"))).containsExactly("name", "image");
    }

    @Test
    void listsCarryTheMergeKeysOfListMergeKeys() {
        JsonNode schemas = documents.v3(CORE).at("/components/schemas");

        assertMergeKey(schemas.at("/io.korch.api.PodSpec/properties/containers"), "name");
        assertMergeKey(schemas.at("/io.korch.api.Container/properties/ports"), "containerPort");
        assertMergeKey(schemas.at("/io.korch.api.Container/properties/env"), "name");
        assertMergeKey(schemas.at("/io.korch.api.ObjectMeta/properties/ownerReferences"), "uid");
        assertMergeKey(schemas.at("/io.korch.api.PodStatus/properties/conditions"), "type");
        JsonNode finalizers = schemas.at("/io.korch.api.ObjectMeta/properties/finalizers");
        assertThat(finalizers.get("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
        assertThat(finalizers.has("x-kubernetes-patch-merge-key")).isFalse();
        assertThat(schemas.at("/io.korch.api.Container/properties/command").has("x-kubernetes-patch-strategy"))
                .isFalse();
    }

    @Test
    void everyReferenceOfEachDocumentResolvesInIt() {
        for (GroupVersion groupVersion : api.documentedGroupVersions()) {
            ObjectNode document = documents.v3(groupVersion);
            assertResolves(document, document.at("/components/schemas"), SCHEMAS);
        }
        ObjectNode v2 = documents.v2();
        assertResolves(v2, v2.get("definitions"), "#/definitions/");
    }

    @Test
    void theSwaggerDocumentHasEveryGroupVersionWithBodyParameters() {
        ObjectNode v2 = documents.v2();

        assertThat(v2.get("swagger").asText()).isEqualTo("2.0");
        assertThat(v2.at("/info/version").asText()).isEqualTo("v1.32.0+korch-test");
        JsonNode create = v2.at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments/post");
        assertThat(create.at("/parameters/0/in").asText()).isEqualTo("body");
        assertThat(create.at("/parameters/0/schema/$ref").asText()).isEqualTo("#/definitions/io.korch.api.Deployment");
        assertThat(queryParameters(create)).contains("fieldValidation");
        assertThat(v2.at("/paths/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}/patch/x-kubernetes-action")
                .asText()).isEqualTo("patch");
        assertThat(v2.at("/definitions/io.korch.api.Pod/x-kubernetes-group-version-kind/0/kind").asText())
                .isEqualTo("Pod");
    }

    private static void assertMergeKey(JsonNode list, String key) {
        assertThat(list.get("type").asText()).isEqualTo("array");
        assertThat(list.path("x-kubernetes-patch-merge-key").asText()).isEqualTo(key);
        assertThat(list.path("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
    }

    private static void assertResolves(JsonNode node, JsonNode schemas, String prefix) {
        List<String> refs = new ArrayList<>();
        collectRefs(node, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith(prefix);
            assertThat(schemas.has(ref.substring(prefix.length()))).as(ref).isTrue();
        });
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectRefs(item, refs));
        }
    }

    /** The operations of {@code method} whose group-version-kind names {@code group} and {@code kind}. */
    private static List<JsonNode> operations(JsonNode document, String method, String group, String kind) {
        List<JsonNode> found = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : iterable(document.get("paths"))) {
            JsonNode operation = path.getValue().get(method);
            if (operation != null) {
                JsonNode gvk = operation.get("x-kubernetes-group-version-kind");
                if (gvk.get("group").asText().equals(group) && gvk.get("kind").asText().equals(kind)) {
                    found.add(operation);
                }
            }
        }
        return found;
    }

    private static List<String> queryParameters(JsonNode operation) {
        return StreamSupport.stream(operation.get("parameters").spliterator(), false)
                .filter(p -> p.path("in").asText().equals("query"))
                .map(p -> p.get("name").asText())
                .toList();
    }

    private ServedResource resource(String kind) {
        return api.resources().stream().filter(r -> r.kind().equals(kind)).findFirst().orElseThrow();
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}

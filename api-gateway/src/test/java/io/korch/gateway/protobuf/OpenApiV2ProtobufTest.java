package io.korch.gateway.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.korch.gateway.discovery.OpenApiDocuments;
import io.korch.gateway.discovery.ServedApi;
import io.korch.json.ApiJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The protobuf of {@code /openapi/v2}, read back field by field with gnostic's field numbers, holds
 * what kubectl 1.20 reads from it: the definitions it validates and explains kinds with (found by
 * their {@code x-kubernetes-group-version-kind}), their merge keys, and the PATCH operations whose
 * query parameters client-go checks.
 */
class OpenApiV2ProtobufTest {

    // openapi.v2.Document
    private static final int DOCUMENT_SWAGGER = 1;
    private static final int DOCUMENT_INFO = 2;
    private static final int DOCUMENT_PATHS = 8;
    private static final int DOCUMENT_DEFINITIONS = 9;
    // Schema
    private static final int SCHEMA_REF = 1;
    private static final int SCHEMA_DESCRIPTION = 4;
    private static final int SCHEMA_REQUIRED = 19;
    private static final int SCHEMA_ADDITIONAL_PROPERTIES = 21;
    private static final int SCHEMA_TYPE = 22;
    private static final int SCHEMA_ITEMS = 23;
    private static final int SCHEMA_PROPERTIES = 25;
    private static final int SCHEMA_VENDOR_EXTENSION = 31;
    // PathItem and Operation
    private static final int PATH_ITEM_PATCH = 8;
    private static final int PATH_ITEM_PARAMETERS = 9;
    private static final int OPERATION_PARAMETERS = 8;
    private static final int OPERATION_VENDOR_EXTENSION = 13;

    private static final YAMLMapper YAML = new YAMLMapper();

    private final ObjectNode swagger = new OpenApiDocuments(ServedApi.korch(), "v1.32.0+korch-test").v2();
    private final DecodedMessage document = DecodedMessage.of(OpenApiV2Protobuf.encode(swagger));
    private final Map<String, DecodedMessage> definitions = document.message(DOCUMENT_DEFINITIONS).named(1);

    @Test
    void theDocumentSaysItsVersionAndHoldsEveryDefinitionAndPath() {
        assertThat(document.string(DOCUMENT_SWAGGER)).isEqualTo("2.0");
        assertThat(document.message(DOCUMENT_INFO).string(2)).isEqualTo("v1.32.0+korch-test");
        assertThat(document.numbers()).containsExactly(DOCUMENT_SWAGGER, DOCUMENT_INFO, DOCUMENT_PATHS,
                DOCUMENT_DEFINITIONS);
        assertThat(definitions.keySet()).containsExactlyElementsOf(() -> swagger.get("definitions").fieldNames());
        assertThat(document.message(DOCUMENT_PATHS).named(2).keySet())
                .containsExactlyElementsOf(() -> swagger.get("paths").fieldNames());
    }

    @Test
    void aDeploymentIsFoundByItsKindAndRequiresItsSpec() {
        DecodedMessage deployment = definitions.get("io.korch.api.Deployment");

        assertThat(deployment.message(SCHEMA_TYPE).strings(1)).containsExactly("object");
        assertThat(deployment.string(SCHEMA_DESCRIPTION)).isNotBlank();
        assertThat(deployment.strings(SCHEMA_REQUIRED)).contains("metadata", "spec");
        assertThat(yaml(extensions(deployment, SCHEMA_VENDOR_EXTENSION).get("x-kubernetes-group-version-kind")))
                .isEqualTo(ApiJson.MAPPER.createArrayNode().add(ApiJson.MAPPER.createObjectNode()
                        .put("group", "apps").put("kind", "Deployment").put("version", "v1")));
    }

    @Test
    void theCoreGroupOfAKindIsAQuotedEmptyString() {
        // kubectl keeps a group-version-kind only when its group is a string: YAML's bare "group:" is null
        assertThat(extensions(definitions.get("io.korch.api.Pod"), SCHEMA_VENDOR_EXTENSION)
                .get("x-kubernetes-group-version-kind"))
                .isEqualTo("- group: \"\"\n  kind: Pod\n  version: v1\n");
    }

    @Test
    void aDeploymentsContainersAreAnArrayOfContainersMergedByName() {
        DecodedMessage podSpec = resolve(property(resolve(property(resolve(property(
                definitions.get("io.korch.api.Deployment"), "spec")), "template")), "spec"));

        DecodedMessage containers = property(podSpec, "containers");

        assertThat(containers.message(SCHEMA_TYPE).strings(1)).containsExactly("array");
        assertThat(containers.message(SCHEMA_ITEMS).messages(1)).hasSize(1);
        DecodedMessage container = resolve(containers.message(SCHEMA_ITEMS).message(1));
        assertThat(container.strings(SCHEMA_REQUIRED)).contains("name", "image");
        assertThat(property(container, "image").message(SCHEMA_TYPE).strings(1)).containsExactly("string");
        Map<String, String> extensions = extensions(containers, SCHEMA_VENDOR_EXTENSION);
        assertThat(extensions).containsEntry("x-kubernetes-patch-merge-key", "name\n")
                .containsEntry("x-kubernetes-patch-strategy", "merge\n");
    }

    @Test
    void labelsAreAMapOfStrings() {
        DecodedMessage labels = property(definitions.get("io.korch.api.ObjectMeta"), "labels");

        assertThat(labels.message(SCHEMA_TYPE).strings(1)).containsExactly("object");
        assertThat(labels.has(SCHEMA_PROPERTIES)).isFalse();
        assertThat(labels.message(SCHEMA_ADDITIONAL_PROPERTIES).message(1).message(SCHEMA_TYPE).strings(1))
                .containsExactly("string");
    }

    @Test
    void thePatchOfADeploymentCarriesItsKindAndItsQueryParameters() {
        DecodedMessage item = document.message(DOCUMENT_PATHS).named(2)
                .get("/apis/apps/v1/namespaces/{namespace}/deployments/{name}");

        // as client-go's QueryParamVerifier: the PATCH operation of the kind, and the parameter among its query ones
        DecodedMessage patch = item.message(PATH_ITEM_PATCH);
        assertThat(yaml(extensions(patch, OPERATION_VENDOR_EXTENSION).get("x-kubernetes-group-version-kind")))
                .isEqualTo(ApiJson.MAPPER.createObjectNode().put("group", "apps").put("kind", "Deployment")
                        .put("version", "v1"));
        assertThat(patch.messages(OPERATION_PARAMETERS).stream()
                .map(parameter -> parameter.message(1))
                .filter(parameter -> parameter.has(2))
                .map(parameter -> parameter.message(2).message(3).string(4)))
                .contains("dryRun", "fieldManager", "fieldValidation", "force");
        DecodedMessage body = patch.messages(OPERATION_PARAMETERS).get(0).message(1).message(1);
        assertThat(body.string(2)).isEqualTo("body");
        assertThat(body.message(5).string(SCHEMA_REF)).isEqualTo("#/definitions/io.korch.api.Patch");
        assertThat(item.messages(PATH_ITEM_PARAMETERS).stream()
                .map(parameter -> parameter.message(1).message(2).message(4).string(4)))
                .containsExactly("namespace", "name");
    }

    @Test
    void aKeywordWithoutAGnosticFieldFailsTheEncoding() throws Exception {
        JsonNode odd = ApiJson.MAPPER.readTree("{\"swagger\":\"2.0\",\"definitions\":{\"Odd\":"
                + "{\"type\":\"integer\",\"minimum\":1}}}");

        assertThatThrownBy(() -> OpenApiV2Protobuf.encode(odd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("#/definitions/Odd has minimum, which this encoder does not write");
    }

    private DecodedMessage resolve(DecodedMessage schema) {
        String ref = schema.string(SCHEMA_REF);
        assertThat(ref).startsWith("#/definitions/");
        DecodedMessage target = definitions.get(ref.substring("#/definitions/".length()));
        assertThat(target).as(ref).isNotNull();
        return target;
    }

    private static DecodedMessage property(DecodedMessage schema, String name) {
        DecodedMessage property = schema.message(SCHEMA_PROPERTIES).named(1).get(name);
        assertThat(property).as(name).isNotNull();
        return property;
    }

    /** The vendor extensions of a message, each {@code NamedAny}'s value as the YAML of its {@code Any} (2). */
    private static Map<String, String> extensions(DecodedMessage message, int number) {
        Map<String, String> yaml = new java.util.LinkedHashMap<>();
        message.named(number).forEach((name, any) -> yaml.put(name, any.string(2)));
        return yaml;
    }

    private static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not YAML: " + text, e);
        }
    }
}

package io.korch.gateway;

import static io.korch.gateway.testing.Api.DEPLOYMENTS;
import static io.korch.gateway.testing.Api.PODS;
import static io.korch.gateway.testing.Fixtures.deployment;
import static io.korch.gateway.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.testing.GatewayFixture;
import io.korch.json.ApiJson;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Refused requests answer with the right code and a Kubernetes {@code Status} body. */
class RequestErrorsTest {

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private final Api api = gateway.api();

    private static void assertStatus(Response response, int code, String reason) {
        assertThat(response.code()).as(response.body()).isEqualTo(code);
        JsonNode status = response.json();
        assertThat(status.at("/kind").asText()).isEqualTo("Status");
        assertThat(status.at("/apiVersion").asText()).isEqualTo("v1");
        assertThat(status.at("/status").asText()).isEqualTo("Failure");
        assertThat(status.at("/reason").asText()).isEqualTo(reason);
        assertThat(status.at("/code").asInt()).isEqualTo(code);
    }

    @Test
    void malformedYamlIsABadRequestNamingTheLine() {
        Response response = api.send(HttpMethod.POST, PODS, Api.JSON, Api.YAML, "metadata:\n  name: [web\nspec: {}\n");

        assertStatus(response, 400, "BadRequest");
        assertThat(response.at("/message")).contains("malformed YAML at line");
    }

    @Test
    void malformedJsonIsABadRequest() {
        Response response = api.send(HttpMethod.POST, PODS, Api.JSON, Api.JSON, "{\"metadata\": {\"name\": \"web\"");

        assertStatus(response, 400, "BadRequest");
        assertThat(response.at("/message")).startsWith("malformed JSON");
    }

    @Test
    void anUnknownFieldIsRefusedWithItsPath() {
        ObjectNode json = ApiJson.write(deployment("web").build());
        ((ObjectNode) json.at("/spec/template/spec/containers/0")).putObject("healthCheck");

        Response response = api.send(HttpMethod.POST, DEPLOYMENTS, Api.JSON, Api.JSON, json.toString());

        assertStatus(response, 422, "Invalid");
        assertThat(response.at("/message")).isEqualTo(
                "Deployment.apps \"web\" is invalid: spec.template.spec.containers[0].healthCheck: unknown field");
        assertThat(response.at("/details/causes/0/field")).isEqualTo("spec.template.spec.containers[0].healthCheck");
    }

    @Test
    void anInvalidNameIsRefusedInTheKubernetesShape() {
        Response response = api.post(PODS, pod("Web_1").build());

        assertStatus(response, 422, "Invalid");
        assertThat(response.at("/details/name")).isEqualTo("Web_1");
        assertThat(response.at("/details/kind")).isEqualTo("pods");
        assertThat(response.at("/details/causes/0/reason")).isEqualTo("FieldValueInvalid");
        assertThat(response.at("/details/causes/0/field")).isEqualTo("metadata.name");
        assertThat(response.at("/message")).startsWith("Pod \"Web_1\" is invalid: metadata.name: Invalid value: \"Web_1\": ");
    }

    @Test
    void negativeReplicasAreRefusedWithKubernetesWording() {
        Response response = api.post(DEPLOYMENTS, deployment("web").replicas(-1).build());

        assertStatus(response, 422, "Invalid");
        assertThat(response.at("/message")).isEqualTo("Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1: "
                + "must be greater than or equal to 0");
        assertThat(response.at("/details/causes/0/message")).isEqualTo(
                "Invalid value: -1: must be greater than or equal to 0");
    }

    @Test
    void aBodyOverOneMebibyteIsTooLarge() {
        String huge = "{\"metadata\":{\"name\":\"big\",\"annotations\":{\"a\":\"" + "x".repeat(1_100_000) + "\"}}}";

        Response response = api.send(HttpMethod.POST, PODS, Api.JSON, Api.JSON, huge);

        assertStatus(response, 413, "RequestEntityTooLarge");
    }

    @Test
    void anUnsupportedMethodIsNotAllowed() {
        Response response = api.send(HttpMethod.PATCH, PODS, Api.JSON, "application/merge-patch+json", "{}");

        assertStatus(response, 405, "MethodNotAllowed");
    }

    @Test
    void anUnknownPathIsNotFound() {
        assertStatus(api.get("/api/v1/widgets"), 404, "NotFound");
    }

    @Test
    void anUnknownContentTypeIsUnsupported() {
        Response response = api.send(HttpMethod.POST, PODS, Api.JSON, "text/plain", "name: web");

        assertStatus(response, 415, "UnsupportedMediaType");
    }

    @Test
    void errorsComeAsYamlWhenTheClientAsksForYaml() {
        Response response = api.getYaml(PODS + "/absent");

        assertThat(response.contentType()).isEqualTo(Api.YAML);
        assertStatus(response, 404, "NotFound");
    }

    @Test
    void aMissingBodyIsABadRequest() {
        assertStatus(api.send(HttpMethod.POST, PODS, Api.JSON, Api.JSON, null), 400, "BadRequest");
    }

    @Test
    void aKindThatDoesNotMatchThePathIsInvalid() {
        Response response = api.post(PODS, deployment("web").build());

        assertStatus(response, 422, "Invalid");
    }
}

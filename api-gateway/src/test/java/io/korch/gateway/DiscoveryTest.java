package io.korch.gateway;

import static io.korch.gateway.testing.Api.PODS;
import static io.korch.gateway.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.gateway.protobuf.OpenApiV2Protobuf;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.testing.GatewayFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A running gateway answers discovery, /version and OpenAPI as kubectl asks for them, and checks write options. */
class DiscoveryTest {

    /** What kubectl 1.32 sends to /api and /apis. */
    private static final String KUBECTL_DISCOVERY_ACCEPT =
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                    + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    /** What kubectl 1.20 sends to /openapi/v2. */
    private static final String KUBECTL_1_20_OPENAPI_ACCEPT = OpenApiV2Protobuf.MEDIA_TYPE_DEPRECATED;

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private final Api api = gateway.api();

    @Test
    void versionIsAKubernetesVersionInfo() {
        Response response = api.get("/version");

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.at("/major")).isEqualTo("1");
        assertThat(response.at("/gitVersion")).startsWith("v1.32.0+korch-");
    }

    @Test
    void kubectlGetsAggregatedDiscoveryWithItsContentType() {
        Response core = api.send(HttpMethod.GET, "/api", KUBECTL_DISCOVERY_ACCEPT, null, null);
        Response named = api.send(HttpMethod.GET, "/apis", KUBECTL_DISCOVERY_ACCEPT, null, null);

        assertThat(core.contentType())
                .isEqualTo("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        assertThat(core.at("/kind")).isEqualTo("APIGroupDiscoveryList");
        assertThat(core.at("/items/0/versions/0/version")).isEqualTo("v1");
        assertThat(named.contentType()).isEqualTo(core.contentType());
        assertThat(named.at("/items/0/metadata/name")).isEqualTo("apps");
    }

    @Test
    void plainJsonGetsLegacyDiscovery() {
        Response core = api.get("/api");
        Response resources = api.get("/apis/apps/v1");

        assertThat(core.contentType()).isEqualTo(Api.JSON);
        assertThat(core.at("/kind")).isEqualTo("APIVersions");
        assertThat(core.at("/serverAddressByClientCIDRs/0/serverAddress"))
                .isEqualTo(gateway.url().substring("http://".length()));
        assertThat(api.get("/apis").at("/groups/0/name")).isEqualTo("apps");
        assertThat(api.get("/apis/apps").at("/preferredVersion/groupVersion")).isEqualTo("apps/v1");
        assertThat(resources.at("/groupVersion")).isEqualTo("apps/v1");
        assertThat(resources.json().get("resources")).extracting(r -> r.get("name").asText())
                .containsExactly("replicasets", "replicasets/scale", "replicasets/status", "deployments", "deployments/scale",
                        "deployments/status");
        assertThat(api.get("/api/v1").json().get("resources")).extracting(r -> r.get("name").asText())
                .contains("pods", "events", "nodes", "namespaces");
        assertThat(api.get("/apis/batch").code()).isEqualTo(404);
        assertThat(api.get("/apis/apps/v2").code()).isEqualTo(404);
    }

    @Test
    void theOpenApiRootListsDocumentsThatAreServedWithTheirHashAsETag() {
        JsonNode root = api.get("/openapi/v3").json();
        String url = root.at("/paths/apis~1apps~1v1/serverRelativeURL").asText();
        assertThat(root.at("/paths/api~1v1/serverRelativeURL").asText()).startsWith("/openapi/v3/api/v1?hash=");

        HttpResponse<Buffer> document = fetch(url, Api.JSON, null);
        String etag = document.getHeader("ETag");
        HttpResponse<Buffer> again = fetch(url, Api.JSON, etag);

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.bodyAsJsonObject().getString("openapi")).isEqualTo("3.0.0");
        assertThat(etag).isEqualTo("\"" + url.substring(url.indexOf("hash=") + 5) + "\"");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(api.get("/openapi/v3/apis/batch/v1").code()).isEqualTo(404);
    }

    @Test
    void openApiV2IsServedAsProtobufToClientsThatAskForIt() {
        HttpResponse<Buffer> protobuf = fetch("/openapi/v2", KUBECTL_1_20_OPENAPI_ACCEPT, null);
        HttpResponse<Buffer> json = fetch("/openapi/v2", Api.JSON, null);
        String etag = protobuf.getHeader("ETag");

        assertThat(protobuf.statusCode()).isEqualTo(200);
        assertThat(protobuf.getHeader("Content-Type")).isEqualTo(OpenApiV2Protobuf.MEDIA_TYPE);
        assertThat(protobuf.getHeader("Vary")).isEqualToIgnoringCase("Accept");
        // gnostic's Document: swagger (1) "2.0" first
        assertThat(protobuf.body().getBytes(0, 5)).containsExactly(0x0a, 0x03, '2', '.', '0');
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.getHeader("Content-Type")).isEqualTo(Api.JSON);
        assertThat(json.bodyAsJsonObject().getString("swagger")).isEqualTo("2.0");
        assertThat(etag).isNotBlank().isEqualTo(json.getHeader("ETag"));
        assertThat(fetch("/openapi/v2", KUBECTL_1_20_OPENAPI_ACCEPT, etag).statusCode()).isEqualTo(304);
    }

    @Test
    void openApiV2IsServedInTheFormatTheAcceptHeaderPrefers() {
        String both = Api.JSON + ";q=0.9, " + KUBECTL_1_20_OPENAPI_ACCEPT;

        assertThat(fetch("/openapi/v2", both, null).getHeader("Content-Type")).isEqualTo(OpenApiV2Protobuf.MEDIA_TYPE);
        assertThat(fetch("/openapi/v2", Api.JSON + ", " + KUBECTL_1_20_OPENAPI_ACCEPT, null).getHeader("Content-Type"))
                .isEqualTo(Api.JSON);
        assertThat(fetch("/openapi/v2", "*/*", null).getHeader("Content-Type")).isEqualTo(Api.JSON);
    }

    @Test
    void openApiV2IsRefusedToClientsAcceptingNeitherJsonNorProtobuf() {
        Response yaml = api.send(HttpMethod.GET, "/openapi/v2", Api.YAML, null, null);

        assertThat(yaml.code()).isEqualTo(406);
        assertThat(yaml.at("/reason")).isEqualTo("NotAcceptable");
        assertThat(yaml.at("/message")).contains(Api.YAML);
    }

    @Test
    void aCreateWithKubectlsWriteOptionsIsTaken() {
        Response created = api.send(HttpMethod.POST, PODS + "?fieldManager=kubectl-create&fieldValidation=Strict",
                Api.JSON, Api.JSON, Api.json(pod("options").build()));

        assertThat(created.code()).as(created.body()).isEqualTo(201);
    }

    @Test
    void theStatusSubresourceServesTheObjectWithItsStatus() {
        assertThat(api.post(PODS, pod("with-status").build()).code()).isEqualTo(201);

        Response status = api.get(PODS + "/with-status/status");

        assertThat(status.code()).as(status.body()).isEqualTo(200);
        assertThat(status.at("/kind")).isEqualTo("Pod");
        assertThat(status.at("/status/phase")).isEqualTo("Pending");
    }

    @Test
    void anUnknownFieldValidationIsRefusedNamingTheSupportedValues() {
        Response refused = api.send(HttpMethod.POST, PODS + "?fieldValidation=Lenient", Api.JSON, Api.JSON,
                Api.json(pod("lenient").build()));

        assertThat(refused.code()).isEqualTo(422);
        assertThat(refused.at("/message")).isEqualTo("CreateOptions.meta.k8s.io \"\" is invalid: fieldValidation: "
                + "Unsupported value: \"Lenient\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        assertThat(refused.at("/details/causes/0/field")).isEqualTo("fieldValidation");
        assertThat(api.get(PODS + "/lenient").code()).isEqualTo(404);
    }

    @Test
    void aForceOnAPatchThatIsNoApplyIsRefused() {
        Response refused = api.send(HttpMethod.PATCH, PODS + "/forced?force=true", Api.JSON,
                "application/merge-patch+json", "{}");

        assertThat(refused.code()).isEqualTo(422);
        assertThat(refused.at("/message")).startsWith("PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden");
    }

    private static HttpResponse<Buffer> fetch(String url, String accept, String ifNoneMatch) {
        var request = gateway.client().requestAbs(HttpMethod.GET, gateway.url() + url).putHeader("Accept", accept);
        if (ifNoneMatch != null) {
            request.putHeader("If-None-Match", ifNoneMatch);
        }
        try {
            return request.send().await(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer from " + url, e);
        }
    }
}

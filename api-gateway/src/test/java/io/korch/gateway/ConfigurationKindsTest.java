package io.korch.gateway;

import static io.korch.gateway.testing.Api.NAMESPACES;
import static io.korch.gateway.testing.Api.PODS;
import static io.korch.gateway.testing.Fixtures.namespace;
import static io.korch.gateway.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.testing.GatewayFixture;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ConfigMaps, Secrets and ServiceAccounts over real HTTP against a real broker: their verbs,
 * Secret data as the API shows it, immutability, the default ServiceAccount of every namespace
 * and the admission of pods by their ServiceAccount, and their server-side tables.
 */
class ConfigurationKindsTest {

    private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";
    private static final String SECRETS = "/api/v1/namespaces/default/secrets";
    private static final String SERVICEACCOUNTS = "/api/v1/namespaces/default/serviceaccounts";
    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private final Api api = gateway.api();

    @Test
    void configMapsAreCreatedReadReplacedListedAndDeleted() {
        Response created = post(CONFIGMAPS, """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "app-config"},
                 "data": {"mode": "fast", "app.properties": "a=1"}}""");
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.json().at("/metadata/uid").asText()).isNotEmpty();

        JsonNode read = api.get(CONFIGMAPS + "/app-config").json();
        assertThat(read.at("/data/mode").asText()).isEqualTo("fast");
        ((com.fasterxml.jackson.databind.node.ObjectNode) read.path("data")).put("mode", "slow");
        Response replaced = api.send(HttpMethod.PUT, CONFIGMAPS + "/app-config", Api.JSON, Api.JSON, read.toString());
        assertThat(replaced.code()).isEqualTo(200);
        assertThat(replaced.json().at("/data/mode").asText()).isEqualTo("slow");

        assertThat(names(api.get(CONFIGMAPS).json())).contains("app-config");
        assertThat(api.get("/api/v1/configmaps").json().path("kind").asText()).isEqualTo("ConfigMapList");
        assertThat(api.get(CONFIGMAPS + "/app-config/status").code()).isEqualTo(404);

        assertThat(api.delete(CONFIGMAPS + "/app-config").code()).isEqualTo(200);
        assertThat(api.get(CONFIGMAPS + "/app-config").code()).isEqualTo(404);
    }

    @Test
    void aConfigMapKeyInDataAndBinaryDataIsRefused() {
        Response refused = post(CONFIGMAPS, """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "twice"},
                 "data": {"k": "v"}, "binaryData": {"k": "dg=="}}""");

        assertThat(refused.code()).isEqualTo(422);
        assertThat(refused.json().path("message").asText()).isEqualTo(
                "ConfigMap \"twice\" is invalid: data[k]: Invalid value: \"k\": duplicate of key present in binaryData");
    }

    @Test
    void secretStringDataIsMergedIntoBase64DataAndNeverShown() {
        Response created = post(SECRETS, """
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"},
                 "data": {"user": "%s", "password": "%s"}, "stringData": {"password": "s3cret"}}"""
                .formatted(base64("admin"), base64("old")));

        assertThat(created.code()).isEqualTo(201);
        JsonNode secret = api.get(SECRETS + "/db").json();
        assertThat(secret.path("type").asText()).isEqualTo("Opaque");
        assertThat(secret.at("/data/user").asText()).isEqualTo(base64("admin"));
        assertThat(secret.at("/data/password").asText()).isEqualTo(base64("s3cret"));
        assertThat(secret.has("stringData")).isFalse();

        Response patched = api.send(HttpMethod.PATCH, SECRETS + "/db", Api.JSON, MERGE_PATCH,
                "{\"stringData\": {\"host\": \"db.local\"}}");
        assertThat(patched.code()).isEqualTo(200);
        assertThat(patched.json().at("/data/host").asText()).isEqualTo(base64("db.local"));
        assertThat(patched.json().has("stringData")).isFalse();
        assertThat(api.getYaml(SECRETS + "/db").body()).contains("password: " + base64("s3cret"));
    }

    @Test
    void secretDataThatIsNotBase64IsRefusedNamingTheKey() {
        Response refused = post(SECRETS, """
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "raw"}, "data": {"token": "not base64!"}}""");

        assertThat(refused.code()).isEqualTo(422);
        assertThat(refused.json().at("/details/causes/0/field").asText()).isEqualTo("data[token]");
        assertThat(refused.body()).doesNotContain("not base64!");
    }

    @Test
    void anImmutableSecretRefusesChangesToItsData() {
        assertThat(post(SECRETS, """
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "frozen"}, "immutable": true,
                 "data": {"k": "%s"}}""".formatted(base64("v"))).code()).isEqualTo(201);

        Response refused = api.send(HttpMethod.PATCH, SECRETS + "/frozen", Api.JSON, MERGE_PATCH,
                "{\"stringData\": {\"k\": \"changed\"}}");
        Response relabelled = api.send(HttpMethod.PATCH, SECRETS + "/frozen", Api.JSON, MERGE_PATCH,
                "{\"metadata\": {\"labels\": {\"tier\": \"db\"}}}");

        assertThat(refused.code()).isEqualTo(422);
        assertThat(refused.json().path("message").asText())
                .isEqualTo("Secret \"frozen\" is invalid: data: Forbidden: field is immutable when `immutable` is set");
        assertThat(relabelled.code()).isEqualTo(200);
    }

    @Test
    void serviceAccountsAreServedWithADefaultOneInEveryNamespace() {
        assertThat(api.get(SERVICEACCOUNTS + "/default").code()).isEqualTo(200);
        assertThat(api.post(NAMESPACES, namespace("team-sa")).code()).isEqualTo(201);

        Response defaultAccount = api.get("/api/v1/namespaces/team-sa/serviceaccounts/default");
        assertThat(defaultAccount.code()).isEqualTo(200);
        assertThat(defaultAccount.json().at("/metadata/uid").asText()).isNotEmpty();

        assertThat(post("/api/v1/namespaces/team-sa/serviceaccounts", """
                {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "builder"}}""").code())
                .isEqualTo(201);
        assertThat(names(api.get("/api/v1/namespaces/team-sa/serviceaccounts").json()))
                .containsExactly("builder", "default");
        assertThat(api.delete("/api/v1/namespaces/team-sa/serviceaccounts/builder").code()).isEqualTo(200);
        assertThat(api.delete(NAMESPACES + "/team-sa").code()).isEqualTo(200);
        assertThat(api.get("/api/v1/namespaces/team-sa/serviceaccounts/default").code()).isEqualTo(404);
        assertThat(api.get(NAMESPACES + "/team-sa").code()).as("an empty namespace goes at once").isEqualTo(404);
    }

    @Test
    void aPodNamingAMissingServiceAccountIsForbiddenAndOthersRunAsDefault() {
        String body = Api.json(pod("robot").build()).replace("\"containers\"", "\"serviceAccountName\":\"robot\",\"containers\"");
        Response refused = api.send(HttpMethod.POST, PODS, Api.JSON, Api.JSON, body);

        assertThat(refused.code()).isEqualTo(403);
        assertThat(refused.json().path("message").asText()).isEqualTo("pods \"robot\" is forbidden: error looking up"
                + " service account default/robot: serviceaccount \"robot\" not found");

        Response created = api.post(PODS, pod("plain").build());
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.json().at("/spec/serviceAccountName").asText()).isEqualTo("default");
        assertThat(created.json().at("/spec/serviceAccount").asText()).isEqualTo("default");
    }

    @Test
    void theNewKindsAreServedAsTablesOfKubectlsColumns() {
        assertThat(post(CONFIGMAPS, """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "table-cm"},
                 "data": {"a": "1", "b": "2"}, "binaryData": {"c": "Mw=="}}""").code()).isEqualTo(201);
        assertThat(post(SECRETS, """
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "table-secret"},
                 "type": "kubernetes.io/basic-auth", "stringData": {"username": "u", "password": "p"}}""").code())
                .isEqualTo(201);

        JsonNode configMap = api.send(HttpMethod.GET, CONFIGMAPS + "/table-cm", TABLE, null, null).json();
        JsonNode secret = api.send(HttpMethod.GET, SECRETS + "/table-secret", TABLE, null, null).json();
        JsonNode account = api.send(HttpMethod.GET, SERVICEACCOUNTS + "/default", TABLE, null, null).json();

        assertThat(columns(configMap)).containsExactly("Name", "Data", "Age");
        assertThat(configMap.at("/rows/0/cells/1").asInt()).isEqualTo(3);
        assertThat(columns(secret)).containsExactly("Name", "Type", "Data", "Age");
        assertThat(secret.at("/rows/0/cells/1").asText()).isEqualTo("kubernetes.io/basic-auth");
        assertThat(secret.at("/rows/0/cells/2").asInt()).isEqualTo(2);
        assertThat(columns(account)).containsExactly("Name", "Secrets", "Age");
        assertThat(account.at("/rows/0/cells/1").asInt()).isZero();
    }

    private Response post(String path, String json) {
        return api.send(HttpMethod.POST, path, Api.JSON, Api.JSON, json);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("items").forEach(item -> names.add(item.at("/metadata/name").asText()));
        return names;
    }

    private static List<String> columns(JsonNode table) {
        List<String> names = new ArrayList<>();
        table.path("columnDefinitions").forEach(column -> names.add(column.path("name").asText()));
        return names;
    }
}

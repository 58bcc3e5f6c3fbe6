package io.korch.gateway;

import static io.korch.gateway.testing.Api.DEPLOYMENTS;
import static io.korch.gateway.testing.Api.PODS;
import static io.korch.gateway.testing.Fixtures.deployment;
import static io.korch.gateway.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.testing.Fixtures;
import io.korch.gateway.testing.GatewayFixture;
import io.korch.gateway.testing.WatchStream;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server-side printing over real HTTP, as kubectl asks for it: lists and objects as
 * {@code meta.k8s.io/v1} Tables and partial metadata, and a watch of one-row Tables.
 */
class ServerSidePrintingTest {

    /** What kubectl get sends for its human-readable output. */
    private static final String KUBECTL_GET = "application/json;as=Table;v=v1;g=meta.k8s.io,"
            + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    private static final String PARTIAL_LIST = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private final Api api = gateway.api();

    @BeforeAll
    static void createObjects() {
        Api api = gateway.api();
        assertThat(api.post(PODS, pod("print-a").label("app", "print").build()).code()).isEqualTo(201);
        assertThat(api.post(PODS, pod("print-b").label("app", "print").build()).code()).isEqualTo(201);
        assertThat(api.post(DEPLOYMENTS, deployment("print").build()).code()).isEqualTo(201);
    }

    @Test
    void listsPodsAsATableOfKubectlsColumnsWithTheMetadataOfEachPod() {
        Response response = get(PODS + "?labelSelector=app%3Dprint", KUBECTL_GET);

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(Api.JSON);
        JsonNode table = response.json();
        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(table.at("/metadata/resourceVersion").asText()).isNotEmpty();
        assertThat(names(table.path("columnDefinitions")))
                .containsExactly("Name", "Ready", "Status", "Restarts", "Age", "IP", "Node");
        assertThat(table.path("rows")).hasSize(2);
        JsonNode row = table.at("/rows/0");
        assertThat(row.path("cells").get(0).asText()).isEqualTo("print-a");
        assertThat(row.path("cells").get(1).asText()).isEqualTo("0/1");
        assertThat(row.path("cells").get(2).asText()).isEqualTo("Pending");
        assertThat(row.path("cells").get(6).asText()).isEqualTo("<none>");
        assertThat(row.at("/object/kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(row.at("/object/apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(row.at("/object/metadata/namespace").asText()).isEqualTo("default");
        assertThat(row.at("/object/metadata/uid").asText()).isNotEmpty();
    }

    @Test
    void getsOneDeploymentAsATableOfOneRowWithTheWholeObjectWhenAsked() {
        Response response = get(DEPLOYMENTS + "/print?includeObject=Object", KUBECTL_GET);

        assertThat(response.code()).isEqualTo(200);
        JsonNode table = response.json();
        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.at("/metadata/resourceVersion").asText()).isEqualTo(table.at("/rows/0/object/metadata/resourceVersion").asText());
        assertThat(names(table.path("columnDefinitions")))
                .containsExactly("Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector");
        assertThat(table.path("columnDefinitions").get(5).path("priority").asInt()).isEqualTo(1);
        JsonNode cells = table.at("/rows/0/cells");
        assertThat(cells.get(0).asText()).isEqualTo("print");
        assertThat(cells.get(1).asText()).isEqualTo("0/2");
        assertThat(cells.get(2).isInt()).isTrue();
        assertThat(cells.get(6).asText()).isEqualTo(Fixtures.IMAGE);
        assertThat(cells.get(7).asText()).isEqualTo("app=print");
        assertThat(table.at("/rows/0/object/kind").asText()).isEqualTo("Deployment");
        assertThat(table.at("/rows/0/object/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void listsPodsAndDeploymentsAsPartialObjectMetadataLists() {
        JsonNode pods = get(PODS + "?labelSelector=app%3Dprint", PARTIAL_LIST).json();
        JsonNode deployments = get(DEPLOYMENTS, PARTIAL_LIST).json();

        assertThat(pods.path("kind").asText()).isEqualTo("PartialObjectMetadataList");
        assertThat(pods.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(pods.path("items")).extracting(item -> item.at("/metadata/name").asText())
                .containsExactly("print-a", "print-b");
        assertThat(pods.at("/items/0/kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(pods.at("/items/0").has("spec")).isFalse();
        assertThat(deployments.path("items")).extracting(item -> item.at("/metadata/name").asText()).contains("print");
    }

    @Test
    void listsEventsAndNodesAsTables() {
        JsonNode events = get("/api/v1/namespaces/default/events", KUBECTL_GET).json();
        JsonNode nodes = get(Api.NODES, KUBECTL_GET).json();

        assertThat(events.path("kind").asText()).isEqualTo("Table");
        assertThat(names(events.path("columnDefinitions")))
                .startsWith("Last Seen", "Type", "Reason", "Object", "Source", "Message");
        assertThat(names(nodes.path("columnDefinitions"))).startsWith("Name", "Status", "Roles", "Age", "Version");
    }

    @Test
    void refusesAnAcceptAskingOnlyForAShapeItDoesNotServe() {
        Response unknown = get(PODS, "application/json;as=Table;v=v2;g=meta.k8s.io");
        Response listOfOne = get(PODS + "/print-a", PARTIAL_LIST);

        assertThat(unknown.code()).isEqualTo(406);
        assertThat(unknown.at("/reason")).isEqualTo("NotAcceptable");
        assertThat(listOfOne.code()).isEqualTo(406);
        assertThat(listOfOne.at("/message")).contains("not a list");
    }

    @Test
    void watchesPodsAsOneRowTablesWithTheColumnsInTheFirstEventOnly() {
        try (WatchStream watch = WatchStream.open(gateway.url(), PODS + "?watch=true&labelSelector=app%3Dprint",
                KUBECTL_GET)) {
            List<JsonNode> events = watch.nextChanges(2, Duration.ofSeconds(10));

            assertThat(watch.status()).isEqualTo(200);
            assertThat(events).extracting(event -> event.at("/object/kind").asText()).containsOnly("Table");
            assertThat(events.get(0).at("/object/columnDefinitions")).hasSize(7);
            assertThat(events.get(1).at("/object/columnDefinitions").isNull()).isTrue();
            assertThat(events).extracting(event -> event.at("/object/rows/0/cells/0").asText())
                    .containsExactlyInAnyOrder("print-a", "print-b");
        }
    }

    private Response get(String path, String accept) {
        return api.send(HttpMethod.GET, path, accept, null, null);
    }

    private static List<String> names(JsonNode columns) {
        List<String> names = new ArrayList<>();
        columns.forEach(column -> names.add(column.path("name").asText()));
        return names;
    }
}

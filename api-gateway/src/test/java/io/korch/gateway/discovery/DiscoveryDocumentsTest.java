package io.korch.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.model.ApiKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The legacy and aggregated discovery documents list every served resource as client-go reads them. */
class DiscoveryDocumentsTest {

    private static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    private final DiscoveryDocuments documents = new DiscoveryDocuments(ServedApi.korch());

    @ParameterizedTest
    @EnumSource(ApiKind.class)
    void everyKindIsInTheResourceListOfItsGroupVersionWithItsNamesAndVerbs(ApiKind kind) {
        ObjectNode list = documents.resourceList(kind.group(), kind.version()).orElseThrow();

        JsonNode entry = byName(list.get("resources"), "name", kind.plural()).orElseThrow();
        assertThat(list.get("groupVersion").asText()).isEqualTo(kind.apiVersion());
        assertThat(entry.get("singularName").asText()).isEqualTo(kind.singular());
        assertThat(entry.get("namespaced").asBoolean()).isEqualTo(kind.namespaced());
        assertThat(entry.get("kind").asText()).isEqualTo(kind.kind());
        assertThat(texts(entry.path("shortNames"))).isEqualTo(kind.shortNames());
        assertThat(texts(entry.path("categories"))).isEqualTo(kind.categories());
        List<String> expectedVerbs = new ArrayList<>(ALL_VERBS);
        if (kind == ApiKind.NAMESPACE) {
            expectedVerbs.remove("deletecollection");
        }
        if (kind == ApiKind.ENDPOINTSLICE || kind == ApiKind.ENDPOINTS || kind == ApiKind.EVENT) {
            expectedVerbs = List.of("get", "list", "watch");
        }
        assertThat(texts(entry.get("verbs"))).isEqualTo(expectedVerbs);
    }

    @Test
    void theShortNamesAndCategoriesAreKubernetesOnes() {
        assertThat(ApiKind.POD.shortNames()).containsExactly("po");
        assertThat(ApiKind.DEPLOYMENT.shortNames()).containsExactly("deploy");
        assertThat(ApiKind.REPLICASET.shortNames()).containsExactly("rs");
        assertThat(ApiKind.NAMESPACE.shortNames()).containsExactly("ns");
        assertThat(ApiKind.NODE.shortNames()).containsExactly("no");
        assertThat(ApiKind.POD.categories()).containsExactly("all");
        assertThat(ApiKind.NODE.categories()).isEmpty();
        assertThat(ApiKind.CONFIGMAP.shortNames()).containsExactly("cm");
        assertThat(ApiKind.SERVICEACCOUNT.shortNames()).containsExactly("sa");
        assertThat(ApiKind.SECRET.shortNames()).isEmpty();
        assertThat(ApiKind.SECRET.categories()).isEmpty();
    }

    @Test
    void eventsAreGotListedAndWatchedInTheCoreGroup() {
        JsonNode events = byName(documents.resourceList("", "v1").orElseThrow().get("resources"), "name", "events")
                .orElseThrow();

        assertThat(events.get("kind").asText()).isEqualTo("Event");
        assertThat(events.get("namespaced").asBoolean()).isTrue();
        assertThat(texts(events.get("shortNames"))).containsExactly("ev");
        assertThat(texts(events.get("verbs"))).containsExactly("get", "list", "watch");
    }

    @Test
    void theScaleOfDeploymentsIsASubresourceAnsweringAnAutoscalingScale() {
        JsonNode scale = byName(documents.resourceList("apps", "v1").orElseThrow().get("resources"), "name",
                "deployments/scale").orElseThrow();

        assertThat(scale.get("group").asText()).isEqualTo("autoscaling");
        assertThat(scale.get("version").asText()).isEqualTo("v1");
        assertThat(scale.get("kind").asText()).isEqualTo("Scale");
        assertThat(scale.get("namespaced").asBoolean()).isTrue();
        assertThat(texts(scale.get("verbs"))).containsExactly("get", "patch", "update");
    }

    @Test
    void everyKindWithAStatusHasAReadOnlyStatusSubresourceOfItsOwnKind() {
        List<String> statuses = new ArrayList<>();
        for (GroupVersion groupVersion : ServedApi.korch().groupVersions()) {
            documents.resourceList(groupVersion.group(), groupVersion.version()).orElseThrow().get("resources")
                    .forEach(r -> {
                        String name = r.get("name").asText();
                        if (name.endsWith("/status")) {
                            statuses.add(name + " " + r.get("kind").asText() + " " + texts(r.get("verbs")));
                        }
                    });
        }
        assertThat(statuses).containsExactlyInAnyOrder("namespaces/status Namespace [get]", "nodes/status Node [get]",
                "pods/status Pod [get]", "replicasets/status ReplicaSet [get]",
                "deployments/status Deployment [get]", "services/status Service [get]",
                "horizontalpodautoscalers/status HorizontalPodAutoscaler [get]",
                "horizontalpodautoscalers/status HorizontalPodAutoscaler [get]");
    }

    @Test
    void theGroupListHasTheAppsDiscoveryAutoscalingAndMetricsGroupsOnlyAndUnservedGroupsAreNotFound() {
        ObjectNode list = documents.groupList();

        assertThat(list.get("kind").asText()).isEqualTo("APIGroupList");
        assertThat(list.get("groups")).hasSize(4);
        assertThat(list.get("groups").get(1).get("name").asText()).isEqualTo("discovery.k8s.io");
        assertThat(list.get("groups").get(2).at("/preferredVersion/groupVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(list.get("groups").get(3).at("/preferredVersion/groupVersion").asText())
                .isEqualTo("metrics.k8s.io/v1beta1");
        JsonNode apps = list.get("groups").get(0);
        assertThat(apps.get("name").asText()).isEqualTo("apps");
        assertThat(apps.at("/preferredVersion/groupVersion").asText()).isEqualTo("apps/v1");
        assertThat(documents.group("apps").orElseThrow().get("kind").asText()).isEqualTo("APIGroup");
        assertThat(documents.group("batch")).isEmpty();
        assertThat(documents.resourceList("apps", "v2")).isEmpty();
        assertThat(documents.resourceList("", "v2")).isEmpty();
    }

    @Test
    void theCoreVersionsNameTheAddressTheClientUsed() {
        ObjectNode versions = documents.apiVersions("127.0.0.1:8080");

        assertThat(versions.get("kind").asText()).isEqualTo("APIVersions");
        assertThat(texts(versions.get("versions"))).containsExactly("v1");
        assertThat(versions.at("/serverAddressByClientCIDRs/0/clientCIDR").asText()).isEqualTo("0.0.0.0/0");
        assertThat(versions.at("/serverAddressByClientCIDRs/0/serverAddress").asText()).isEqualTo("127.0.0.1:8080");
    }

    @Test
    void theAggregatedCoreGroupIsUnnamedAndHoldsItsResources() {
        ObjectNode list = documents.aggregated(true, "v2");

        assertThat(list.get("apiVersion").asText()).isEqualTo("apidiscovery.k8s.io/v2");
        assertThat(list.get("kind").asText()).isEqualTo("APIGroupDiscoveryList");
        assertThat(list.get("items")).hasSize(1);
        JsonNode core = list.get("items").get(0);
        assertThat(core.at("/metadata/name").isMissingNode()).isTrue();
        JsonNode v1 = core.at("/versions/0");
        assertThat(v1.get("version").asText()).isEqualTo("v1");
        assertThat(v1.get("freshness").asText()).isEqualTo("Current");
        JsonNode pods = byName(v1.get("resources"), "resource", "pods").orElseThrow();
        assertThat(pods.get("responseKind").toString())
                .isEqualTo("{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"}");
        assertThat(pods.get("scope").asText()).isEqualTo("Namespaced");
        assertThat(pods.get("singularResource").asText()).isEqualTo("pod");
        assertThat(texts(pods.get("verbs"))).isEqualTo(ALL_VERBS);
        assertThat(byName(v1.get("resources"), "resource", "nodes").orElseThrow().get("scope").asText())
                .isEqualTo("Cluster");
    }

    @Test
    void theAggregatedNamedGroupsCarryTheirSubresources() {
        ObjectNode list = documents.aggregated(false, "v2beta1");

        assertThat(list.get("apiVersion").asText()).isEqualTo("apidiscovery.k8s.io/v2beta1");
        JsonNode apps = list.get("items").get(0);
        assertThat(apps.at("/metadata/name").asText()).isEqualTo("apps");
        JsonNode deployments = byName(apps.at("/versions/0/resources"), "resource", "deployments").orElseThrow();
        JsonNode scale = deployments.at("/subresources/0");
        assertThat(scale.get("subresource").asText()).isEqualTo("scale");
        assertThat(scale.at("/responseKind/group").asText()).isEqualTo("autoscaling");
        assertThat(scale.at("/responseKind/kind").asText()).isEqualTo("Scale");
        assertThat(texts(scale.get("verbs"))).containsExactly("get", "patch", "update");
        assertThat(texts(deployments.get("categories"))).containsExactly("all");
    }

    private static Optional<JsonNode> byName(JsonNode array, String field, String name) {
        return StreamSupport.stream(array.spliterator(), false).filter(n -> n.path(field).asText().equals(name))
                .findFirst();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}

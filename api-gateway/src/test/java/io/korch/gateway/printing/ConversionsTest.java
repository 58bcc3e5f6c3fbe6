package io.korch.gateway.printing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.ContainerState;
import io.korch.api.ContainerStateTerminated;
import io.korch.api.ContainerStatus;
import io.korch.api.Deployment;
import io.korch.api.DeploymentStatus;
import io.korch.api.Event;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.PodStatus;
import io.korch.gateway.http.Lists;
import io.korch.gateway.printing.Conversion.Target;
import io.korch.gateway.resource.ApiError;
import io.korch.json.ApiJson;
import io.korch.printing.Printers;
import io.korch.testkit.ClusterEvents;
import io.korch.testkit.Deployments;
import io.korch.testkit.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Served objects and lists turned into the meta.k8s.io shapes kubectl and metadata clients ask for. */
class ConversionsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Conversion TABLE = new Conversion(Target.TABLE, "v1");

    private final Pod web = Pods.pod("web-1").label("app", "web").nodeName("node-1").created(NOW.minusSeconds(300))
            .status(PodStatus.newBuilder().setPhase("Running").setPodIP("10.0.0.7").build()).build();
    private final Pod done = Pods.pod("job-1").created(NOW.minus(Duration.ofHours(2)))
            .status(PodStatus.newBuilder().setPhase("Succeeded").setContainerStatuses(List.of(ContainerStatus.newBuilder()
                    .setName("main").setImage(Pods.IMAGE).setState(ContainerState.newBuilder()
                            .setTerminated(ContainerStateTerminated.newBuilder().setExitCode(0).setReason("Completed")
                                    .build())
                            .build())
                    .build())).build())
            .build();

    @Test
    void aPodListBecomesATableWithEveryColumnAndARowPerPod() {
        ObjectNode table = Conversions.convert(TABLE, Printers.PODS, podList(), IncludeObject.METADATA, NOW);

        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(table.at("/metadata/resourceVersion").asText()).isEqualTo("42");
        JsonNode columns = table.path("columnDefinitions");
        assertThat(columns).hasSize(7);
        assertThat(columns.get(0).toString()).isEqualTo("{\"name\":\"Name\",\"type\":\"string\",\"format\":\"name\","
                + "\"description\":\"" + columns.get(0).path("description").asText() + "\",\"priority\":0}");
        assertThat(columns.get(5).path("name").asText()).isEqualTo("IP");
        assertThat(columns.get(5).path("priority").asInt()).isEqualTo(1);
        assertThat(table.at("/rows/0/cells").toString())
                .isEqualTo("[\"web-1\",\"0/1\",\"Running\",\"0\",\"5m\",\"10.0.0.7\",\"node-1\"]");
        assertThat(table.at("/rows/1/cells").toString())
                .isEqualTo("[\"job-1\",\"0/1\",\"Completed\",\"0\",\"120m\",\"<none>\",\"<none>\"]");
    }

    @Test
    void eachRowCarriesThePartialObjectMetadataOfItsObjectByDefault() {
        ObjectNode table = Conversions.convert(TABLE, Printers.PODS, podList(), IncludeObject.METADATA, NOW);

        JsonNode object = table.at("/rows/0/object");
        assertThat(object.path("kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(object.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(object.at("/metadata/name").asText()).isEqualTo("web-1");
        assertThat(object.at("/metadata/namespace").asText()).isEqualTo("default");
        assertThat(object.at("/metadata/labels/app").asText()).isEqualTo("web");
        assertThat(object.has("spec")).isFalse();
    }

    @Test
    void rowsCarryTheWholeObjectOrNoneAsIncludeObjectSays() {
        ObjectNode whole = Conversions.convert(TABLE, Printers.PODS, podList(), IncludeObject.OBJECT, NOW);
        ObjectNode none = Conversions.convert(TABLE, Printers.PODS, podList(), IncludeObject.NONE, NOW);

        assertThat(whole.at("/rows/0/object")).isEqualTo(ApiJson.write(web));
        assertThat(whole.at("/rows/0/object/kind").asText()).isEqualTo("Pod");
        assertThat(none.at("/rows/0").has("object")).isFalse();
    }

    @Test
    void aCompletedPodsRowIsMarkedCompleted() {
        ObjectNode table = Conversions.convert(TABLE, Printers.PODS, podList(), IncludeObject.NONE, NOW);

        assertThat(table.at("/rows/0").has("conditions")).isFalse();
        assertThat(table.at("/rows/1/conditions").toString()).isEqualTo("[{\"type\":\"Completed\",\"status\":\"True\","
                + "\"reason\":\"Succeeded\",\"message\":\"The pod has completed successfully.\"}]");
    }

    @Test
    void oneDeploymentBecomesATableOfOneRowWithItsResourceVersionAndNumericCounts() {
        Deployment built = Deployments.deployment("web").replicas(3).created(NOW.minus(Duration.ofHours(3)))
                .status(DeploymentStatus.newBuilder().setReplicas(3).setUpdatedReplicas(3).setReadyReplicas(2)
                        .setAvailableReplicas(2).build())
                .build();
        Deployment deployment = Deployment.newBuilder(built)
                .setMetadata(ObjectMeta.newBuilder(built.getMetadata()).setResourceVersion("17").build())
                .build();

        ObjectNode table = Conversions.convert(new Conversion(Target.TABLE, "v1beta1"), Printers.DEPLOYMENTS,
                ApiJson.write(deployment), IncludeObject.METADATA, NOW);

        assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1beta1");
        assertThat(table.path("metadata").toString()).isEqualTo("{\"resourceVersion\":\"17\"}");
        assertThat(table.path("columnDefinitions")).extracting(column -> column.path("name").asText())
                .containsExactly("Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector");
        assertThat(table.path("rows")).hasSize(1);
        assertThat(table.at("/rows/0/cells").toString())
                .isEqualTo("[\"web\",\"2/3\",3,2,\"3h\",\"main\",\"" + Pods.IMAGE + "\",\"app=web\"]");
        assertThat(table.at("/rows/0/object/apiVersion").asText()).isEqualTo("meta.k8s.io/v1beta1");
    }

    @Test
    void eventsGetKubectlsEventColumns() {
        Event event = ClusterEvents.about("Pod", "web-1").warning("BackOff").message("Back-off restarting")
                .seen(3, NOW.minusSeconds(300), NOW.minusSeconds(120)).build();

        ObjectNode table = Conversions.convert(TABLE, Printers.EVENTS,
                Lists.of("v1", "Event", 9, List.of(ApiJson.write(event))), IncludeObject.METADATA, NOW);

        assertThat(table.path("columnDefinitions")).extracting(column -> column.path("name").asText()
                + "/" + column.path("priority").asInt()).containsExactly("Last Seen/0", "Type/0", "Reason/0",
                "Object/0", "Source/1", "Message/0", "First Seen/1", "Count/1", "Name/1");
        assertThat(table.at("/rows/0/cells/0").asText()).isEqualTo("2m");
        assertThat(table.at("/rows/0/cells/3").asText()).isEqualTo("pod/web-1");
        assertThat(table.at("/rows/0/cells/7").isInt()).isTrue();
    }

    @Test
    void aListBecomesAPartialObjectMetadataListWithItsListMetadata() {
        ObjectNode list = Conversions.convert(new Conversion(Target.PARTIAL_OBJECT_METADATA_LIST, "v1"), Printers.PODS,
                podList(), IncludeObject.METADATA, NOW);

        assertThat(list.path("kind").asText()).isEqualTo("PartialObjectMetadataList");
        assertThat(list.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(list.at("/metadata/resourceVersion").asText()).isEqualTo("42");
        assertThat(list.path("items")).hasSize(2);
        assertThat(list.at("/items/0/kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(list.at("/items/1/metadata/name").asText()).isEqualTo("job-1");
        assertThat(list.at("/items/1").has("status")).isFalse();
    }

    @Test
    void oneObjectBecomesAPartialObjectMetadata() {
        ObjectNode partial = Conversions.convert(new Conversion(Target.PARTIAL_OBJECT_METADATA, "v1"), Printers.PODS,
                ApiJson.write(web), IncludeObject.METADATA, NOW);

        assertThat(partial.fieldNames()).toIterable().containsExactly("kind", "apiVersion", "metadata");
        assertThat(partial.at("/metadata/name").asText()).isEqualTo("web-1");
    }

    @Test
    void refusesOneObjectsShapeOfAListAndAListsShapeOfOneObject() {
        assertThatThrownBy(() -> Conversions.convert(new Conversion(Target.PARTIAL_OBJECT_METADATA, "v1"),
                Printers.PODS, podList(), IncludeObject.METADATA, NOW))
                .isInstanceOfSatisfying(ApiError.class, error -> assertThat(error.code()).isEqualTo(406))
                .hasMessage("you requested PartialObjectMetadata, but the requested object is a list (PodList)");
        assertThatThrownBy(() -> Conversions.convert(new Conversion(Target.PARTIAL_OBJECT_METADATA_LIST, "v1"),
                Printers.PODS, ApiJson.write(web), IncludeObject.METADATA, NOW))
                .isInstanceOfSatisfying(ApiError.class, error -> assertThat(error.code()).isEqualTo(406))
                .hasMessage("you requested PartialObjectMetadataList, but the requested object is not a list (Pod)");
    }

    @Test
    void refusesAnUnknownIncludeObjectPolicy() {
        assertThat(IncludeObject.parse(null)).isEqualTo(IncludeObject.METADATA);
        assertThat(IncludeObject.parse("Object")).isEqualTo(IncludeObject.OBJECT);
        assertThatThrownBy(() -> IncludeObject.parse("Everything"))
                .isInstanceOfSatisfying(ApiError.class, error -> assertThat(error.code()).isEqualTo(400))
                .hasMessage("Unable to convert to Table as requested: includeObject: Unsupported value:"
                        + " \"Everything\": supported values: \"Metadata\", \"None\", \"Object\"");
    }

    private JsonNode podList() {
        return Lists.of("v1", "Pod", 42, List.of(ApiJson.write(web), ApiJson.write(done)));
    }
}

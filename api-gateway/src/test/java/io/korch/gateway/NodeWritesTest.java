package io.korch.gateway;

import static io.korch.gateway.testing.Api.NODES;
import static io.korch.gateway.testing.Fixtures.node;
import static io.korch.gateway.testing.Fixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.Node;
import io.korch.api.NodeStatus;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.testing.Cluster;
import io.korch.gateway.testing.GatewayFixture;
import io.korch.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Users create, label, cordon and delete nodes through the API: each write is a declaration on
 * {@code korch.node-specs}, served merged with the agent's registration on {@code korch.nodes},
 * which is published here with a plain producer as the agent does.
 */
class NodeWritesTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private final Cluster cluster = gateway.cluster();
    private final Api api = gateway.api();

    private List<String> listedNames(String query) {
        return api.get(NODES + query).json().get("items").findValuesAsText("name");
    }

    private void register(Node registration) {
        cluster.publish(Topics.NODES, registration.getMetadata().getName(), registration);
        await().atMost(WAIT).until(() -> api.get(NODES + "/" + registration.getMetadata().getName()).code() == 200);
    }

    @Test
    void aCreatedNodeIsServedAndListedWithoutStatusAsNeverUpdated() {
        Node declared = node("spare-1").label("disk", "ssd").build();
        declared.setStatus(NodeStatus.newBuilder().build());

        Response created = api.post(NODES, declared);

        assertThat(created.code()).as(created.body()).isEqualTo(201);
        assertThat(created.at("/metadata/uid")).isNotEmpty();
        assertThat(created.at("/metadata/creationTimestamp")).isNotEmpty();
        assertThat(created.at("/metadata/generation")).isEqualTo("1");
        Response read = api.get(NODES + "/spare-1");
        assertThat(read.code()).isEqualTo(200);
        assertThat(read.at("/metadata/resourceVersion")).isEqualTo(created.at("/metadata/resourceVersion"));
        assertThat(read.at("/metadata/labels/disk")).isEqualTo("ssd");
        assertThat(read.json().at("/status/conditions")).hasSize(1);
        assertThat(read.at("/status/conditions/0/type")).isEqualTo("Ready");
        assertThat(read.at("/status/conditions/0/status")).isEqualTo("Unknown");
        assertThat(read.at("/status/conditions/0/reason")).isEqualTo("NodeStatusNeverUpdated");
        assertThat(listedNames("")).contains("spare-1");
        assertThat(listedNames("?labelSelector=disk%3Dssd")).contains("spare-1");
    }

    @Test
    void labelsAndCordonAreLaidOverTheAgentsRegistration() {
        register(registered("worker-1", Instant.now()).label("zone", "east").build());
        String resourceVersion = api.get(NODES + "/worker-1").at("/metadata/resourceVersion");
        Node change = node("worker-1").label("disk", "ssd").unschedulable(true).build();
        change.getMetadata().setResourceVersion(resourceVersion);

        Response replaced = api.put(NODES + "/worker-1", change);

        assertThat(replaced.code()).as(replaced.body()).isEqualTo(200);
        Response read = api.get(NODES + "/worker-1");
        assertThat(read.at("/metadata/labels/zone")).isEqualTo("east");
        assertThat(read.at("/metadata/labels/disk")).isEqualTo("ssd");
        assertThat(read.at("/spec/unschedulable")).isEqualTo("true");
        assertThat(read.at("/metadata/uid")).isEqualTo("agent-worker-1");
        assertThat(read.at("/status/conditions/0/status")).isEqualTo("True");
        assertThat(read.at("/status/capacity/cpu")).isEqualTo("4");
        assertThat(read.at("/metadata/resourceVersion")).isEqualTo(replaced.at("/metadata/resourceVersion"))
                .isNotEqualTo(resourceVersion);
        assertThat(listedNames("?labelSelector=zone%3Deast,disk%3Dssd")).containsExactly("worker-1");
    }

    @Test
    void aReplaceWithAStaleResourceVersionIsAConflict() {
        String first = api.post(NODES, node("spare-2").build()).at("/metadata/resourceVersion");
        api.put(NODES + "/spare-2", node("spare-2").label("tier", "gold").build());
        Node stale = node("spare-2").unschedulable(true).build();
        stale.getMetadata().setResourceVersion(first);

        Response response = api.put(NODES + "/spare-2", stale);

        assertThat(response.code()).as(response.body()).isEqualTo(409);
        assertThat(response.at("/reason")).isEqualTo("Conflict");
        assertThat(api.get(NODES + "/spare-2").at("/spec/unschedulable")).isEmpty();
    }

    @Test
    void aReplaceThatChangesTheSpecBumpsTheDeclaredGeneration() {
        api.post(NODES, node("spare-3").build());

        Response cordoned = api.put(NODES + "/spare-3", node("spare-3").unschedulable(true).build());
        Response relabelled = api.put(NODES + "/spare-3", node("spare-3").label("a", "b").unschedulable(true).build());

        assertThat(cordoned.at("/metadata/generation")).isEqualTo("2");
        assertThat(relabelled.at("/metadata/generation")).isEqualTo("2");
    }

    @Test
    void deletingHidesARegisteredNodeUntilItsAgentHeartbeatsAgain() {
        register(registered("worker-2", Instant.now().minusSeconds(60)).label("zone", "west").build());
        api.put(NODES + "/worker-2", node("worker-2").label("disk", "ssd").unschedulable(true).build());

        Response deleted = api.delete(NODES + "/worker-2");

        assertThat(deleted.code()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.at("/metadata/name")).isEqualTo("worker-2");
        assertThat(deleted.at("/metadata/labels/disk")).isEqualTo("ssd");
        assertThat(api.get(NODES + "/worker-2").code()).isEqualTo(404);
        assertThat(listedNames("")).doesNotContain("worker-2");
        assertThat(api.delete(NODES + "/worker-2").code()).isEqualTo(404);
        assertThat(api.put(NODES + "/worker-2", node("worker-2").build()).code()).isEqualTo(404);

        register(registered("worker-2", Instant.now().plusSeconds(1)).label("zone", "west").build());

        Response back = api.get(NODES + "/worker-2");
        assertThat(back.at("/metadata/labels/zone")).isEqualTo("west");
        assertThat(back.json().at("/metadata/labels").has("disk")).isFalse();
        assertThat(back.at("/spec/unschedulable")).isEmpty();
        assertThat(listedNames("")).contains("worker-2");
    }

    @Test
    void aDeletedNodeMayBeCreatedAgain() {
        api.post(NODES, node("spare-4").label("tier", "old").build());
        api.delete(NODES + "/spare-4");

        Response recreated = api.post(NODES, node("spare-4").build());

        assertThat(recreated.code()).as(recreated.body()).isEqualTo(201);
        JsonNode read = api.get(NODES + "/spare-4").json();
        assertThat(read.at("/metadata/deletionTimestamp").isMissingNode()).isTrue();
        assertThat(read.at("/metadata/labels").has("tier")).isFalse();
    }

    @Test
    void creatingANodeThatExistsIsAConflict() {
        register(registered("worker-3", Instant.now()).build());
        api.post(NODES, node("spare-5").build());

        Response registered = api.post(NODES, node("worker-3").build());
        Response declared = api.post(NODES, node("spare-5").build());

        assertThat(registered.code()).isEqualTo(409);
        assertThat(registered.at("/reason")).isEqualTo("AlreadyExists");
        assertThat(declared.code()).isEqualTo(409);
        assertThat(declared.at("/reason")).isEqualTo("AlreadyExists");
    }

    @Test
    void aNodeWithAnInvalidNameIsRefused() {
        Response response = api.post(NODES, node("Node_1").build());

        assertThat(response.code()).as(response.body()).isEqualTo(422);
        assertThat(response.at("/reason")).isEqualTo("Invalid");
        assertThat(response.at("/details/kind")).isEqualTo("nodes");
        assertThat(response.at("/details/causes/0/field")).isEqualTo("metadata.name");
        assertThat(api.get(NODES + "/Node_1").code()).isEqualTo(404);
    }
}

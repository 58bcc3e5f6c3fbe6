package io.korch.gateway;

import static io.korch.gateway.testing.Api.DEPLOYMENTS;
import static io.korch.gateway.testing.Api.JSON;
import static io.korch.gateway.testing.Api.PODS;
import static io.korch.gateway.testing.Api.REPLICASETS;
import static io.korch.gateway.testing.Fixtures.deployment;
import static io.korch.gateway.testing.Fixtures.pod;
import static io.korch.gateway.testing.Fixtures.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.api.OwnerReference;
import io.korch.api.PodOwnership;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.testing.Cluster;
import io.korch.gateway.testing.GatewayFixture;
import io.korch.model.Owners;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DELETE with {@code propagationPolicy}, and pods served with the owners the replicaset controller's
 * {@code korch.pod-owners} records give them.
 */
class OrphanDeletionTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String ORPHAN_OPTIONS =
            "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Orphan\"}";

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private final Cluster cluster = gateway.cluster();
    private final Api api = gateway.api();

    private Response delete(String path, String options) {
        return api.send(HttpMethod.DELETE, path, JSON, JSON, options);
    }

    /** The records of {@code topic} at {@code key}, in order, once {@code count} of them are there. */
    private <V> List<ConsumerRecord<String, V>> recordsAt(Topic<String, V> topic, String key, int count) {
        List<ConsumerRecord<String, V>> found = new ArrayList<>();
        await().atMost(WAIT).untilAsserted(() -> {
            found.clear();
            cluster.records(topic).stream().filter(r -> r.key().equals(key)).forEach(found::add);
            assertThat(found).hasSize(count);
        });
        return found;
    }

    private static void assertOrphaning(SpecificRecord object) {
        var meta = io.korch.gateway.resource.ObjectRecords.metadata(object);
        assertThat(meta.getDeletionTimestamp()).isNotNull();
        assertThat(meta.getFinalizers()).containsExactly(Owners.ORPHAN_FINALIZER);
    }

    @Test
    void deletingAReplicaSetWithOrphanInDeleteOptionsMarksItOrphaningThenTombstonesIt() {
        // given
        api.post(REPLICASETS, replicaSet("orphans-rs").build());

        // when
        Response deleted = delete(REPLICASETS + "/orphans-rs", ORPHAN_OPTIONS);

        // then
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(deleted.at("/metadata/name")).isEqualTo("orphans-rs");
        var records = recordsAt(Topics.REPLICASETS, "default/orphans-rs", 3);
        assertOrphaning(records.get(1).value());
        assertThat(records.get(2).value()).isNull();
        assertThat(api.get(REPLICASETS + "/orphans-rs").code()).isEqualTo(404);
    }

    @Test
    void deletingADeploymentWithOrphanInTheQueryMarksItOrphaningThenTombstonesIt() {
        // given
        api.post(DEPLOYMENTS, deployment("orphans-deploy").build());

        // when
        Response deleted = api.delete(DEPLOYMENTS + "/orphans-deploy?propagationPolicy=Orphan");

        // then
        assertThat(deleted.code()).isEqualTo(200);
        var records = recordsAt(Topics.DEPLOYMENTS, "default/orphans-deploy", 3);
        assertOrphaning(records.get(1).value());
        assertThat(records.get(2).value()).isNull();
    }

    @Test
    void backgroundIsTheDefaultAndOnlyTombstones() {
        // given
        api.post(REPLICASETS, replicaSet("background-rs").build());
        api.post(DEPLOYMENTS, deployment("background-deploy").build());

        // when
        Response byDefault = api.delete(REPLICASETS + "/background-rs");
        Response explicit = delete(DEPLOYMENTS + "/background-deploy",
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Background\"}");

        // then
        assertThat(byDefault.code()).isEqualTo(200);
        assertThat(explicit.code()).isEqualTo(200);
        assertThat(recordsAt(Topics.REPLICASETS, "default/background-rs", 2).get(1).value()).isNull();
        assertThat(recordsAt(Topics.DEPLOYMENTS, "default/background-deploy", 2).get(1).value()).isNull();
    }

    @Test
    void anUnsupportedPropagationPolicyIsRefusedNamingTheFieldAndDeletesNothing() {
        // given
        api.post(REPLICASETS, replicaSet("kept-rs").build());

        // when
        Response unknown = api.delete(REPLICASETS + "/kept-rs?propagationPolicy=Sideways");
        Response unsupportedField = delete(REPLICASETS + "/kept-rs",
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"ignoreStoreReadErrorWithClusterBreakingPotential\":true}");

        // then
        assertThat(unknown.code()).isEqualTo(422);
        assertThat(unknown.at("/details/causes/0/field")).isEqualTo("propagationPolicy");
        assertThat(unknown.at("/details/causes/0/reason")).isEqualTo("FieldValueNotSupported");
        assertThat(unknown.at("/message")).contains("propagationPolicy: Unsupported value: \"Sideways\"")
                .contains("\"Background\", \"Orphan\"");
        assertThat(unsupportedField.code()).isEqualTo(422);
        assertThat(unsupportedField.at("/details/causes/0/field"))
                .isEqualTo("ignoreStoreReadErrorWithClusterBreakingPotential");
        assertThat(api.get(REPLICASETS + "/kept-rs").code()).isEqualTo(200);
    }

    @Test
    void aPodIsServedWithTheOwnersItsOwnershipRecordGivesIt() {
        // given a pod a user declared
        Response created = api.post(PODS, pod("adopted").label("app", "web").build());
        String uid = created.at("/metadata/uid");
        OwnerReference owner = OwnerReference.newBuilder().setApiVersion("apps/v1").setKind("ReplicaSet")
                .setName("web").setUid("rs-uid").setController(true).setBlockOwnerDeletion(true).build();

        // when the replicaset controller adopts it
        cluster.publish(Topics.POD_OWNERS, "default/adopted", PodOwnership.newBuilder().setPodUid(uid)
                .setOwnerReferences(new ArrayList<>(List.of(owner))).setTimestamp(Instant.now()).build());

        // then it is served with the controller reference, and stays the user's to change
        await().atMost(WAIT).untilAsserted(() -> {
            Response pod = api.get(PODS + "/adopted");
            assertThat(pod.at("/metadata/ownerReferences/0/kind")).isEqualTo("ReplicaSet");
            assertThat(pod.at("/metadata/ownerReferences/0/name")).isEqualTo("web");
            assertThat(pod.at("/metadata/ownerReferences/0/controller")).isEqualTo("true");
        });
        assertThat(api.put(PODS + "/adopted", pod("adopted").label("app", "debug").build()).code()).isEqualTo(200);

        // when it releases it
        cluster.publish(Topics.POD_OWNERS, "default/adopted", PodOwnership.newBuilder().setPodUid(uid)
                .setTimestamp(Instant.now()).build());

        // then it is an orphan again
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(api.get(PODS + "/adopted").json().at("/metadata/ownerReferences").isMissingNode()).isTrue());
    }
}

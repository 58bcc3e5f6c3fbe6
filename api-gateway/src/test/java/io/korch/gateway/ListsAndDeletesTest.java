package io.korch.gateway;

import static io.korch.gateway.testing.Api.DEPLOYMENTS;
import static io.korch.gateway.testing.Api.JSON;
import static io.korch.gateway.testing.Api.NAMESPACES;
import static io.korch.gateway.testing.Api.PODS;
import static io.korch.gateway.testing.Api.REPLICASETS;
import static io.korch.gateway.testing.Fixtures.deployment;
import static io.korch.gateway.testing.Fixtures.namespace;
import static io.korch.gateway.testing.Fixtures.pod;
import static io.korch.gateway.testing.Fixtures.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.Event;
import io.korch.api.OwnerReference;
import io.korch.api.Pod;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import io.korch.api.ReplicaSet;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.testing.Cluster;
import io.korch.gateway.testing.GatewayFixture;
import io.korch.model.Events;
import io.korch.model.Owners;
import io.korch.testkit.ClusterEvents;
import io.korch.testkit.Pods;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lists as Kubernetes pages and selects them, and deletes as it takes DeleteOptions, over real HTTP
 * against a real broker. Where controllers would act, the test plays them: it publishes what they
 * write to the owned topics.
 */
class ListsAndDeletesTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private final Cluster cluster = gateway.cluster();
    private final Api api = gateway.api();

    private static List<String> names(Response list) {
        return StreamSupport.stream(list.json().path("items").spliterator(), false)
                .map(item -> item.at("/metadata/name").asText())
                .toList();
    }

    private Response delete(String path, String options) {
        return api.send(HttpMethod.DELETE, path, JSON, JSON, options);
    }

    private void report(String name, String uid, String phase) {
        cluster.publish(Topics.POD_STATUS, Keys.podStatus("default/" + name, uid), PodStatusReport.newBuilder()
                .setPodUid(uid).setNodeName("fs-node").setStatus(PodStatus.newBuilder().setPhase(phase).build())
                .setObservedAt(Instant.now()).build());
    }

    /** A reference to the owner {@code uid} of kind {@code kind}, as a controller writes it. */
    private static OwnerReference controlledBy(String kind, String name, String uid) {
        return OwnerReference.newBuilder().setApiVersion("apps/v1").setKind(kind).setName(name).setUid(uid)
                .setController(true).setBlockOwnerDeletion(true).build();
    }

    @Test
    void pagesOfOneListShowTheClusterAtTheFirstPagesRevisionThroughWritesInBetween() {
        // given six pods
        for (int i = 1; i <= 6; i++) {
            api.post(PODS, pod("paged-" + i).label("paged", "yes").build());
        }

        // when the first page is read, the cluster changes, and the next pages are read
        Response first = api.get(PODS + "?labelSelector=paged%3Dyes&limit=2");
        api.post(PODS, pod("paged-0").label("paged", "yes").build());
        api.post(PODS, pod("paged-7").label("paged", "yes").build());
        api.put(PODS + "/paged-3", pod("paged-3").label("paged", "changed").build());
        api.delete(PODS + "/paged-5");
        Response second = api.get(PODS + "?labelSelector=paged%3Dyes&limit=2&continue=" + first.at("/metadata/continue"));
        Response third = api.get(PODS + "?labelSelector=paged%3Dyes&limit=2&continue=" + second.at("/metadata/continue"));

        // then every page shows the pods as they were when the first was read
        String revision = first.at("/metadata/resourceVersion");
        assertThat(names(first)).containsExactly("paged-1", "paged-2");
        assertThat(first.at("/metadata/remainingItemCount")).isEqualTo("4");
        assertThat(names(second)).containsExactly("paged-3", "paged-4");
        assertThat(second.at("/metadata/resourceVersion")).isEqualTo(revision);
        assertThat(second.at("/items/0/metadata/labels/paged")).isEqualTo("yes");
        assertThat(second.at("/metadata/remainingItemCount")).isEqualTo("2");
        assertThat(names(third)).containsExactly("paged-5", "paged-6");
        assertThat(third.at("/metadata/resourceVersion")).isEqualTo(revision);
        assertThat(third.json().at("/metadata/continue").isMissingNode()).isTrue();
        assertThat(third.json().at("/metadata/remainingItemCount").isMissingNode()).isTrue();
        // and a new list shows them now
        assertThat(names(api.get(PODS + "?labelSelector=paged%3Dyes")))
                .containsExactly("paged-0", "paged-1", "paged-2", "paged-4", "paged-6", "paged-7");
    }

    @Test
    void aMalformedContinueTokenIsABadRequest() {
        Response refused = api.get(PODS + "?limit=2&continue=bm90LWEtdG9rZW4");

        assertThat(refused.code()).isEqualTo(400);
        assertThat(refused.at("/message")).startsWith("invalid continue token: continue key is not valid");
    }

    @Test
    void podsAreSelectedByNodeAndPhaseAsKubectlDescribeNodeSelectsThem() {
        // given three pods on fs-node, one of them Succeeded, and one elsewhere
        String running = api.post(PODS, pod("fs-running").nodeName("fs-node").build()).at("/metadata/uid");
        String done = api.post(PODS, pod("fs-done").nodeName("fs-node").build()).at("/metadata/uid");
        api.post(PODS, pod("fs-pending").nodeName("fs-node").build());
        api.post(PODS, pod("fs-elsewhere").nodeName("other-node").build());
        report("fs-running", running, "Running");
        report("fs-done", done, "Succeeded");

        // then
        await().atMost(WAIT).untilAsserted(() -> assertThat(names(api.get(PODS
                + "?fieldSelector=spec.nodeName%3Dfs-node,status.phase!%3DSucceeded,status.phase!%3DFailed")))
                .containsExactly("fs-pending", "fs-running"));
        assertThat(names(api.get("/api/v1/pods?fieldSelector=status.phase%3DSucceeded,spec.nodeName%3Dfs-node")))
                .containsExactly("fs-done");
        assertThat(names(api.get(PODS + "?fieldSelector=metadata.name%3Dfs-elsewhere"))).containsExactly("fs-elsewhere");
        Response unknown = api.get(PODS + "?fieldSelector=spec.color%3Dred");
        assertThat(unknown.code()).isEqualTo(400);
        assertThat(unknown.at("/message")).startsWith("field label not supported: spec.color");
    }

    @Test
    void anExactResourceVersionListsTheClusterAsItWasThen() {
        // given a pod, a list's revision, then a change and a new pod
        api.post(PODS, pod("exact-1").label("exact", "before").build());
        String revision = api.get(PODS + "?labelSelector=exact").at("/metadata/resourceVersion");
        api.put(PODS + "/exact-1", pod("exact-1").label("exact", "after").build());
        api.post(PODS, pod("exact-2").label("exact", "after").build());

        // when
        Response then = api.get(PODS + "?labelSelector=exact&resourceVersion=" + revision + "&resourceVersionMatch=Exact");

        // then
        assertThat(then.code()).isEqualTo(200);
        assertThat(then.at("/metadata/resourceVersion")).isEqualTo(revision);
        assertThat(names(then)).containsExactly("exact-1");
        assertThat(then.at("/items/0/metadata/labels/exact")).isEqualTo("before");
        assertThat(Long.parseLong(then.at("/items/0/metadata/resourceVersion"))).isLessThanOrEqualTo(Long.parseLong(revision));
        Response forbidden = api.get(PODS + "?resourceVersionMatch=Exact");
        assertThat(forbidden.code()).isEqualTo(422);
        assertThat(forbidden.at("/message")).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: "
                + "Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");
    }

    @Test
    void aDeletionWhosePreconditionsDoNotHoldIsAConflictAndDeletesNothing() {
        // given
        Response created = api.post(PODS, pod("guarded").build());
        String uid = created.at("/metadata/uid");
        String version = created.at("/metadata/resourceVersion");

        // when
        Response wrongUid = delete(PODS + "/guarded", "{\"preconditions\":{\"uid\":\"someone-else\"}}");
        Response wrongVersion = delete(PODS + "/guarded", "{\"preconditions\":{\"uid\":\"" + uid
                + "\",\"resourceVersion\":\"1\"}}");

        // then
        assertThat(wrongUid.code()).isEqualTo(409);
        assertThat(wrongUid.at("/reason")).isEqualTo("Conflict");
        assertThat(wrongUid.at("/message")).isEqualTo("Operation cannot be fulfilled on pods \"guarded\": "
                + "Precondition failed: UID in precondition: someone-else, UID in object meta: " + uid);
        assertThat(wrongVersion.code()).isEqualTo(409);
        assertThat(wrongVersion.at("/message")).endsWith("Precondition failed: ResourceVersion in precondition: 1, "
                + "ResourceVersion in object meta: " + version);
        assertThat(api.get(PODS + "/guarded").code()).isEqualTo(200);

        // when they hold
        Response deleted = delete(PODS + "/guarded", "{\"preconditions\":{\"uid\":\"" + uid
                + "\",\"resourceVersion\":\"" + version + "\"}}");

        // then
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(api.get(PODS + "/guarded").code()).isEqualTo(404);
    }

    @Test
    void deletingACollectionDeletesWhatItsLabelSelectorSelectsAndAnswersWithThem() {
        // given
        api.post(PODS, pod("batch-1").label("batch", "old").build());
        api.post(PODS, pod("batch-2").label("batch", "old").build());
        api.post(PODS, pod("batch-3").label("batch", "new").build());

        // when
        Response deleted = api.delete(PODS + "?labelSelector=batch%3Dold");

        // then
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(deleted.at("/kind")).isEqualTo("PodList");
        assertThat(names(deleted)).containsExactly("batch-1", "batch-2");
        assertThat(api.get(PODS + "/batch-1").code()).isEqualTo(404);
        assertThat(api.get(PODS + "/batch-2").code()).isEqualTo(404);
        assertThat(names(api.get(PODS + "?labelSelector=batch"))).containsExactly("batch-3");
    }

    @Test
    void aDryRunCreateOrDeleteIsCheckedAndWritesNothing() {
        // when
        Response dryCreate = api.post(PODS + "?dryRun=All", pod("dry").label("app", "dry").build());
        api.post(PODS, pod("kept").build());
        Response dryTaken = api.post(PODS + "?dryRun=All", pod("kept").build());
        Response dryDelete = api.delete(PODS + "/kept?dryRun=All");
        Response dryMissing = api.delete(PODS + "/never-there?dryRun=All");
        Response badDryRun = api.post(PODS + "?dryRun=Yes", pod("dry").build());

        // then each is answered as it would be, and nothing was written
        assertThat(dryCreate.code()).isEqualTo(201);
        assertThat(dryCreate.at("/metadata/name")).isEqualTo("dry");
        assertThat(dryCreate.at("/metadata/uid")).isNotEmpty();
        assertThat(dryCreate.json().at("/metadata/resourceVersion").isMissingNode()).isTrue();
        assertThat(api.get(PODS + "/dry").code()).isEqualTo(404);
        assertThat(dryTaken.code()).isEqualTo(409);
        assertThat(dryDelete.code()).isEqualTo(200);
        assertThat(dryDelete.at("/metadata/name")).isEqualTo("kept");
        assertThat(api.get(PODS + "/kept").code()).isEqualTo(200);
        assertThat(dryMissing.code()).isEqualTo(404);
        assertThat(badDryRun.code()).isEqualTo(422);
        assertThat(badDryRun.at("/message")).isEqualTo("CreateOptions.meta.k8s.io \"\" is invalid: dryRun: "
                + "Unsupported value: [\"Yes\"]: supported values: \"All\"");
    }

    @Test
    void aNamespaceThatHoldsObjectsTerminatesDeletesThemAndGoesOnceItsControllersDeletedWhatTheyOwn() {
        // given a namespace with a pod, a Deployment, its ReplicaSet as its controller writes it, and events about the pod and a node
        String ns = "/api/v1/namespaces/closing";
        api.post(NAMESPACES, namespace("closing"));
        api.post(ns + "/pods", pod("p").namespace("closing").build());
        String deploymentUid = api.post("/apis/apps/v1/namespaces/closing/deployments",
                deployment("web").namespace("closing").build()).at("/metadata/uid");
        ReplicaSet owned = replicaSet("web-5d4f").namespace("closing").uid("closing-rs-uid").build();
        owned.getMetadata().setOwnerReferences(new ArrayList<>(List.of(controlledBy("Deployment", "web", deploymentUid))));
        cluster.publish(Topics.OWNED_REPLICASETS, "closing/web-5d4f", owned);
        Event event = ClusterEvents.about("Pod", "p").namespace("closing").at(Instant.now()).build();
        cluster.publish(Topics.EVENTS, Events.key(event), event);
        Event nodeEvent = ClusterEvents.about("Node", "node-1").namespace(null).at(Instant.now()).build();
        nodeEvent.getMetadata().setNamespace("closing");
        cluster.publish(Topics.EVENTS, Events.key(nodeEvent), nodeEvent);
        String replicaSet = "/apis/apps/v1/namespaces/closing/replicasets/web-5d4f";
        await().atMost(WAIT).until(() -> api.get(replicaSet).code() == 200
                && names(api.get(ns + "/events")).size() == 2);

        // when
        Response deleted = api.delete(NAMESPACES + "/closing");

        // then it terminates: no new object, what no controller owns goes, the owned ReplicaSet waits for its controller
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(deleted.at("/status/phase")).isEqualTo("Terminating");
        assertThat(deleted.at("/metadata/deletionTimestamp")).isNotEmpty();
        Response refused = api.post(ns + "/pods", pod("q").namespace("closing").build());
        assertThat(refused.code()).isEqualTo(403);
        assertThat(refused.at("/message")).isEqualTo("pods \"q\" is forbidden: unable to create new content in"
                + " namespace closing because it is being terminated");
        await().atMost(WAIT).until(() -> api.get(ns + "/pods/p").code() == 404
                && api.get("/apis/apps/v1/namespaces/closing/deployments/web").code() == 404);
        assertThat(api.get(replicaSet).code()).isEqualTo(200);
        assertThat(api.get(NAMESPACES + "/closing").at("/status/phase")).isEqualTo("Terminating");
        Response again = api.delete(NAMESPACES + "/closing");
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.at("/message")).startsWith("Operation cannot be fulfilled on namespaces \"closing\": The"
                + " system is ensuring all content is removed from this namespace.");

        // when the deployment controller deletes the ReplicaSet
        cluster.publish(Topics.OWNED_REPLICASETS, "closing/web-5d4f", null);

        // then the namespace goes, with its default ServiceAccount and its events
        await().atMost(WAIT).until(() -> api.get(NAMESPACES + "/closing").code() == 404);
        assertThat(api.get(ns + "/serviceaccounts/default").code()).isEqualTo(404);
        await().atMost(WAIT).until(() -> names(api.get(ns + "/events")).isEmpty());
    }

    @Test
    void aDeploymentDeletedInTheForegroundStaysMarkedUntilItsReplicaSetsAndTheirPodsAreGone() {
        // given a Deployment, its ReplicaSet and the ReplicaSet's pod, as its controllers write them
        String deploymentUid = api.post(DEPLOYMENTS, deployment("fg").build()).at("/metadata/uid");
        ReplicaSet owned = replicaSet("fg-5d4f").uid("fg-rs-uid").build();
        owned.getMetadata().setOwnerReferences(new ArrayList<>(List.of(controlledBy("Deployment", "fg", deploymentUid))));
        cluster.publish(Topics.OWNED_REPLICASETS, "default/fg-5d4f", owned);
        Pod ownedPod = Pods.pod("fg-5d4f-a1").uid("fg-pod-uid").build();
        ownedPod.getMetadata().setOwnerReferences(new ArrayList<>(List.of(controlledBy("ReplicaSet", "fg-5d4f", "fg-rs-uid"))));
        cluster.publish(Topics.OWNED_PODS, "default/fg-5d4f-a1", ownedPod);
        await().atMost(WAIT).until(() -> api.get(PODS + "/fg-5d4f-a1").code() == 200);

        // when
        Response deleted = api.delete(DEPLOYMENTS + "/fg?propagationPolicy=Foreground");

        // then it is answered and stays, marked
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(deleted.at("/metadata/deletionTimestamp")).isNotEmpty();
        assertThat(deleted.at("/metadata/finalizers/0")).isEqualTo(Owners.FOREGROUND_FINALIZER);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> api.get(DEPLOYMENTS + "/fg").code() == 200);
        JsonNode marked = api.get(DEPLOYMENTS + "/fg").json();
        assertThat(marked.at("/metadata/deletionTimestamp").asText()).isEqualTo(deleted.at("/metadata/deletionTimestamp"));

        // when the replicaset controller deletes the pod, the Deployment still waits for its ReplicaSet
        cluster.publish(Topics.OWNED_PODS, "default/fg-5d4f-a1", null);
        await().atMost(WAIT).until(() -> api.get(PODS + "/fg-5d4f-a1").code() == 404);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> api.get(DEPLOYMENTS + "/fg").code() == 200);

        // when the deployment controller deletes the ReplicaSet
        cluster.publish(Topics.OWNED_REPLICASETS, "default/fg-5d4f", null);

        // then the Deployment goes too
        await().atMost(WAIT).until(() -> api.get(DEPLOYMENTS + "/fg").code() == 404);
    }

    @Test
    void aReplicaSetDeletedInTheForegroundGoesOnceItsPodsAreGoneAndADryRunMarksNothing() {
        // given a ReplicaSet a user declared and a pod its controller wrote
        String uid = api.post(REPLICASETS, replicaSet("fg-rs").build()).at("/metadata/uid");
        Pod ownedPod = Pods.pod("fg-rs-b2").uid("fg-rs-pod-uid").build();
        ownedPod.getMetadata().setOwnerReferences(new ArrayList<>(List.of(controlledBy("ReplicaSet", "fg-rs", uid))));
        cluster.publish(Topics.OWNED_PODS, "default/fg-rs-b2", ownedPod);
        await().atMost(WAIT).until(() -> api.get(PODS + "/fg-rs-b2").code() == 200);

        // when a dry run comes first
        Response dryRun = delete(REPLICASETS + "/fg-rs", "{\"propagationPolicy\":\"Foreground\",\"dryRun\":[\"All\"]}");

        // then it answers with the ReplicaSet as it would be marked, and marks nothing
        assertThat(dryRun.code()).isEqualTo(200);
        assertThat(dryRun.at("/metadata/finalizers/0")).isEqualTo(Owners.FOREGROUND_FINALIZER);
        assertThat(api.get(REPLICASETS + "/fg-rs").json().at("/metadata/deletionTimestamp").isMissingNode()).isTrue();

        // when it is deleted
        Response deleted = delete(REPLICASETS + "/fg-rs", "{\"propagationPolicy\":\"Foreground\"}");

        // then it stays marked while its pod is there, and goes with it
        assertThat(deleted.code()).isEqualTo(200);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> api.get(REPLICASETS + "/fg-rs").code() == 200);
        cluster.publish(Topics.OWNED_PODS, "default/fg-rs-b2", null);
        await().atMost(WAIT).until(() -> api.get(REPLICASETS + "/fg-rs").code() == 404);
    }
}

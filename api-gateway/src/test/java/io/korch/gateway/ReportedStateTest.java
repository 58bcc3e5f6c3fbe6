package io.korch.gateway;

import static io.korch.gateway.testing.Api.DEPLOYMENTS;
import static io.korch.gateway.testing.Api.PODS;
import static io.korch.gateway.testing.Api.REPLICASETS;
import static io.korch.gateway.testing.Fixtures.deployment;
import static io.korch.gateway.testing.Fixtures.pod;
import static io.korch.gateway.testing.Fixtures.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.api.DeploymentStatus;
import io.korch.api.Node;
import io.korch.api.NodeCondition;
import io.korch.api.NodeHealth;
import io.korch.api.NodePodCidrs;
import io.korch.api.NodeStatus;
import io.korch.api.ObjectMeta;
import io.korch.api.OwnerReference;
import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.testing.Cluster;
import io.korch.gateway.testing.GatewayFixture;
import io.korch.model.EventReasons;
import io.korch.model.Events;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the other components publish — status, bindings, node heartbeats and verdicts, owned
 * objects, events — shows in what the gateway serves. Records are published with a plain producer,
 * exactly as those components write them.
 */
class ReportedStateTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private final Cluster cluster = gateway.cluster();
    private final Api api = gateway.api();

    @Test
    void aDeploymentShowsTheStatusItsControllerReports() {
        api.post(DEPLOYMENTS, deployment("web").replicas(3).build());

        cluster.publish(Topics.DEPLOYMENT_STATUS, "default/web", DeploymentStatus.newBuilder()
                .setObservedGeneration(1L).setReplicas(3).setReadyReplicas(2).setAvailableReplicas(2).build());

        await().atMost(WAIT).untilAsserted(() -> {
            Response deployment = api.get(DEPLOYMENTS + "/web");
            assertThat(deployment.at("/status/readyReplicas")).isEqualTo("2");
            assertThat(deployment.at("/spec/replicas")).isEqualTo("3");
        });
        assertThat(api.get(DEPLOYMENTS + "/web/scale").at("/status/replicas")).isEqualTo("3");
    }

    @Test
    void aPodShowsItsBindingAndTheAgentsReport() {
        String uid = api.post(PODS, pod("bound").build()).at("/metadata/uid");

        cluster.publish(Topics.BINDINGS, "default/bound", PodBinding.newBuilder().setPodUid(uid).setNodeName("node-1")
                .setTimestamp(Instant.now()).build());
        cluster.publish(Topics.POD_STATUS, Keys.podStatus("default/bound", uid), PodStatusReport.newBuilder().setPodUid(uid)
                .setNodeName("node-1").setStatus(PodStatus.newBuilder().setPhase("Running").build())
                .setObservedAt(Instant.now()).build());

        await().atMost(WAIT).untilAsserted(() -> {
            Response pod = api.get(PODS + "/bound");
            assertThat(pod.at("/spec/nodeName")).isEqualTo("node-1");
            assertThat(pod.at("/status/phase")).isEqualTo("Running");
            assertThat(pod.at("/status/conditions/0/type")).isEqualTo("PodScheduled");
            assertThat(pod.at("/status/conditions/0/status")).isEqualTo("True");
        });
    }

    @Test
    void anUnschedulablePodExplainsWhy() {
        String uid = api.post(PODS, pod("stuck").cpu("64").build()).at("/metadata/uid");

        cluster.publish(Topics.BINDINGS, "default/stuck", PodBinding.newBuilder().setPodUid(uid)
                .setReason("Unschedulable").setMessage("0/1 nodes are available: 1 Insufficient cpu.")
                .setTimestamp(Instant.now()).build());

        await().atMost(WAIT).untilAsserted(() -> {
            Response pod = api.get(PODS + "/stuck");
            assertThat(pod.at("/status/phase")).isEqualTo("Pending");
            assertThat(pod.at("/status/conditions/0/status")).isEqualTo("False");
            assertThat(pod.at("/status/conditions/0/reason")).isEqualTo("Unschedulable");
            assertThat(pod.at("/status/conditions/0/message")).isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
        });
    }

    @Test
    void aStatusReportAboutAnEarlierPodOfTheSameNameIsIgnored() {
        api.post(PODS, pod("reborn").build());

        cluster.publish(Topics.POD_STATUS, Keys.podStatus("default/reborn", "earlier-uid"), PodStatusReport.newBuilder()
                .setPodUid("earlier-uid")
                .setNodeName("node-1").setStatus(PodStatus.newBuilder().setPhase("Failed").build())
                .setObservedAt(Instant.now()).build());
        api.post(PODS, pod("marker").build());
        String marker = api.get(PODS + "/marker").at("/metadata/uid");
        cluster.publish(Topics.POD_STATUS, Keys.podStatus("default/marker", marker), PodStatusReport.newBuilder()
                .setPodUid(marker).setNodeName("node-1")
                .setStatus(PodStatus.newBuilder().setPhase("Running").build()).setObservedAt(Instant.now()).build());

        await().atMost(WAIT).until(() -> api.get(PODS + "/marker").at("/status/phase").equals("Running"));
        assertThat(api.get(PODS + "/reborn").at("/status/phase")).isEqualTo("Pending");
    }

    private static Node node(String name, String label) {
        NodeCondition ready = NodeCondition.newBuilder().setType("Ready").setStatus("True").setReason("KubeletReady")
                .setLastHeartbeatTime(Instant.now()).build();
        return Node.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(name).setLabels(Map.of("zone", label))
                        .setUid(UUID.randomUUID().toString()).build())
                .setStatus(NodeStatus.newBuilder().setCapacity(Map.of("cpu", "4", "memory", "8Gi"))
                        .setConditions(List.of(ready)).build())
                .build();
    }

    @Test
    void nodesAreListedAsTheirAgentsRegisterThemAndFollowTheLifecycleVerdict() {
        cluster.publish(Topics.NODES, "node-a", node("node-a", "east"));
        cluster.publish(Topics.NODES, "node-b", node("node-b", "west"));

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(api.get("/api/v1/nodes?labelSelector=zone%3Deast").json().get("items"))
                        .extracting(n -> n.at("/metadata/name").asText()).containsExactly("node-a"));
        cluster.publish(Topics.NODE_HEALTH, "node-a", NodeHealth.newBuilder().setNodeName("node-a").setReady(false)
                .setReason("NodeStatusUnknown").setMessage("Kubelet stopped posting node status.")
                .setLastTransitionTime(Instant.now()).build());

        await().atMost(WAIT).untilAsserted(() -> {
            Response node = api.get("/api/v1/nodes/node-a");
            assertThat(node.at("/status/conditions/0/type")).isEqualTo("Ready");
            assertThat(node.at("/status/conditions/0/status")).isEqualTo("False");
            assertThat(node.at("/status/conditions/0/reason")).isEqualTo("NodeStatusUnknown");
            assertThat(node.at("/status/conditions/0/message")).isEqualTo("Kubelet stopped posting node status.");
        });
        assertThat(api.get("/api/v1/nodes/node-b").at("/status/conditions/0/status")).isEqualTo("True");

        // and a node is served with the pod CIDR the node IPAM controller gave it
        cluster.publish(Topics.NODE_POD_CIDRS, "node-b", NodePodCidrs.newBuilder().setPodCIDRs(List.of("10.244.1.0/24")).build());
        await().atMost(WAIT).untilAsserted(() -> {
            Response node = api.get("/api/v1/nodes/node-b");
            assertThat(node.at("/spec/podCIDR")).isEqualTo("10.244.1.0/24");
            assertThat(node.at("/spec/podCIDRs/0")).isEqualTo("10.244.1.0/24");
        });
    }

    private static OwnerReference controller(String kind, String name) {
        return OwnerReference.newBuilder().setApiVersion("apps/v1").setKind(kind).setName(name)
                .setUid(UUID.randomUUID().toString()).setController(true).build();
    }

    @Test
    void ownedReplicaSetsAndPodsAreListedServedAndProtected() {
        api.post(DEPLOYMENTS, deployment("shop").build());
        ReplicaSet owned = replicaSet("shop-7d9f").selector(Map.of("app", "shop"))
                .templateLabels(Map.of("app", "shop")).build();
        owned.getMetadata().setUid(UUID.randomUUID().toString());
        owned.getMetadata().setOwnerReferences(List.of(controller("Deployment", "shop")));
        Pod ownedPod = pod("shop-7d9f-abcde").label("app", "shop").build();
        ownedPod.getMetadata().setUid(UUID.randomUUID().toString());
        ownedPod.getMetadata().setOwnerReferences(List.of(controller("ReplicaSet", "shop-7d9f")));

        cluster.publish(Topics.OWNED_REPLICASETS, "default/shop-7d9f", owned);
        cluster.publish(Topics.REPLICASET_STATUS, "default/shop-7d9f", ReplicaSetStatus.newBuilder().setReplicas(1)
                .setReadyReplicas(1).build());
        cluster.publish(Topics.OWNED_PODS, "default/shop-7d9f-abcde", ownedPod);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(api.get(REPLICASETS + "/shop-7d9f").at("/status/readyReplicas")).isEqualTo("1");
            assertThat(api.get(PODS + "?labelSelector=app%3Dshop").json().get("items"))
                    .extracting(p -> p.at("/metadata/name").asText()).containsExactly("shop-7d9f-abcde");
        });
        Response replacePod = api.put(PODS + "/shop-7d9f-abcde", pod("shop-7d9f-abcde").label("app", "shop").build());
        Response deletePod = api.delete(PODS + "/shop-7d9f-abcde");
        Response replaceReplicaSet = api.put(REPLICASETS + "/shop-7d9f", replicaSet("shop-7d9f")
                .selector(Map.of("app", "shop")).templateLabels(Map.of("app", "shop")).build());
        Response createSameName = api.post(PODS, pod("shop-7d9f-abcde").build());

        assertThat(replacePod.code()).isEqualTo(422);
        assertThat(replacePod.at("/message")).isEqualTo("pod \"shop-7d9f-abcde\" is controlled by ReplicaSet "
                + "\"shop-7d9f\"; scale or delete the Deployment \"shop\" instead");
        assertThat(deletePod.code()).isEqualTo(200);
        assertThat(deletePod.at("/metadata/uid")).isEqualTo(ownedPod.getMetadata().getUid());
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.records(Topics.POD_DELETIONS))
                .filteredOn(r -> r.key().equals("default/shop-7d9f-abcde")).singleElement()
                .satisfies(r -> {
                    assertThat(r.value().getMetadata().getUid()).isEqualTo(ownedPod.getMetadata().getUid());
                    assertThat(r.value().getMetadata().getDeletionTimestamp()).isNotNull();
                }));
        assertThat(api.get(PODS + "/shop-7d9f-abcde").code()).isEqualTo(200);
        assertThat(replaceReplicaSet.code()).isEqualTo(422);
        assertThat(replaceReplicaSet.at("/message")).isEqualTo("replicaset \"shop-7d9f\" is controlled by Deployment "
                + "\"shop\"; change or delete the Deployment instead");
        assertThat(createSameName.code()).isEqualTo(409);
    }

    @Test
    void recentEventsAreListedAggregatedAndSelectedByField() {
        Instant now = Instant.now();
        cluster.publish(Topics.EVENTS, Keys.of("default", "ev-pod"), Events.of(Events.ref("Pod", "default", "ev-pod", "u1"),
                Events.NORMAL, EventReasons.SCHEDULED, "Successfully assigned default/ev-pod to node-1", "scheduler",
                null, now));
        for (int i = 0; i < 2; i++) {
            cluster.publish(Topics.EVENTS, Keys.of("default", "other"), Events.of(Events.ref("Pod", "default", "other", "u2"),
                    Events.WARNING, EventReasons.BACK_OFF, "Back-off restarting failed container", "agent", "node-1",
                    now.plusSeconds(i)));
        }

        await().atMost(WAIT).untilAsserted(() -> {
            Response events = api.get("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dev-pod");
            assertThat(events.at("/kind")).isEqualTo("EventList");
            assertThat(events.json().get("items")).singleElement()
                    .satisfies(e -> assertThat(e.at("/reason").asText()).isEqualTo("Scheduled"));
            assertThat(api.get("/api/v1/events?fieldSelector=reason%3DBackOff").json().get("items")).singleElement()
                    .satisfies(e -> assertThat(e.at("/count").asInt()).isEqualTo(2));
        });
        assertThat(api.get("/api/v1/events?fieldSelector=source%3Dagent").code()).isEqualTo(400);
    }
}

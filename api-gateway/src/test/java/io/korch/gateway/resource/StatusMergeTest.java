package io.korch.gateway.resource;

import static io.korch.gateway.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.ContainerStatus;
import io.korch.api.Node;
import io.korch.api.NodeCondition;
import io.korch.api.NodeHealth;
import io.korch.api.NodeStatus;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.api.PodCondition;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pure tests of how reported status joins declared objects. */
class StatusMergeTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    private static Pod podWithUid(String uid) {
        Pod pod = pod("web-1").build();
        pod.getMetadata().setUid(uid);
        return pod;
    }

    private static PodBinding boundTo(String uid, String node) {
        return PodBinding.newBuilder().setPodUid(uid).setNodeName(node).setTimestamp(NOW).build();
    }

    private static PodStatusReport report(String uid, String phase) {
        PodStatus status = PodStatus.newBuilder().setPhase(phase)
                .setContainerStatuses(List.of(ContainerStatus.newBuilder().setName("main").setImage("nginx").build()))
                .build();
        return PodStatusReport.newBuilder().setPodUid(uid).setNodeName("node-1").setStatus(status).setObservedAt(NOW)
                .build();
    }

    @Test
    void aPodNobodyReportedOnIsPending() {
        Pod served = StatusMerge.pod(podWithUid("u1"), null, null);

        assertThat(served.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(served.getStatus().getConditions()).isEmpty();
    }

    @Test
    void aBoundPodShowsItsNodeAndIsScheduled() {
        Pod served = StatusMerge.pod(podWithUid("u1"), boundTo("u1", "node-1"), null);

        assertThat(served.getSpec().getNodeName()).isEqualTo("node-1");
        assertThat(served.getStatus().getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("PodScheduled");
            assertThat(c.getStatus()).isEqualTo("True");
        });
    }

    @Test
    void anUnschedulablePodExplainsWhy() {
        PodBinding nowhere = PodBinding.newBuilder().setPodUid("u1").setReason("Unschedulable")
                .setMessage("0/2 nodes are available: 2 Insufficient cpu.").setTimestamp(NOW).build();

        Pod served = StatusMerge.pod(podWithUid("u1"), nowhere, null);

        PodCondition condition = served.getStatus().getConditions().get(0);
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo("Unschedulable");
        assertThat(condition.getMessage()).isEqualTo("0/2 nodes are available: 2 Insufficient cpu.");
        assertThat(served.getSpec().getNodeName()).isNull();
    }

    @Test
    void theAgentsReportGivesThePhaseAndContainerStates() {
        Pod served = StatusMerge.pod(podWithUid("u1"), boundTo("u1", "node-1"), report("u1", "Running"));

        assertThat(served.getStatus().getPhase()).isEqualTo("Running");
        assertThat(served.getStatus().getContainerStatuses()).extracting(ContainerStatus::getName).containsExactly("main");
        assertThat(served.getStatus().getConditions()).extracting(PodCondition::getType).containsExactly("PodScheduled");
    }

    @Test
    void reportsAndBindingsAboutAnOlderPodOfTheSameNameAreIgnored() {
        Pod served = StatusMerge.pod(podWithUid("new"), boundTo("old", "node-1"), report("old", "Running"));

        assertThat(served.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(served.getSpec().getNodeName()).isNull();
    }

    @Test
    void mergingNeverChangesTheStoredPod() {
        Pod stored = podWithUid("u1");

        StatusMerge.pod(stored, boundTo("u1", "node-1"), report("u1", "Running"));

        assertThat(stored.getStatus()).isNull();
        assertThat(stored.getSpec().getNodeName()).isNull();
    }

    private static Node nodeReportingReady() {
        NodeCondition ready = NodeCondition.newBuilder().setType("Ready").setStatus("True").setReason("KubeletReady")
                .setLastHeartbeatTime(NOW).build();
        return Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("node-1").build())
                .setStatus(NodeStatus.newBuilder().setConditions(List.of(ready)).build()).build();
    }

    @Test
    void aNodeDeclaredNotReadyShowsReadyFalseWhateverItLastReported() {
        NodeHealth lost = NodeHealth.newBuilder().setNodeName("node-1").setReady(false).setReason("NodeStatusUnknown")
                .setMessage("no heartbeat for 5s").setLastTransitionTime(NOW).build();

        Node served = StatusMerge.node(nodeReportingReady(), lost);

        assertThat(served.getStatus().getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("NodeStatusUnknown");
            assertThat(c.getMessage()).isEqualTo("no heartbeat for 5s");
            assertThat(c.getLastHeartbeatTime()).isEqualTo(NOW);
        });
    }

    private static Node nodeReporting(String status, String reason, String message) {
        NodeCondition ready = NodeCondition.newBuilder().setType("Ready").setStatus(status).setReason(reason)
                .setMessage(message).setLastHeartbeatTime(NOW).setLastTransitionTime(NOW.minusSeconds(30)).build();
        return Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("node-1").build())
                .setStatus(NodeStatus.newBuilder().setConditions(List.of(ready)).build()).build();
    }

    private static NodeHealth verdict(boolean ready, String reason, String message) {
        return NodeHealth.newBuilder().setNodeName("node-1").setReady(ready).setReason(reason).setMessage(message)
                .setLastHeartbeatTime(NOW).setLastTransitionTime(NOW.minusSeconds(600)).build();
    }

    @Test
    void aNodeWhoseAgentSaysNotReadyIsNotReadyEvenWhenTheLifecycleVerdictIsReady() {
        Node runtimeDown = nodeReporting("False", "ContainerRuntimeDown", "cannot reach the Docker daemon");

        Node served = StatusMerge.node(runtimeDown, verdict(true, "KubeletReady", "heartbeats arrive"));

        assertThat(served.getStatus().getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("ContainerRuntimeDown");
            assertThat(c.getMessage()).isEqualTo("cannot reach the Docker daemon");
            assertThat(c.getLastTransitionTime()).isEqualTo(NOW.minusSeconds(30));
        });
    }

    @Test
    void whenBothSayNotReadyTheLifecycleVerdictExplainsWhy() {
        Node runtimeDown = nodeReporting("False", "ContainerRuntimeDown", "cannot reach the Docker daemon");

        Node served = StatusMerge.node(runtimeDown, verdict(false, "NodeStatusUnknown", "no heartbeat for 5s"));

        assertThat(served.getStatus().getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("NodeStatusUnknown");
            assertThat(c.getMessage()).isEqualTo("no heartbeat for 5s");
            assertThat(c.getLastTransitionTime()).isEqualTo(NOW.minusSeconds(600));
        });
    }

    @Test
    void aNodeIsReadyOnlyWhenBothSayReadyAndKeepsTheAgentsReason() {
        Node served = StatusMerge.node(nodeReportingReady(), verdict(true, "KubeletReady", "heartbeats arrive"));

        assertThat(served.getStatus().getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("KubeletReady");
        });
    }

    @Test
    void aNodeWithoutVerdictIsServedAsReported() {
        Node node = nodeReportingReady();

        assertThat(StatusMerge.node(node, null)).isSameAs(node);
    }

    @Test
    void aNodeNoAgentEverRegisteredIsReadyUnknownNeverUpdated() {
        Node declared = Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("spare").build()).build();

        Node served = StatusMerge.node(declared, null);

        assertThat(served.getStatus().getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("Unknown");
            assertThat(c.getReason()).isEqualTo("NodeStatusNeverUpdated");
        });
        assertThat(declared.getStatus()).isNull();
    }

    @Test
    void workloadsWithoutReportedStatusShowZeroReplicas() {
        assertThat(StatusMerge.deployment(io.korch.gateway.testing.Fixtures.deployment("web").build(), null)
                .getStatus().getReplicas()).isZero();
    }

    @Test
    void aDeploymentIsServedWithTheRevisionOfItsCurrentReplicaSet() {
        io.korch.api.Deployment web = io.korch.gateway.testing.Fixtures.deployment("web").build();
        io.korch.api.ReplicaSet current = io.korch.api.ReplicaSet.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("web-abc").setNamespace("default")
                        .setAnnotations(java.util.Map.of("deployment.kubernetes.io/revision", "3")).build())
                .setSpec(io.korch.api.ReplicaSetSpec.newBuilder().setSelector(web.getSpec().getSelector())
                        .setTemplate(web.getSpec().getTemplate()).build())
                .build();

        assertThat(StatusMerge.deployment(web, null, current).getMetadata().getAnnotations())
                .containsEntry("deployment.kubernetes.io/revision", "3");
        assertThat(StatusMerge.deployment(web, null, null).getMetadata().getAnnotations())
                .doesNotContainKey("deployment.kubernetes.io/revision");
        assertThat(StatusMerge.currentReplicaSetKey(web))
                .isEqualTo("default/web-" + io.korch.model.TemplateHash.of(web.getSpec().getTemplate()));
    }
}

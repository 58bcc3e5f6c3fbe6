package io.korch.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Node;
import io.korch.api.NodeCondition;
import io.korch.api.NodeSpec;
import io.korch.api.NodeStatus;
import io.korch.api.ObjectMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeViewsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aRegisteredNodeWithoutDeclarationIsServedAsRegistered() {
        Node registered = registered("node-1", T0, Map.of("kubernetes.io/hostname", "node-1"));

        assertThat(NodeViews.merge(registered, null)).contains(registered);
    }

    @Test
    void declaredLabelsAndCordonAreLaidOverTheRegistration() {
        Node registered = registered("node-1", T0, Map.of("kubernetes.io/hostname", "node-1", "zone", "a"));
        Node declared = declared("node-1", Map.of("zone", "b", "disk", "ssd"), true, null);

        Node merged = NodeViews.merge(registered, declared).orElseThrow();

        assertThat(merged.getMetadata().getLabels())
                .containsEntry("kubernetes.io/hostname", "node-1").containsEntry("zone", "b").containsEntry("disk", "ssd");
        assertThat(NodeViews.unschedulable(merged)).isTrue();
        assertThat(NodeViews.lastHeartbeat(merged)).isEqualTo(T0);
        assertThat(registered.getMetadata().getLabels()).containsEntry("zone", "a");
    }

    @Test
    void aDeletedNodeStaysGoneUntilItsAgentHeartbeatsAgain() {
        Node declared = declared("node-1", Map.of(), false, T0.plusSeconds(10));

        assertThat(NodeViews.merge(registered("node-1", T0, Map.of()), declared)).isEmpty();
        assertThat(NodeViews.merge(registered("node-1", T0.plusSeconds(10), Map.of()), declared)).isEmpty();
        assertThat(NodeViews.merge(registered("node-1", T0.plusSeconds(11), Map.of()), declared)).isPresent();
        assertThat(NodeViews.merge(null, declared)).isEmpty();
    }

    @Test
    void aNodeDeclaredBeforeAnyAgentRegisteredIsServedAsDeclared() {
        Node declared = declared("node-9", Map.of("zone", "c"), false, null);

        assertThat(NodeViews.merge(null, declared)).contains(declared);
    }

    private static Node registered(String name, Instant heartbeat, Map<String, String> labels) {
        NodeCondition ready = NodeCondition.newBuilder().setType("Ready").setStatus("True")
                .setLastHeartbeatTime(heartbeat).build();
        return Node.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(name).setLabels(new HashMap<>(labels)).build())
                .setStatus(NodeStatus.newBuilder().setConditions(new ArrayList<>(List.of(ready))).build())
                .build();
    }

    private static Node declared(String name, Map<String, String> labels, boolean unschedulable, Instant deleted) {
        return Node.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(name).setLabels(new HashMap<>(labels))
                        .setDeletionTimestamp(deleted).build())
                .setSpec(NodeSpec.newBuilder().setUnschedulable(unschedulable).build())
                .build();
    }

    @Test
    void aNodeIsServedWithThePodCidrsItWasGiven() {
        Node registered = registered("node-1", T0, Map.of());

        Node served = NodeViews.withPodCidrs(registered, io.korch.api.NodePodCidrs.newBuilder()
                .setPodCIDRs(List.of("10.244.3.0/24")).build());

        assertThat(served.getSpec().getPodCIDR()).isEqualTo("10.244.3.0/24");
        assertThat(served.getSpec().getPodCIDRs()).containsExactly("10.244.3.0/24");
        assertThat(NodeViews.withPodCidrs(registered, null)).isSameAs(registered);
        assertThat(NodeViews.withPodCidrs(registered, io.korch.api.NodePodCidrs.newBuilder()
                .setMessage("none left").build())).isSameAs(registered);
    }
}

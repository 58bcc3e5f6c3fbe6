package io.korch.scheduler.testing;

import io.korch.api.Node;
import io.korch.api.NodeCondition;
import io.korch.api.NodeHealth;
import io.korch.api.NodeSpec;
import io.korch.api.NodeStatus;
import io.korch.api.ObjectMeta;
import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.PodInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixtures: {@code Nodes.node("node-1").cpu("2").memory("4Gi").label("disk", "ssd").build()} for an
 * agent's record ({@code korch.nodes}), {@code Nodes.declared("node-1").unschedulable().build()} for a
 * users' declaration ({@code korch.node-specs}).
 */
public final class Nodes {

    private final String name;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> allocatable = new LinkedHashMap<>();
    private String readyStatus = "True";
    private Boolean unschedulable;
    private Instant heartbeat = Instant.parse("2024-01-01T00:00:00Z");
    private boolean declaration;
    private Instant deletionTimestamp;

    private Nodes(String name) {
        this.name = name;
        allocatable.put("cpu", "4");
        allocatable.put("memory", "8Gi");
    }

    /** A Ready node with 4 cpu and 8Gi memory. */
    public static Nodes node(String name) {
        return new Nodes(name);
    }

    /** What users declare about a node: no status, only labels, cordon and deletion. */
    public static Nodes declared(String name) {
        Nodes declared = new Nodes(name);
        declared.declaration = true;
        return declared;
    }

    public Nodes cpu(String quantity) {
        allocatable.put("cpu", quantity);
        return this;
    }

    public Nodes memory(String quantity) {
        allocatable.put("memory", quantity);
        return this;
    }

    public Nodes maxPods(int pods) {
        allocatable.put("pods", Integer.toString(pods));
        return this;
    }

    public Nodes label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    /** The node's own Ready condition: "True", "False" or "Unknown"; null for none. */
    public Nodes ready(String status) {
        this.readyStatus = status;
        return this;
    }

    public Nodes unschedulable() {
        this.unschedulable = true;
        return this;
    }

    public Nodes heartbeat(Instant at) {
        this.heartbeat = at;
        return this;
    }

    /** Uncordoned explicitly: {@code spec.unschedulable: false}. */
    public Nodes schedulable() {
        this.unschedulable = false;
        return this;
    }

    /** Deleted by users at {@code at} ({@code metadata.deletionTimestamp}). */
    public Nodes deleted(Instant at) {
        this.deletionTimestamp = at;
        return this;
    }

    public Node build() {
        List<NodeCondition> conditions = new ArrayList<>();
        if (readyStatus != null) {
            conditions.add(NodeCondition.newBuilder().setType("Ready").setStatus(readyStatus)
                    .setLastHeartbeatTime(heartbeat).build());
        }
        Node.Builder node = Node.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(name).setLabels(new LinkedHashMap<>(labels))
                        .setDeletionTimestamp(deletionTimestamp).build())
                .setSpec(unschedulable == null ? null : NodeSpec.newBuilder().setUnschedulable(unschedulable).build());
        if (declaration) {
            return node.build();
        }
        return node
                .setStatus(NodeStatus.newBuilder()
                        .setCapacity(new LinkedHashMap<>(allocatable))
                        .setAllocatable(new LinkedHashMap<>(allocatable))
                        .setConditions(conditions)
                        .build())
                .build();
    }

    /** Bookkeeping of this node with {@code pods} bound to it. */
    public NodeInfo info(PodInfo... pods) {
        NodeInfo info = new NodeInfo(name);
        info.setNode(build());
        for (PodInfo pod : pods) {
            info.add(pod.boundTo(name));
        }
        return info;
    }

    /** A node-lifecycle verdict about {@code nodeName}. */
    public static NodeHealth health(String nodeName, boolean ready) {
        return NodeHealth.newBuilder()
                .setNodeName(nodeName)
                .setReady(ready)
                .setReason(ready ? "NodeReady" : "NodeStatusUnknown")
                .setLastTransitionTime(Instant.parse("2024-01-01T00:00:00Z"))
                .build();
    }
}

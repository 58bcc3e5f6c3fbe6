package io.korch.testkit;

import io.korch.api.Node;
import io.korch.api.NodeAddress;
import io.korch.api.NodeCondition;
import io.korch.api.NodeHealth;
import io.korch.api.NodeSpec;
import io.korch.api.NodeStatus;
import io.korch.api.NodeSystemInfo;
import io.korch.api.ObjectMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds nodes for tests: {@code Nodes.node("node-1").cpu("2").memory("4Gi").label("disk", "ssd").build()}
 * for an agent's record, its heartbeat ({@code korch.nodes}), and
 * {@code Nodes.declared("node-1").unschedulable().build()} for what users declare ({@code korch.node-specs}).
 */
public final class Nodes {

    /** When an agent's record was last heartbeat unless told otherwise. */
    public static final Instant HEARTBEAT = Instant.parse("2024-01-01T00:00:00Z");

    private final String name;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> allocatable = new LinkedHashMap<>();
    private final List<NodeAddress> addresses = new ArrayList<>();
    private String uid;
    private Instant created;
    private String readyStatus = "True";
    private String readyReason;
    private String readyMessage;
    private Boolean unschedulable;
    private Instant heartbeat = HEARTBEAT;
    private boolean declaration;
    private Instant deletionTimestamp;
    private NodeSystemInfo systemInfo;

    private Nodes(String name) {
        this.name = name;
        allocatable.put("cpu", "4");
        allocatable.put("memory", "8Gi");
    }

    /** An agent's record of a Ready node with 4 cpu and 8Gi memory. */
    public static Nodes node(String name) {
        return new Nodes(name);
    }

    /** What users declare about a node: no status, only labels, cordon and deletion. */
    public static Nodes declared(String name) {
        Nodes declared = new Nodes(name);
        declared.declaration = true;
        return declared;
    }

    /** A heartbeat of {@code name} at {@code at}: its Ready condition with that lastHeartbeatTime. */
    public static Node heartbeat(String name, Instant at) {
        return heartbeat(name, at, "True", "KubeletReady", "korch agent is posting ready status");
    }

    /**
     * A heartbeat of {@code name} at {@code at} whose agent cannot use its container runtime: Ready=False,
     * reason ContainerRuntimeDown, as the node agent reports it.
     */
    public static Node runtimeDown(String name, Instant at, String problem) {
        return heartbeat(name, at, "False", "ContainerRuntimeDown", "container runtime is down: " + problem);
    }

    /** A heartbeat of {@code name} at {@code at} with a Ready condition of this status, reason and message. */
    public static Node heartbeat(String name, Instant at, String status, String reason, String message) {
        return node(name).heartbeat(at).ready(status, reason, message).build();
    }

    /** A node-lifecycle verdict about {@code nodeName}. */
    public static NodeHealth health(String nodeName, boolean ready) {
        return NodeHealth.newBuilder()
                .setNodeName(nodeName)
                .setReady(ready)
                .setReason(ready ? "NodeReady" : "NodeStatusUnknown")
                .setLastTransitionTime(HEARTBEAT)
                .build();
    }

    public Nodes uid(String uid) {
        this.uid = uid;
        return this;
    }

    /** Its {@code metadata.creationTimestamp}; none by default. */
    public Nodes created(Instant created) {
        this.created = created;
        return this;
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

    /** The node's own Ready condition with its reason and message. */
    public Nodes ready(String status, String reason, String message) {
        this.readyStatus = status;
        this.readyReason = reason;
        this.readyMessage = message;
        return this;
    }

    /** Cordoned: {@code spec.unschedulable: true}. */
    public Nodes unschedulable() {
        return unschedulable(true);
    }

    /** Uncordoned explicitly: {@code spec.unschedulable: false}. */
    public Nodes schedulable() {
        return unschedulable(false);
    }

    /** {@code spec.unschedulable}; null, the default, leaves the spec out. */
    public Nodes unschedulable(Boolean value) {
        this.unschedulable = value;
        return this;
    }

    /** An agent's record whose last heartbeat was at {@code at}. */
    public Nodes heartbeat(Instant at) {
        this.heartbeat = at;
        this.declaration = false;
        return this;
    }

    /** Deleted by users at {@code at} ({@code metadata.deletionTimestamp}). */
    public Nodes deleted(Instant at) {
        this.deletionTimestamp = at;
        return this;
    }

    /** Adds an address, such as {@code InternalIP 127.0.0.1}. */
    public Nodes address(String type, String address) {
        addresses.add(NodeAddress.newBuilder().setType(type).setAddress(address).build());
        return this;
    }

    /** What its agent reports about the machine. */
    public Nodes systemInfo(String operatingSystem, String architecture, String kubeletVersion) {
        this.systemInfo = NodeSystemInfo.newBuilder().setOperatingSystem(operatingSystem)
                .setArchitecture(architecture).setKubeletVersion(kubeletVersion).build();
        return this;
    }

    public Node build() {
        Node.Builder node = Node.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(name).setUid(uid).setLabels(new LinkedHashMap<>(labels))
                        .setCreationTimestamp(created).setDeletionTimestamp(deletionTimestamp).build())
                .setSpec(unschedulable == null ? null : NodeSpec.newBuilder().setUnschedulable(unschedulable).build());
        if (declaration) {
            return node.build();
        }
        List<NodeCondition> conditions = new ArrayList<>();
        if (readyStatus != null) {
            conditions.add(NodeCondition.newBuilder().setType("Ready").setStatus(readyStatus)
                    .setReason(readyReason).setMessage(readyMessage).setLastHeartbeatTime(heartbeat).build());
        }
        return node
                .setStatus(NodeStatus.newBuilder()
                        .setCapacity(new LinkedHashMap<>(allocatable))
                        .setAllocatable(new LinkedHashMap<>(allocatable))
                        .setAddresses(new ArrayList<>(addresses))
                        .setConditions(conditions)
                        .setNodeInfo(systemInfo)
                        .build())
                .build();
    }
}

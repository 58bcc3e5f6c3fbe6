package io.korch.agent;

import io.korch.api.DaemonEndpoint;
import io.korch.api.Node;
import io.korch.api.NodeAddress;
import io.korch.api.NodeCondition;
import io.korch.api.NodeDaemonEndpoints;
import io.korch.api.NodeStatus;
import io.korch.api.NodeSystemInfo;
import io.korch.api.ObjectMeta;
import io.korch.model.Quantity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the {@link Node} record an agent writes to {@code korch.nodes} on every heartbeat. Pure: the
 * same inputs give the same record.
 */
public final class NodeRecords {

    /** The version the agent reports as its kubelet version. */
    public static final String KUBELET_VERSION = "korch-0.1.0";
    /** The label every node carries with its own name. */
    public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";
    /** Pods a node accepts, as in Kubernetes' default. */
    public static final String MAX_PODS = "110";
    /** Reason of the Ready condition of a node whose agent and container runtime work. */
    public static final String KUBELET_READY = "KubeletReady";
    /**
     * Reason of the Ready condition (status False) of a node whose agent heartbeats but cannot use its
     * container runtime: the node-lifecycle controller treats such a node as NotReady.
     */
    public static final String CONTAINER_RUNTIME_DOWN = "ContainerRuntimeDown";
    /** The address of every node: its host ports and node ports are served on loopback only. */
    public static final String NODE_IP = "127.0.0.1";

    private NodeRecords() {
    }

    /**
     * The Node as of {@code now}.
     *
     * @param config         the agent's settings (name, labels, capacity overrides)
     * @param host           the machine, for capacity the config leaves open
     * @param runtimeVersion the container runtime, such as {@code docker://20.10.24}
     * @param registeredAt   when this agent started: the node's creation time
     * @param runtimeProblem why the container runtime cannot be used, or null when it can; a problem makes
     *                       the node report Ready=False
     * @param readySince     when the Ready condition last changed its status
     * @param now            the heartbeat time
     */
    public static Node node(AgentConfig config, HostInfo host, String runtimeVersion, Instant registeredAt,
                            String runtimeProblem, Instant readySince, Instant now) {
        return node(config.nodeName(), config.labels(), capacity(config, host), host, runtimeVersion, registeredAt,
                runtimeProblem, readySince, now);
    }

    /**
     * The Node of {@code nodeName} as of {@code now}, with the given capacity (also its allocatable); the
     * form for nodes that are not the machine they run on, such as hollow nodes.
     *
     * @param labels   node labels in addition to {@code kubernetes.io/hostname}
     * @param capacity cpu, memory and pods, as {@link #capacity(long, long, int)} gives them
     * @param host     the machine, for its operating system and architecture
     * @see #node(AgentConfig, HostInfo, String, Instant, String, Instant, Instant) for the other parameters
     */
    public static Node node(String nodeName, Map<String, String> labels, Map<String, String> capacity, HostInfo host,
                            String runtimeVersion, Instant registeredAt, String runtimeProblem, Instant readySince,
                            Instant now) {
        Map<String, String> allLabels = new LinkedHashMap<>(labels);
        allLabels.put(HOSTNAME_LABEL, nodeName);
        NodeCondition ready = runtimeProblem == null
                ? condition("True", KUBELET_READY, "korch agent is posting ready status", readySince, now)
                : condition("False", CONTAINER_RUNTIME_DOWN, "container runtime is down: " + runtimeProblem,
                        readySince, now);
        ObjectMeta meta = ObjectMeta.newBuilder()
                .setName(nodeName)
                .setUid(uid(nodeName))
                .setLabels(allLabels)
                .setCreationTimestamp(registeredAt)
                .build();
        NodeStatus status = NodeStatus.newBuilder()
                .setCapacity(new LinkedHashMap<>(capacity))
                .setAllocatable(new LinkedHashMap<>(capacity))
                .setAddresses(new ArrayList<>(List.of(
                        NodeAddress.newBuilder().setType("InternalIP").setAddress(NODE_IP).build(),
                        NodeAddress.newBuilder().setType("Hostname").setAddress(nodeName).build())))
                .setConditions(new ArrayList<>(List.of(ready)))
                .setNodeInfo(NodeSystemInfo.newBuilder()
                        .setOperatingSystem(host.os())
                        .setArchitecture(host.architecture())
                        .setContainerRuntimeVersion(runtimeVersion)
                        .setKubeletVersion(KUBELET_VERSION)
                        .build())
                .build();
        return Node.newBuilder().setMetadata(meta).setStatus(status).build();
    }

    /**
     * {@code node} with the port of its agent's logs and exec server as its kubelet endpoint
     * ({@code status.daemonEndpoints.kubeletEndpoint.Port}), served on the node's InternalIP.
     */
    public static Node withKubeletPort(Node node, int port) {
        NodeStatus status = NodeStatus.newBuilder(node.getStatus())
                .setDaemonEndpoints(NodeDaemonEndpoints.newBuilder()
                        .setKubeletEndpoint(DaemonEndpoint.newBuilder().setPort(port).build())
                        .build())
                .build();
        return Node.newBuilder(node).setStatus(status).build();
    }

    /** cpu, memory and pods: configured values first, else the host's. */
    static Map<String, String> capacity(AgentConfig config, HostInfo host) {
        long cpu = config.cpuMillis() != null ? config.cpuMillis() : host.processors() * 1000L;
        long memory = config.memoryBytes() != null ? config.memoryBytes() : host.memoryBytes();
        return capacity(cpu, memory, Integer.parseInt(MAX_PODS));
    }

    /** A node's capacity in Kubernetes' spelling: {@code cpu}, {@code memory} and {@code pods}. */
    public static Map<String, String> capacity(long cpuMillis, long memoryBytes, int pods) {
        Map<String, String> capacity = new LinkedHashMap<>();
        capacity.put("cpu", Quantity.formatMillis(cpuMillis));
        capacity.put("memory", Quantity.formatBytes(memoryBytes));
        capacity.put("pods", Integer.toString(pods));
        return capacity;
    }

    /** A node's uid, stable across agent restarts so that a restarted agent is the same node. */
    public static String uid(String nodeName) {
        return UUID.nameUUIDFromBytes(("node/" + nodeName).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static NodeCondition condition(String status, String reason, String message, Instant since, Instant now) {
        return NodeCondition.newBuilder()
                .setType("Ready")
                .setStatus(status)
                .setReason(reason)
                .setMessage(message)
                .setLastHeartbeatTime(now)
                .setLastTransitionTime(since)
                .build();
    }
}

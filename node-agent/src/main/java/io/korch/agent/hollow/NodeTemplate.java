package io.korch.agent.hollow;

import io.korch.agent.HostInfo;
import io.korch.agent.NodeRecords;
import io.korch.api.Node;
import io.korch.api.NodeAddress;
import io.korch.api.NodeCondition;
import java.time.Instant;
import java.util.Map;

/**
 * One prebuilt {@link Node} record (built by {@link NodeRecords}, as a real agent's) that is re-addressed
 * to each hollow node in turn: {@link #of} only sets the name, uid, hostname label and address and the
 * heartbeat time, so a heartbeat round of thousands of nodes allocates no record per node.
 *
 * <p>Not thread-safe, and the record {@link #of} returns is the same instance every time: the caller
 * serializes it (as {@code RecordPublisher.send} does before it returns) before asking for the next node.
 * Every hollow node is Ready since the process registered it.
 */
final class NodeTemplate {

    /** The container runtime hollow nodes report: none, pods only pretend to run. */
    static final String RUNTIME_VERSION = "hollow://" + NodeRecords.KUBELET_VERSION;

    private final Node node;
    private final Map<String, String> labels;
    private final NodeAddress hostname;
    private final NodeCondition ready;

    NodeTemplate(HollowNodesConfig config, HostInfo host, Instant registeredAt) {
        this.node = NodeRecords.node(config.nodeName(1), Map.of(),
                NodeRecords.capacity(config.cpuMillis(), config.memoryBytes(), config.pods()), host, RUNTIME_VERSION,
                registeredAt, null, registeredAt, registeredAt);
        this.labels = node.getMetadata().getLabels();
        this.hostname = node.getStatus().getAddresses().stream()
                .filter(address -> "Hostname".equals(address.getType()))
                .findFirst()
                .orElseThrow();
        this.ready = node.getStatus().getConditions().get(0);
    }

    /**
     * The Node record of {@code nodeName} heartbeating at {@code now}; valid until the next call.
     *
     * @param uid the node's uid, {@link NodeRecords#uid} of its name (kept by the caller, computed once)
     */
    Node of(String nodeName, String uid, Instant now) {
        node.getMetadata().setName(nodeName);
        node.getMetadata().setUid(uid);
        labels.put(NodeRecords.HOSTNAME_LABEL, nodeName);
        hostname.setAddress(nodeName);
        ready.setLastHeartbeatTime(now);
        return node;
    }
}

package io.korch.scheduler.framework;

import io.korch.api.Node;
import io.korch.api.NodeCondition;
import io.korch.api.NodeHealth;
import io.korch.api.NodeSpec;
import io.korch.api.NodeStatus;
import io.korch.api.Pod;
import io.korch.model.Quantity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's bookkeeping for one node: the node as the cluster sees it (its agent's record
 * merged with the users' declaration, {@link io.korch.model.NodeViews#merge}), its health verdict, the pods bound to it
 * and the totals they add up to (requested cpu and memory, pods per owner, host ports in use).
 *
 * <p>The totals are maintained incrementally by {@link #add} and {@link #remove}, so filters and
 * scores read them in constant time and never recount raw records. A NodeInfo may exist without a
 * {@link Node}: pods bound by {@code spec.nodeName} to a node that never existed, or pods left on a
 * node that was deleted, are still counted and still make up its assignment.
 *
 * <p>Not thread-safe: it belongs to the one stream task that schedules.
 */
public final class NodeInfo {

    private static final Logger LOG = LoggerFactory.getLogger(NodeInfo.class);

    private final String name;
    private Node node;
    private NodeHealth health;
    private long allocatableCpuMillis;
    private long allocatableMemoryBytes;
    private long allocatablePods = Long.MAX_VALUE;
    private long requestedCpuMillis;
    private long requestedMemoryBytes;
    private long scoringCpuMillis;
    private long scoringMemoryBytes;
    private final Map<String, PodInfo> pods = new TreeMap<>();
    private final Map<String, Integer> podsPerOwner = new HashMap<>();
    private final Map<HostPort, Integer> hostPortsInUse = new HashMap<>();

    /** Told of every pod this node starts and stops counting; the {@link NodeCache} that made it keeps an index. */
    interface PodListener {
        void added(String podKey, String nodeName);

        void removed(String podKey, String nodeName);

        /** The node came into existence or stopped existing ({@link #exists()} changed). */
        default void existenceChanged(String nodeName) {
            // nothing by default
        }

        /** For a node no cache indexes, such as a copy made by {@link #without}. */
        PodListener NONE = new PodListener() {
            @Override
            public void added(String podKey, String nodeName) {
                // nothing indexes this node
            }

            @Override
            public void removed(String podKey, String nodeName) {
                // nothing indexes this node
            }
        };
    }

    private final PodListener listener;

    public NodeInfo(String name) {
        this(name, PodListener.NONE);
    }

    NodeInfo(String name, PodListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The node's name, its key in {@code korch.nodes}. */
    public String name() {
        return name;
    }

    /** The node as the cluster sees it, or null when it does not exist. */
    public Node node() {
        return node;
    }

    /** The node-lifecycle controller's latest verdict on the node, or null when there is none yet. */
    public NodeHealth health() {
        return health;
    }

    /** True when the node exists, so it is a candidate for placement. */
    public boolean exists() {
        return node != null;
    }

    /** The node's labels; empty when it does not exist. */
    public Map<String, String> labels() {
        return node == null ? Map.of() : node.getMetadata().getLabels();
    }

    /**
     * Replaces the node (null: it no longer exists) and recomputes its allocatable resources.
     *
     * <p>Everything is computed before any field changes, so it changes all or nothing.
     *
     * @return true when anything a filter looks at changed (labels, capacity, spec, conditions), so
     *     pending pods deserve another try; a heartbeat alone returns false
     */
    public boolean setNode(Node newNode) {
        NodeStatus status = newNode == null ? null : newNode.getStatus();
        long cpu = allocatable(status, "cpu", Quantity::parseMillis, 0);
        long memory = allocatable(status, "memory", Quantity::parseBytes, 0);
        long podLimit = allocatable(status, "pods", Long::parseLong, Long.MAX_VALUE);
        boolean changed = !Objects.equals(schedulingView(node), schedulingView(newNode));
        boolean existed = node != null;
        this.node = newNode;
        if (existed != (newNode != null)) {
            listener.existenceChanged(name);
        }
        this.allocatableCpuMillis = cpu;
        this.allocatableMemoryBytes = memory;
        this.allocatablePods = podLimit;
        return changed;
    }

    /**
     * Replaces the node's health verdict (null: the verdict was deleted).
     *
     * @return true when the Ready verdict changed
     */
    public boolean setHealth(NodeHealth newHealth) {
        Boolean before = health == null ? null : health.getReady();
        this.health = newHealth;
        return !Objects.equals(before, newHealth == null ? null : newHealth.getReady());
    }

    /**
     * Counts {@code pod} as bound to this node, replacing an earlier version of the same key.
     *
     * @param pod the pod, with {@code spec.nodeName} set to this node
     */
    public void add(PodInfo pod) {
        remove(pod.key());
        pods.put(pod.key(), pod);
        listener.added(pod.key(), name);
        requestedCpuMillis += pod.cpuMillis();
        requestedMemoryBytes += pod.memoryBytes();
        scoringCpuMillis += pod.scoringCpuMillis();
        scoringMemoryBytes += pod.scoringMemoryBytes();
        if (pod.ownerUid() != null) {
            podsPerOwner.merge(pod.ownerUid(), 1, Integer::sum);
        }
        pod.hostPorts().forEach(port -> hostPortsInUse.merge(port, 1, Integer::sum));
    }

    /**
     * Stops counting the pod with {@code key}.
     *
     * @return the removed pod, or null when it was not bound here
     */
    public PodInfo remove(String key) {
        PodInfo pod = pods.remove(key);
        if (pod == null) {
            return null;
        }
        listener.removed(key, name);
        requestedCpuMillis -= pod.cpuMillis();
        requestedMemoryBytes -= pod.memoryBytes();
        scoringCpuMillis -= pod.scoringCpuMillis();
        scoringMemoryBytes -= pod.scoringMemoryBytes();
        if (pod.ownerUid() != null) {
            podsPerOwner.computeIfPresent(pod.ownerUid(), (uid, count) -> count == 1 ? null : count - 1);
        }
        pod.hostPorts().forEach(port -> hostPortsInUse.computeIfPresent(port, (used, count) -> count == 1 ? null : count - 1));
        return pod;
    }

    /**
     * What this node looks like once the pod with {@code key} left it: a new NodeInfo with the same
     * record, verdict and pods but that one. This one is left as it is.
     */
    public NodeInfo without(String key) {
        NodeInfo copy = new NodeInfo(name);
        copy.node = node;
        copy.health = health;
        copy.allocatableCpuMillis = allocatableCpuMillis;
        copy.allocatableMemoryBytes = allocatableMemoryBytes;
        copy.allocatablePods = allocatablePods;
        for (PodInfo pod : pods.values()) {
            if (!pod.key().equals(key)) {
                copy.add(pod);
            }
        }
        return copy;
    }

    /** The bound pod with {@code key}, or null. */
    public PodInfo pod(String key) {
        return pods.get(key);
    }

    /** The bound pods, in key order. */
    public Collection<PodInfo> pods() {
        return Collections.unmodifiableCollection(pods.values());
    }

    /** How many pods are bound to this node. */
    public int podCount() {
        return pods.size();
    }

    /** How many pods whose controller owner has {@code ownerUid} are bound to this node. */
    public int podsOfOwner(String ownerUid) {
        return podsPerOwner.getOrDefault(ownerUid, 0);
    }

    /** Whether a pod bound to this node uses host port {@code port}. */
    public boolean hostPortInUse(HostPort port) {
        return hostPortsInUse.containsKey(port);
    }

    /** Allocatable CPU in millicores ({@code status.allocatable}, else {@code status.capacity}, else 0). */
    public long allocatableCpuMillis() {
        return allocatableCpuMillis;
    }

    /** Allocatable memory in bytes ({@code status.allocatable}, else {@code status.capacity}, else 0). */
    public long allocatableMemoryBytes() {
        return allocatableMemoryBytes;
    }

    /** How many pods the node takes; {@link Long#MAX_VALUE} when it declares no {@code pods} resource. */
    public long allocatablePods() {
        return allocatablePods;
    }

    /** Summed CPU requests of the bound pods, in millicores. */
    public long requestedCpuMillis() {
        return requestedCpuMillis;
    }

    /** Summed memory requests of the bound pods, in bytes. */
    public long requestedMemoryBytes() {
        return requestedMemoryBytes;
    }

    /** Summed scoring CPU requests of the bound pods (see {@link PodInfo#scoringCpuMillis()}). */
    public long scoringCpuMillis() {
        return scoringCpuMillis;
    }

    /** Summed scoring memory requests of the bound pods (see {@link PodInfo#scoringMemoryBytes()}). */
    public long scoringMemoryBytes() {
        return scoringMemoryBytes;
    }

    /** True when nothing is known about the node any more: no record, no verdict, no pods. */
    public boolean forgotten() {
        return node == null && health == null && pods.isEmpty();
    }

    @Override
    public String toString() {
        return "NodeInfo{" + name + ", pods=" + pods.size() + ", cpu=" + requestedCpuMillis + "/"
                + allocatableCpuMillis + "m, memory=" + requestedMemoryBytes + "/" + allocatableMemoryBytes + "}";
    }

    /** What filters may look at, so a heartbeat (a new lastHeartbeatTime only) is told apart from a real change. */
    private static Object schedulingView(Node node) {
        if (node == null) {
            return null;
        }
        NodeStatus status = node.getStatus();
        Map<String, String> conditions = new TreeMap<>();
        if (status != null) {
            for (NodeCondition condition : status.getConditions()) {
                conditions.put(condition.getType(), condition.getStatus());
            }
        }
        NodeSpec spec = node.getSpec();
        return List.of(
                node.getMetadata().getLabels(),
                status == null ? Map.of() : status.getAllocatable(),
                status == null ? Map.of() : status.getCapacity(),
                spec == null || spec.getUnschedulable() == null ? Boolean.FALSE : spec.getUnschedulable(),
                conditions);
    }

    private long allocatable(NodeStatus status, String resource, ToLongFunction<String> parse, long absent) {
        if (status == null) {
            return absent;
        }
        String quantity = status.getAllocatable().get(resource);
        if (quantity == null) {
            quantity = status.getCapacity().get(resource);
        }
        if (quantity == null) {
            return absent;
        }
        try {
            return parse.applyAsLong(quantity);
        } catch (IllegalArgumentException e) {
            LOG.warn("node {} declares an invalid {} quantity, counted as 0: {}", name, resource, e.getMessage());
            return 0;
        }
    }
}

package io.korch.model;

import io.korch.api.Node;
import io.korch.api.NodeCondition;
import io.korch.api.NodePodCidrs;
import io.korch.api.NodeSpec;
import io.korch.api.ObjectMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one rule, shared by the gateway and the scheduler, that turns a node's two records into
 * the Node the cluster sees: what its agent registered ({@code korch.nodes}: status, capacity,
 * the agent's labels) and what users declared ({@code korch.node-specs}: extra labels and
 * annotations, {@code spec.unschedulable}, deletion).
 *
 * <p>Declared labels and annotations are laid over the registered ones. A deletion hides the
 * node until its agent heartbeats again after it — then the node has registered anew, as a
 * kubelet re-registers a deleted Node — so deleting a lost node removes it for good.
 */
public final class NodeViews {

    private NodeViews() {
    }

    /**
     * The node as the cluster sees it, or empty when it does not exist (neither record, or
     * deleted and not registered since). Never mutates its arguments.
     *
     * @param registered the agent's record, or null
     * @param declared   the users' record, or null
     */
    public static Optional<Node> merge(Node registered, Node declared) {
        if (declared == null) {
            return Optional.ofNullable(registered);
        }
        if (isDeleted(declared, registered)) {
            return Optional.empty();
        }
        if (registered == null) {
            return Optional.of(declared);
        }
        ObjectMeta meta = ObjectMeta.newBuilder(registered.getMetadata())
                .setLabels(overlay(registered.getMetadata().getLabels(), declared.getMetadata().getLabels()))
                .setAnnotations(overlay(registered.getMetadata().getAnnotations(), declared.getMetadata().getAnnotations()))
                .build();
        NodeSpec spec = declared.getSpec() != null ? NodeSpec.newBuilder(declared.getSpec()).build()
                : registered.getSpec() == null ? null : NodeSpec.newBuilder(registered.getSpec()).build();
        return Optional.of(Node.newBuilder(registered).setMetadata(meta).setSpec(spec).build());
    }

    /**
     * {@code node} with the share of the cluster CIDR the node IPAM controller gave it
     * ({@code korch.node-pod-cidrs}) as {@code spec.podCIDR} and {@code spec.podCIDRs}; the node as it
     * is when it has none (no record, or none was free). Never mutates its arguments.
     */
    public static Node withPodCidrs(Node node, NodePodCidrs cidrs) {
        if (cidrs == null || cidrs.getPodCIDRs().isEmpty()) {
            return node;
        }
        NodeSpec.Builder spec = node.getSpec() == null ? NodeSpec.newBuilder() : NodeSpec.newBuilder(node.getSpec());
        spec.setPodCIDR(cidrs.getPodCIDRs().get(0)).setPodCIDRs(new ArrayList<>(cidrs.getPodCIDRs()));
        return Node.newBuilder(node).setSpec(spec.build()).build();
    }

    /** Whether the users' record deletes the node: set deletion time, and no heartbeat since. */
    public static boolean isDeleted(Node declared, Node registered) {
        Instant deleted = declared.getMetadata().getDeletionTimestamp();
        if (deleted == null) {
            return false;
        }
        Instant heartbeat = registered == null ? null : lastHeartbeat(registered);
        return heartbeat == null || !heartbeat.isAfter(deleted);
    }

    /** Whether users cordoned the node ({@code spec.unschedulable}). */
    public static boolean unschedulable(Node node) {
        return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    }

    /** The latest heartbeat time of a registered node (its Ready condition), or null. */
    public static Instant lastHeartbeat(Node node) {
        NodeCondition ready = readyCondition(node);
        return ready == null ? null : ready.getLastHeartbeatTime();
    }

    /** The node's own Ready condition, as its agent reported it, or null. */
    public static NodeCondition readyCondition(Node node) {
        if (node == null || node.getStatus() == null) {
            return null;
        }
        for (NodeCondition condition : node.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) {
                return condition;
            }
        }
        return null;
    }

    private static Map<String, String> overlay(Map<String, String> base, Map<String, String> over) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        merged.putAll(over);
        return merged;
    }
}

package io.korch.controllers.nodelifecycle;

import io.korch.api.Event;
import io.korch.api.Node;
import io.korch.api.NodeCondition;
import io.korch.api.NodeHealth;
import io.korch.model.Events;
import java.time.Duration;
import java.time.Instant;

/**
 * The node-lifecycle controller's reconcile step: from a node's latest heartbeat and the time now,
 * the verdict Ready or NotReady.
 *
 * <p>A node is Ready ({@value #KUBELET_READY}) while its last heartbeat is at most the grace period
 * old, and NotReady ({@value #NODE_STATUS_UNKNOWN}) once it is older. The heartbeat is the
 * {@code lastHeartbeatTime} of the node's Ready condition, or the time its record was written.
 *
 * <p>A controller that lags behind its input, after a restart or under load, has not yet read the
 * heartbeats its agents sent meanwhile. So silence counts only from the moment its view became
 * current ({@code watchingSince}, see {@link CatchUpGate}), and while it is not current no node is
 * declared NotReady at all: a restart of the controllers or a burst of load never declares healthy
 * nodes lost.
 *
 * <p>The step is a pure function and idempotent: assessing a node again with the same heartbeat and
 * time returns the same verdict, and {@link #changed} tells whether it must be published.
 */
public final class NodeLifecycle {

    /** Reason of the Ready verdict. */
    public static final String KUBELET_READY = "KubeletReady";
    /** Reason of the NotReady verdict. */
    public static final String NODE_STATUS_UNKNOWN = "NodeStatusUnknown";
    /** Message of the NotReady verdict. */
    public static final String NOT_READY_MESSAGE = "Kubelet stopped posting node status.";
    /** Message of the Ready verdict. */
    public static final String READY_MESSAGE = "kubelet is posting ready status";
    /** Event reason when a node becomes NotReady. */
    public static final String NODE_NOT_READY = "NodeNotReady";
    /** Event reason when a node is first seen, or becomes Ready again. */
    public static final String NODE_READY = "NodeReady";
    /** The component named in the events this controller records. */
    public static final String COMPONENT = "node-controller";
    /** The node condition whose heartbeat counts. */
    public static final String READY_CONDITION = "Ready";

    private NodeLifecycle() {
    }

    /** The heartbeat a node record carries: its Ready condition's lastHeartbeatTime, else the record time. */
    public static Instant heartbeat(Node node, Instant recordTime) {
        if (node.getStatus() != null) {
            for (NodeCondition condition : node.getStatus().getConditions()) {
                if (READY_CONDITION.equals(condition.getType()) && condition.getLastHeartbeatTime() != null) {
                    return condition.getLastHeartbeatTime();
                }
            }
        }
        return recordTime;
    }

    /**
     * The verdict on a node.
     *
     * @param nodeName      the node
     * @param previous      the verdict known so far, or null on first sight
     * @param lastHeartbeat its latest heartbeat
     * @param now           the current time
     * @param grace         how long a node may stay silent
     * @param watchingSince since when the controller's view of heartbeats is current; silence before it does
     *                      not count. Null while it is catching up: then a verdict can only turn Ready.
     * @return the verdict, with the latest heartbeat; the transition time moves only when readiness changes
     */
    public static NodeHealth assess(String nodeName, NodeHealth previous, Instant lastHeartbeat, Instant now,
                                    Duration grace, Instant watchingSince) {
        boolean ready;
        if (watchingSince == null) {
            boolean fresh = !now.isAfter(lastHeartbeat.plus(grace));
            ready = fresh || previous == null || previous.getReady();
        } else {
            Instant silentSince = lastHeartbeat.isAfter(watchingSince) ? lastHeartbeat : watchingSince;
            ready = !now.isAfter(silentSince.plus(grace));
        }
        Instant transition = previous != null && previous.getReady() == ready ? previous.getLastTransitionTime() : now;
        return NodeHealth.newBuilder()
                .setNodeName(nodeName)
                .setReady(ready)
                .setReason(ready ? KUBELET_READY : NODE_STATUS_UNKNOWN)
                .setMessage(ready ? READY_MESSAGE : NOT_READY_MESSAGE)
                .setLastHeartbeatTime(lastHeartbeat)
                .setLastTransitionTime(transition)
                .build();
    }

    /** Whether {@code next} must be published: the node is new or its readiness flipped. */
    public static boolean changed(NodeHealth previous, NodeHealth next) {
        return previous == null || previous.getReady() != next.getReady();
    }

    /** The event recording a published verdict. */
    public static Event event(NodeHealth health, Instant now) {
        String reason = health.getReady() ? NODE_READY : NODE_NOT_READY;
        return Events.of(Events.ref("Node", null, health.getNodeName(), null), Events.NORMAL, reason,
                "Node " + health.getNodeName() + " status is now: " + reason, COMPONENT, health.getNodeName(), now);
    }
}

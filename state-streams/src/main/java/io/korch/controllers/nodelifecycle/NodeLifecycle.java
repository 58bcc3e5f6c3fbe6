package io.korch.controllers.nodelifecycle;

import io.korch.api.Event;
import io.korch.api.Node;
import io.korch.api.NodeCondition;
import io.korch.api.NodeHealth;
import io.korch.model.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The node-lifecycle controller's reconcile step: from a node's latest heartbeat, what the node
 * says of itself in it, and the time now, the verdict Ready or NotReady.
 *
 * <p>A node is Ready ({@value #KUBELET_READY}) while its last heartbeat is at most the grace period
 * old <em>and</em> the Ready condition it reports itself is True. A node that stays silent longer is
 * NotReady with reason {@value #NODE_STATUS_UNKNOWN}. A node that keeps heartbeating but reports
 * Ready=False — an agent whose container runtime is down says {@code ContainerRuntimeDown} — is
 * NotReady with the reason and message it reports; one whose heartbeat carries no Ready condition at
 * all is NotReady with reason {@value #NODE_STATUS_NEVER_UPDATED}. The heartbeat is the
 * {@code lastHeartbeatTime} of the node's Ready condition, or the time its record was written.
 *
 * <p>A controller that lags behind its input, after a restart or under load, has not yet read the
 * heartbeats its agents sent meanwhile. So silence counts only from the moment its view became
 * current ({@code watchingSince}, see {@link CatchUpGate}), and while it is not current no node is
 * declared silent at all: a restart of the controllers or a burst of load never declares healthy
 * nodes lost. That grace only keeps a node from being declared silent; a node already declared
 * silent is Ready again only on a fresh heartbeat.
 *
 * <p>{@link #assess} judges a new heartbeat; {@link #recheck} judges a node from which nothing new
 * came as time passes, and can therefore only declare it silent. Both are pure functions and
 * idempotent: judging a node again with the same inputs returns the same verdict, and
 * {@link #changed} tells whether it must be published.
 */
public final class NodeLifecycle {

    /** Reason of the Ready verdict. */
    public static final String KUBELET_READY = "KubeletReady";
    /** Reason of the NotReady verdict on a silent node. */
    public static final String NODE_STATUS_UNKNOWN = "NodeStatusUnknown";
    /** Message of the NotReady verdict on a silent node. */
    public static final String NOT_READY_MESSAGE = "Kubelet stopped posting node status.";
    /** Reason of the NotReady verdict on a node whose heartbeat carries no Ready condition, as Kubernetes names it. */
    public static final String NODE_STATUS_NEVER_UPDATED = "NodeStatusNeverUpdated";
    /** Message of the {@value #NODE_STATUS_NEVER_UPDATED} verdict. */
    public static final String NEVER_UPDATED_MESSAGE = "Kubelet never posted node status.";
    /** Reason of the NotReady verdict on a node that reports Ready=False without saying why. */
    public static final String KUBELET_NOT_READY = "KubeletNotReady";
    /** Message of the Ready verdict. */
    public static final String READY_MESSAGE = "kubelet is posting ready status";
    /** Event reason when a node becomes NotReady. */
    public static final String NODE_NOT_READY = "NodeNotReady";
    /** Event reason when a node is first seen, or becomes Ready again. */
    public static final String NODE_READY = "NodeReady";
    /** The component named in the events this controller records. */
    public static final String COMPONENT = "node-controller";
    /** The node condition whose heartbeat and status count. */
    public static final String READY_CONDITION = "Ready";
    /** The status of a condition that holds. */
    public static final String TRUE = "True";

    private NodeLifecycle() {
    }

    /**
     * What a node says of itself in a heartbeat: whether its own Ready condition is True, and the
     * reason and message it gives.
     *
     * @param ready   whether the condition's status is True
     * @param reason  the condition's reason, or a default when it gives none
     * @param message the condition's message, or null
     */
    public record ReadyCondition(boolean ready, String reason, String message) {

        /** A node that reports itself Ready. */
        public static final ReadyCondition READY = new ReadyCondition(true, KUBELET_READY, READY_MESSAGE);

        public ReadyCondition {
            Objects.requireNonNull(reason, "reason");
        }

        /** The Ready condition of {@code node}; a node without one reports {@value #NODE_STATUS_NEVER_UPDATED}. */
        public static ReadyCondition of(Node node) {
            NodeCondition condition = readyCondition(node);
            if (condition == null) {
                return new ReadyCondition(false, NODE_STATUS_NEVER_UPDATED, NEVER_UPDATED_MESSAGE);
            }
            boolean ready = TRUE.equals(condition.getStatus());
            String reason = condition.getReason() != null ? condition.getReason() : ready ? KUBELET_READY : KUBELET_NOT_READY;
            return new ReadyCondition(ready, reason, condition.getMessage());
        }
    }

    /** The heartbeat a node record carries: its Ready condition's lastHeartbeatTime, else the record time. */
    public static Instant heartbeat(Node node, Instant recordTime) {
        NodeCondition condition = readyCondition(node);
        return condition != null && condition.getLastHeartbeatTime() != null ? condition.getLastHeartbeatTime() : recordTime;
    }

    /**
     * The verdict on a node that sent a heartbeat.
     *
     * @param nodeName      the node
     * @param previous      the verdict known so far, or null on first sight
     * @param lastHeartbeat its latest heartbeat
     * @param reported      what the node says of itself in that heartbeat
     * @param now           the current time
     * @param grace         how long a node may stay silent
     * @param watchingSince since when the controller's view of heartbeats is current; silence before it does
     *                      not count. Null while it is catching up: then a node is never declared silent.
     * @return the verdict, with the latest heartbeat; the transition time moves only when readiness changes
     */
    public static NodeHealth assess(String nodeName, NodeHealth previous, Instant lastHeartbeat, ReadyCondition reported,
                                    Instant now, Duration grace, Instant watchingSince) {
        boolean alive = alive(previous, lastHeartbeat, now, grace, watchingSince);
        boolean ready = alive && reported.ready();
        String reason;
        String message;
        if (!alive) {
            reason = NODE_STATUS_UNKNOWN;
            message = NOT_READY_MESSAGE;
        } else if (!ready) {
            reason = reported.reason();
            message = reported.message();
        } else {
            reason = KUBELET_READY;
            message = READY_MESSAGE;
        }
        return verdict(nodeName, previous, ready, reason, message, lastHeartbeat, now);
    }

    /**
     * The verdict on a node from which no newer heartbeat came than the one {@code previous} carries,
     * at the time {@code now}. Time passing can only silence a node: the verdict turns NotReady
     * ({@value #NODE_STATUS_UNKNOWN}) once the node has been silent for the grace period, and is
     * otherwise {@code previous} itself, whatever the node last reported of itself.
     *
     * @param previous      the verdict known so far
     * @param now           the current time
     * @param grace         how long a node may stay silent
     * @param watchingSince as for {@link #assess}
     */
    public static NodeHealth recheck(NodeHealth previous, Instant now, Duration grace, Instant watchingSince) {
        Instant heartbeat = previous.getLastHeartbeatTime() == null
                ? previous.getLastTransitionTime()
                : previous.getLastHeartbeatTime();
        if (silent(previous) || alive(previous, heartbeat, now, grace, watchingSince)) {
            return previous;
        }
        return verdict(previous.getNodeName(), previous, false, NODE_STATUS_UNKNOWN, NOT_READY_MESSAGE,
                previous.getLastHeartbeatTime(), now);
    }

    /** Whether {@code next} must be published: the node is new, or its readiness, reason or message changed. */
    public static boolean changed(NodeHealth previous, NodeHealth next) {
        return previous == null || previous.getReady() != next.getReady()
                || !previous.getReason().equals(next.getReason())
                || !Objects.equals(previous.getMessage(), next.getMessage());
    }

    /** Whether {@code next} is worth an event: the node is new or its readiness flipped. */
    public static boolean flipped(NodeHealth previous, NodeHealth next) {
        return previous == null || previous.getReady() != next.getReady();
    }

    /** The event recording a verdict that {@link #flipped}. */
    public static Event event(NodeHealth health, Instant now) {
        String reason = health.getReady() ? NODE_READY : NODE_NOT_READY;
        return Events.of(Events.ref("Node", null, health.getNodeName(), null), Events.NORMAL, reason,
                "Node " + health.getNodeName() + " status is now: " + reason, COMPONENT, health.getNodeName(), now);
    }

    /**
     * Whether the heartbeat still counts: it is at most the grace period old, or — unless the node
     * was already declared silent — the controller has not watched for a whole grace period since it.
     */
    private static boolean alive(NodeHealth previous, Instant lastHeartbeat, Instant now, Duration grace,
                                 Instant watchingSince) {
        if (!now.isAfter(lastHeartbeat.plus(grace))) {
            return true;
        }
        if (silent(previous)) {
            return false;
        }
        if (watchingSince == null) {
            return true;
        }
        Instant silentSince = lastHeartbeat.isAfter(watchingSince) ? lastHeartbeat : watchingSince;
        return !now.isAfter(silentSince.plus(grace));
    }

    /** Whether {@code health} declares its node silent. */
    private static boolean silent(NodeHealth health) {
        return health != null && !health.getReady() && NODE_STATUS_UNKNOWN.equals(health.getReason());
    }

    private static NodeHealth verdict(String nodeName, NodeHealth previous, boolean ready, String reason,
                                      String message, Instant lastHeartbeat, Instant now) {
        Instant transition = previous != null && previous.getReady() == ready ? previous.getLastTransitionTime() : now;
        return NodeHealth.newBuilder()
                .setNodeName(nodeName)
                .setReady(ready)
                .setReason(reason)
                .setMessage(message)
                .setLastHeartbeatTime(lastHeartbeat)
                .setLastTransitionTime(transition)
                .build();
    }

    private static NodeCondition readyCondition(Node node) {
        if (node.getStatus() != null) {
            for (NodeCondition condition : node.getStatus().getConditions()) {
                if (READY_CONDITION.equals(condition.getType())) {
                    return condition;
                }
            }
        }
        return null;
    }
}

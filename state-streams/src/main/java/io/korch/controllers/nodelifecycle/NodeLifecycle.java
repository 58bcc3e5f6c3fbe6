package io.korch.controllers.nodelifecycle;

import io.korch.api.Event;
import io.korch.api.Node;
import io.korch.api.NodeCondition;
import io.korch.api.NodeHealth;
import io.korch.model.EventReasons;
import io.korch.model.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The node-lifecycle controller's reconcile step: from a node's latest heartbeat, what the node
 * says of itself in it, how far the controller has read the heartbeats, and the time now, the
 * verdict Ready or NotReady, with the evidence of a NotReady verdict.
 *
 * <p>A node is Ready ({@value #KUBELET_READY}) while it is not silent <em>and</em> the Ready
 * condition it reports itself is True. One that keeps heartbeating but reports Ready=False — an
 * agent whose container runtime is down says {@code ContainerRuntimeDown} — is NotReady with the
 * reason and message it reports; one whose heartbeat carries no Ready condition at all is NotReady
 * with reason {@value #NODE_STATUS_NEVER_UPDATED}.
 *
 * <p><b>Silence is judged by the log, not by the controller's clock.</b> A node is silent
 * ({@value #NODE_STATUS_UNKNOWN}) when the heartbeat partition it writes to has been read up to a
 * time ({@link ReadPosition#readUpTo}) more than the grace period after its last heartbeat: every
 * heartbeat written before that time has been read, and none of them was newer. A busy or lagging
 * controller reads its partition up to an earlier time, so it waits rather than mistake its own
 * backlog for a lost node; when it is caught up, {@code readUpTo} follows the wall clock within the
 * poll interval of {@link CommittedReadPositions}. While how far the partition was read is not known,
 * no node is declared silent. Agents and controllers are assumed to have clocks synchronized well
 * within the grace period.
 *
 * <p>A NotReady verdict records its evidence — the last heartbeat, where it lies in the log, and
 * how far the controller had read its partition — in its fields and its message. The evidence is
 * that of the moment the verdict was reached, and kept while the verdict says the same, so that
 * its message does not change with every heartbeat of a node that keeps reporting itself NotReady.
 * Whether the node's pods may be evicted ({@code evictPods}) is decided separately, at a paced rate,
 * by {@link NodeEvictions}; a verdict keeps it while the node stays NotReady and drops it when the
 * node is Ready again.
 *
 * <p>{@link #assess} judges a new heartbeat; {@link #recheck} judges a node from which nothing new
 * came as the log is read further, and can therefore only declare it silent. Both are pure
 * functions and idempotent: judging a node again with the same inputs returns the same verdict, and
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

    /** The time of the heartbeat a node record carries: its Ready condition's lastHeartbeatTime, else the record time. */
    public static Instant heartbeatTime(Node node, Instant recordTime) {
        NodeCondition condition = readyCondition(node);
        return condition != null && condition.getLastHeartbeatTime() != null ? condition.getLastHeartbeatTime() : recordTime;
    }

    /**
     * The last heartbeat {@code health} knows of. A verdict written before heartbeats were located in
     * the log names partition 0 and no offset; one without heartbeat time counts from its transition.
     */
    public static Heartbeat lastHeartbeat(NodeHealth health) {
        Instant time = health.getLastHeartbeatTime() != null ? health.getLastHeartbeatTime() : health.getLastTransitionTime();
        int partition = health.getHeartbeatPartition() != null ? health.getHeartbeatPartition() : 0;
        long offset = health.getHeartbeatOffset() != null ? health.getHeartbeatOffset() : Heartbeat.UNKNOWN_OFFSET;
        return new Heartbeat(time, partition, offset);
    }

    /**
     * The verdict on a node that sent a heartbeat.
     *
     * @param nodeName  the node
     * @param previous  the verdict known so far, or null on first sight
     * @param heartbeat its latest heartbeat
     * @param reported  what the node says of itself in that heartbeat
     * @param read      how far the heartbeat's partition has been read, or null when not known
     * @param now       the current time, for the transition time
     * @param grace     how long a node may stay silent
     * @return the verdict, with the latest heartbeat; the transition time moves only when readiness changes
     */
    public static NodeHealth assess(String nodeName, NodeHealth previous, Heartbeat heartbeat, ReadyCondition reported,
                                    ReadPosition read, Instant now, Duration grace) {
        if (silent(heartbeat.time(), read, grace)) {
            return verdict(nodeName, previous, false, NODE_STATUS_UNKNOWN, NOT_READY_MESSAGE, heartbeat, read, now);
        }
        if (!reported.ready()) {
            return verdict(nodeName, previous, false, reported.reason(), reported.message(), heartbeat, read, now);
        }
        return verdict(nodeName, previous, true, KUBELET_READY, READY_MESSAGE, heartbeat, read, now);
    }

    /** How many grace periods verdicts wait while the whole heartbeat log stands still. */
    public static final int STALL_HOLD_GRACES = 3;

    /**
     * The verdict on a node from which no newer heartbeat came than the one {@code previous} carries,
     * now that its partition has been read as far as {@code read}. Reading further can only silence
     * a node: the verdict turns NotReady ({@value #NODE_STATUS_UNKNOWN}) once the partition has been
     * read up to more than the grace period past the node's last heartbeat, and is otherwise
     * {@code previous} itself, whatever the node last reported of itself.
     *
     * @param previous the verdict known so far
     * @param read     how far the partition of the node's heartbeats has been read, or null when not known
     * @param now      the current time, for the transition time
     * @param grace    how long a node may stay silent
     */
    public static NodeHealth recheck(NodeHealth previous, ReadPosition read, Instant now, Duration grace) {
        Heartbeat heartbeat = lastHeartbeat(previous);
        if (isSilent(previous) || !silent(heartbeat.time(), read, grace)) {
            return previous;
        }
        return verdict(previous.getNodeName(), previous, false, NODE_STATUS_UNKNOWN, NOT_READY_MESSAGE,
                heartbeat, read, now);
    }

    /**
     * Whether the node whose last heartbeat was sent at {@code lastHeartbeat} is silent: its
     * partition has been read up to more than {@code grace} after it, or, when the whole heartbeat
     * log stood still since then, more than {@code grace} after the log resumed. While the whole log
     * stands still, no node is silent for up to {@link #STALL_HOLD_GRACES} grace periods: a log no one
     * can write to says nothing about the nodes; a cluster whose every node died is declared so after it.
     */
    public static boolean silent(Instant lastHeartbeat, ReadPosition read, Duration grace) {
        if (read == null || read.readUpTo() == null) {
            return false;
        }
        Instant stalled = read.heartbeatsStalledSince();
        if (stalled != null && !read.readUpTo().isAfter(stalled.plus(grace.multipliedBy(STALL_HOLD_GRACES)))) {
            return false;
        }
        Instant resumed = read.heartbeatsResumedAt();
        Instant since = resumed != null && resumed.isAfter(lastHeartbeat) ? resumed : lastHeartbeat;
        return read.readUpTo().isAfter(since.plus(grace));
    }

    /** Whether {@code next} must be published: the node is new, or its readiness, reason, message or eviction changed. */
    public static boolean changed(NodeHealth previous, NodeHealth next) {
        return previous == null || previous.getReady() != next.getReady()
                || !previous.getReason().equals(next.getReason())
                || !Objects.equals(previous.getMessage(), next.getMessage())
                || previous.getEvictPods() != next.getEvictPods();
    }

    /** Whether {@code next} is worth an event: the node is new or its readiness flipped. */
    public static boolean flipped(NodeHealth previous, NodeHealth next) {
        return previous == null || previous.getReady() != next.getReady();
    }

    /** Whether the pods on the node of {@code health} may be evicted: it is NotReady and its eviction is due. */
    public static boolean podsEvictable(NodeHealth health) {
        return health != null && !health.getReady() && health.getEvictPods();
    }

    /** The event recording a verdict that {@link #flipped}; a NotReady one carries its evidence. */
    public static Event event(NodeHealth health, Instant now) {
        String reason = health.getReady() ? EventReasons.NODE_READY : EventReasons.NODE_NOT_READY;
        String message = "Node " + health.getNodeName() + " status is now: " + reason
                + (health.getReady() || health.getMessage() == null ? "" : ". " + health.getMessage());
        return Events.of(Events.ref("Node", null, health.getNodeName(), null), Events.NORMAL, reason, message,
                COMPONENT, health.getNodeName(), now);
    }

    /** Whether {@code health} declares its node silent. */
    private static boolean isSilent(NodeHealth health) {
        return health != null && !health.getReady() && NODE_STATUS_UNKNOWN.equals(health.getReason());
    }

    private static NodeHealth verdict(String nodeName, NodeHealth previous, boolean ready, String reason,
                                      String message, Heartbeat heartbeat, ReadPosition read, Instant now) {
        boolean sameReadiness = previous != null && previous.getReady() == ready;
        NodeHealth.Builder verdict = NodeHealth.newBuilder()
                .setNodeName(nodeName)
                .setReady(ready)
                .setReason(reason)
                .setLastHeartbeatTime(heartbeat.time())
                .setLastTransitionTime(sameReadiness ? previous.getLastTransitionTime() : now)
                .setHeartbeatPartition(heartbeat.partition())
                .setHeartbeatOffset(heartbeat.offset() == Heartbeat.UNKNOWN_OFFSET ? null : heartbeat.offset());
        if (ready) {
            return verdict.setMessage(message).build();
        }
        if (sameReadiness) {
            // still NotReady: whether its pods may be evicted was decided already
            verdict.setEvictPods(previous.getEvictPods()).setEvictionTime(previous.getEvictionTime());
        }
        if (sameReadiness && reason.equals(previous.getReason()) && previous.getMessage() != null
                && previous.getMessage().startsWith(Evidence.prefix(message))) {
            // the same verdict as before: keep the evidence of when it was reached
            return verdict.setMessage(previous.getMessage())
                    .setReadOffset(previous.getReadOffset())
                    .setReadLag(previous.getReadLag())
                    .setReadUpTo(previous.getReadUpTo())
                    .build();
        }
        return verdict.setMessage(Evidence.message(message, heartbeat, read))
                .setReadOffset(read == null ? null : read.offset())
                .setReadLag(read == null ? null : read.lag())
                .setReadUpTo(read == null ? null : read.readUpTo())
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

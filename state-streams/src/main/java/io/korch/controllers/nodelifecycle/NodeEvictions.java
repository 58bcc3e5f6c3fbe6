package io.korch.controllers.nodelifecycle;

import io.korch.api.Event;
import io.korch.api.NodeHealth;
import io.korch.model.EventReasons;
import io.korch.model.Events;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Decides whose pods may be evicted, as Kubernetes' node-lifecycle controller does for a zone: from
 * every node's verdict it finds the cluster's {@link DisruptionMode}, sets the eviction rate for it
 * ({@link NodeEviction#rate}), and lets the NotReady nodes not yet evicted through the
 * {@link EvictionLimiter} at that pace, longest NotReady first. Letting a node through sets its
 * verdict's {@code evictPods}; the replicaset controller replaces pods only on such nodes. So one
 * lost node of a healthy cluster is evicted at once, many lost at once are evicted slowly (or not
 * at all in a small cluster), and when every node is NotReady — most likely the fault of the
 * network or the control plane, not of the nodes — nothing is evicted and earlier evictions are
 * withdrawn, as Kubernetes marks every node reachable again in a full disruption.
 *
 * <p>{@link #plan} is a pure function of the verdicts, the previous mode and limiter, and the time.
 * It is idempotent: planning again with its own outcome evicts nothing more until the limiter
 * refills.
 */
public final class NodeEvictions {

    /** The kind and name of the object the disruption-mode events are about: the cluster as a whole. */
    public static final String CLUSTER_KIND = "Cluster";
    public static final String CLUSTER_NAME = "cluster";

    private NodeEvictions() {
    }

    /**
     * The outcome of one eviction round.
     *
     * @param mode     the cluster's disruption mode now
     * @param limiter  the limiter after this round
     * @param verdicts the verdicts whose eviction changed, in the order decided
     * @param events   what to record: a mode transition, and each node whose pods are now evicted
     */
    public record Plan(DisruptionMode mode, EvictionLimiter limiter, List<NodeHealth> verdicts, List<Event> events) {

        public Plan {
            verdicts = List.copyOf(verdicts);
            events = List.copyOf(events);
        }
    }

    /**
     * One eviction round.
     *
     * @param verdicts     the current verdict of every node of the cluster
     * @param previousMode the mode of the previous round, or null on the first (then counted as Normal)
     * @param limiter      the limiter of the previous round, or null on the first (then full)
     * @param policy       the rates and thresholds
     * @param now          the time of this round
     */
    public static Plan plan(Collection<NodeHealth> verdicts, DisruptionMode previousMode, EvictionLimiter limiter,
                            NodeEviction policy, Instant now) {
        return plan(verdicts, verdicts, previousMode, limiter, policy, now);
    }

    /**
     * One eviction round over {@code verdicts}, the nodes this controller task owns, with the
     * disruption mode counted over {@code cluster}, every node's verdict (the task's own ones
     * included): with {@code korch.nodes} partitioned, a task owns some nodes but the mode is the
     * whole cluster's.
     */
    public static Plan plan(Collection<NodeHealth> verdicts, Collection<NodeHealth> cluster,
                            DisruptionMode previousMode, EvictionLimiter limiter,
                            NodeEviction policy, Instant now) {
        int ready = (int) cluster.stream().filter(NodeHealth::getReady).count();
        int notReady = cluster.size() - ready;
        DisruptionMode mode = DisruptionMode.of(ready, notReady, policy.unhealthyZoneThreshold());
        double rate = policy.rate(mode, cluster.size());
        EvictionLimiter pace = limiter == null ? EvictionLimiter.full(rate, now) : limiter.at(rate, now);
        List<NodeHealth> changed = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        if (mode != Objects.requireNonNullElse(previousMode, DisruptionMode.NORMAL)) {
            events.add(modeEvent(mode, ready, notReady, rate, now));
        }
        if (mode == DisruptionMode.FULL_DISRUPTION) {
            verdicts.stream().filter(NodeHealth::getEvictPods).sorted(Comparator.comparing(NodeHealth::getNodeName))
                    .forEach(health -> changed.add(withEviction(health, false, null)));
            return new Plan(mode, pace, changed, events);
        }
        List<NodeHealth> queue = verdicts.stream()
                .filter(health -> !health.getReady() && !health.getEvictPods())
                .sorted(Comparator.comparing(NodeHealth::getLastTransitionTime).thenComparing(NodeHealth::getNodeName))
                .toList();
        for (NodeHealth health : queue) {
            if (!pace.allows()) {
                break;
            }
            pace = pace.take();
            changed.add(withEviction(health, true, now));
            events.add(Events.of(Events.ref("Node", null, health.getNodeName(), null), Events.NORMAL,
                    EventReasons.DELETING_ALL_PODS, "Deleting all Pods from Node " + health.getNodeName() + ".",
                    NodeLifecycle.COMPONENT, health.getNodeName(), now));
        }
        return new Plan(mode, pace, changed, events);
    }

    private static NodeHealth withEviction(NodeHealth health, boolean evict, Instant at) {
        return NodeHealth.newBuilder(health).setEvictPods(evict).setEvictionTime(at).build();
    }

    private static Event modeEvent(DisruptionMode mode, int ready, int notReady, double rate, Instant now) {
        String pace = rate > 0
                ? String.format(Locale.ROOT, "pods of NotReady nodes are evicted at %s nodes per second", rate)
                : "no pods are evicted";
        String message = "Cluster is now in " + mode.label() + " mode: " + notReady + " of " + (ready + notReady)
                + " nodes are NotReady; " + pace + ".";
        return Events.of(Events.ref(CLUSTER_KIND, null, CLUSTER_NAME, null),
                mode == DisruptionMode.NORMAL ? Events.NORMAL : Events.WARNING, mode.label(), message,
                NodeLifecycle.COMPONENT, null, now);
    }
}

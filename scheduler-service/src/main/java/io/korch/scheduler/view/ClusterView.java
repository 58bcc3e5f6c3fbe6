package io.korch.scheduler.view;

import io.korch.api.Node;
import io.korch.api.NodeHealth;
import io.korch.api.PodAssignment;
import io.korch.model.NodeViews;
import io.korch.scheduler.framework.NodeCache;
import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.PodInfo;
import io.korch.topics.Keys;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduler process's view of the whole cluster, shared by all its placer and binder tasks:
 * every node as {@link NodeViews#merge} sees its registration and declaration, its verdict, and the
 * pods bound to it, plus the placements this process's placers have requested but not yet seen
 * confirmed (reservations).
 *
 * <p>Fed by global stores ({@link ClusterViewFeed}) of {@code korch.nodes}, {@code korch.node-specs},
 * {@code korch.node-health} and {@code korch.pod-assignments}, so it lags the binders by a commit
 * interval. That is what makes placement optimistic: a placer chooses a node from this view, and
 * the node's binder, which alone owns the node's accounting, accepts or refuses. Reservations keep
 * one process's placers from sending many pods to the same free capacity before the binders'
 * answers come back.
 *
 * <p>Thread-safe: the global stream thread writes it and the stream threads read it, each under
 * this object's lock. {@link #version} counts the changes that may let a waiting pod fit.
 */
public final class ClusterView {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterView.class);

    private final NodeCache nodes = new NodeCache();
    private final Map<String, Node> registrations = new HashMap<>();
    private final Map<String, Node> declarations = new HashMap<>();
    /** Pod key → the reservation its placer holds, until the binder's assignment shows up. */
    private final Map<String, Reservation> reservations = new HashMap<>();
    private long version;

    /** A placement requested by placer {@code owner} (a task id), counted on {@code node} ahead of its assignment. */
    private record Reservation(String owner, String node) {
    }

    /** An agent's registration of {@code name} changed (null: deleted). */
    public synchronized void onNode(String name, Node registered) {
        put(registrations, name, registered);
        seeNode(name);
    }

    /** The users' declaration of {@code name} changed (null: deleted). */
    public synchronized void onNodeSpec(String name, Node declared) {
        put(declarations, name, declared);
        seeNode(name);
    }

    /** The node-lifecycle verdict on {@code name} changed (null: deleted). */
    public synchronized void onHealth(String name, NodeHealth health) {
        if (nodes.getOrCreate(name).setHealth(health)) {
            version++;
        }
        nodes.forgetIfUnused(name);
    }

    /**
     * A binder's assignment changed: {@code key} is {@code node/namespace/name}, a null value
     * unassigns the pod. An assignment confirms a reservation of the same pod on the same node.
     */
    public synchronized void onAssignment(String key, PodAssignment assignment) {
        String node = Keys.nodeOf(key);
        String podKey = Keys.podOf(key);
        Reservation reserved = reservations.get(podKey);
        boolean reservedHere = reserved != null && reserved.node().equals(node);
        if (assignment == null) {
            if (!reservedHere) {
                NodeInfo info = nodes.get(node);
                if (info != null && info.remove(podKey) != null) {
                    nodes.forgetIfUnused(node);
                    version++;
                }
            }
            return;
        }
        try {
            nodes.getOrCreate(node).add(PodInfo.of(podKey, assignment.getPod()).boundTo(node));
        } catch (IllegalArgumentException e) {
            LOG.warn("assigned pod {} on {} has invalid resources and is not counted: {}", podKey, node, e.getMessage());
        }
        if (reservedHere) {
            reservations.remove(podKey);
        }
    }

    /**
     * Plans under the view's lock and reserves the node the plan chose, so that no other placer of
     * this process plans against the same free capacity in between.
     *
     * @param planner returns the chosen pod (with {@code spec.nodeName}) or null when none was chosen;
     *                it reads the nodes and changes nothing
     */
    public synchronized <T> T planAndReserve(String owner, Function<NodeCache, T> planner,
                                             Function<T, PodInfo> chosen) {
        T plan = planner.apply(nodes);
        PodInfo pod = chosen.apply(plan);
        if (pod != null) {
            reserve(owner, pod);
        }
        return plan;
    }

    /** Counts {@code pod} (with {@code spec.nodeName}) on its node for placer {@code owner} until confirmed or released. */
    public synchronized void reserve(String owner, PodInfo pod) {
        String node = pod.pod().getSpec().getNodeName();
        release(pod.key());
        nodes.getOrCreate(node).add(pod);
        reservations.put(pod.key(), new Reservation(owner, node));
    }

    /** Drops the reservation of {@code podKey}, if any: the binder refused it, or the pod went away. */
    public synchronized void release(String podKey) {
        Reservation reserved = reservations.remove(podKey);
        if (reserved != null) {
            NodeInfo info = nodes.get(reserved.node());
            if (info != null && info.remove(podKey) != null) {
                nodes.forgetIfUnused(reserved.node());
                version++;
            }
        }
    }

    /** Drops every reservation of placer {@code owner}: its task restarts and reserves anew from its stores. */
    public synchronized void releaseAll(String owner) {
        reservations.entrySet().stream()
                .filter(entry -> entry.getValue().owner().equals(owner))
                .map(Map.Entry::getKey)
                .toList()
                .forEach(this::release);
    }

    /**
     * Gives {@code target}, a binder's own bookkeeping of a node, the node's record and verdict as
     * this view has them; the binder keeps its own count of the node's pods.
     */
    public synchronized void copyNodeInto(NodeInfo target) {
        NodeInfo known = nodes.get(target.name());
        target.setNode(known == null ? null : known.node());
        target.setHealth(known == null ? null : known.health());
    }

    /** Grows with every change that may let a waiting pod fit: a node changed, capacity was freed. */
    public synchronized long version() {
        return version;
    }

    /** Runs {@code reader} on the nodes under the lock; for tests and diagnostics. */
    public synchronized <T> T read(Function<NodeCache, T> reader) {
        return reader.apply(nodes);
    }

    private void seeNode(String name) {
        Node merged = NodeViews.merge(registrations.get(name), declarations.get(name)).orElse(null);
        if (nodes.getOrCreate(name).setNode(merged)) {
            version++;
        }
        nodes.forgetIfUnused(name);
    }

    private static void put(Map<String, Node> map, String name, Node node) {
        if (node == null) {
            map.remove(name);
        } else {
            map.put(name, node);
        }
    }
}

package io.korch.controllers.replicaset;

import io.korch.api.Event;
import io.korch.api.NodeHealth;
import io.korch.api.OwnerReference;
import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.api.PodStatusReport;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import io.korch.controllers.Effects;
import io.korch.controllers.Ids;
import io.korch.controllers.InputWrite;
import io.korch.controllers.Ownership;
import io.korch.controllers.ReconcileException;
import io.korch.controllers.StoreKeys;
import io.korch.controllers.nodelifecycle.NodeLifecycle;
import io.korch.controllers.nodelifecycle.NodeLifecycleController;
import io.korch.model.Events;
import io.korch.topics.Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans the reconcile of one ReplicaSet inside a processor: loads it, its pods with their bindings
 * and reports, and the health of their nodes from the stores, as they will be once the triggering
 * input record is written ({@link InputWrite}), runs the pure {@link ReplicaSetReconciler}, and turns
 * its actions into {@link Effects} — its own stores and indexes first, then the output topics — so
 * that the next reconcile sees the pods it created even before they come back from Kafka. Planning
 * reads and never writes: nothing changes until the caller applies the effects.
 */
final class ReplicaSetSync {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSetSync.class);
    private static final StringSerializer KEYS = new StringSerializer();

    private final ProcessorContext<String, SpecificRecord> context;
    private final Ids ids;
    private final KeyValueStore<String, ReplicaSet> replicaSets;
    private final KeyValueStore<String, Pod> pods;
    private final KeyValueStore<String, String> podsByReplicaSet;
    private final KeyValueStore<String, PodBinding> bindings;
    private final KeyValueStore<String, PodStatusReport> reports;
    private final KeyValueStore<String, String> podsByNode;
    private final KeyValueStore<String, ReplicaSetStatus> statuses;
    private final KeyValueStore<String, NodeHealth> nodeHealth;

    ReplicaSetSync(ProcessorContext<String, SpecificRecord> context, Ids ids) {
        this.context = context;
        this.ids = ids;
        this.replicaSets = context.getStateStore(ReplicaSetController.REPLICASETS_STORE);
        this.pods = context.getStateStore(ReplicaSetController.PODS_STORE);
        this.podsByReplicaSet = context.getStateStore(ReplicaSetController.PODS_BY_REPLICASET_STORE);
        this.bindings = context.getStateStore(ReplicaSetController.BINDINGS_STORE);
        this.reports = context.getStateStore(ReplicaSetController.REPORTS_STORE);
        this.podsByNode = context.getStateStore(ReplicaSetController.PODS_BY_NODE_STORE);
        this.statuses = context.getStateStore(ReplicaSetController.STATUS_STORE);
        this.nodeHealth = context.getStateStore(NodeLifecycleController.HEALTH_STORE);
    }

    KeyValueStore<String, ReplicaSet> replicaSets() {
        return replicaSets;
    }

    KeyValueStore<String, Pod> pods() {
        return pods;
    }

    KeyValueStore<String, PodStatusReport> reports() {
        return reports;
    }

    KeyValueStore<String, PodBinding> bindings() {
        return bindings;
    }

    /**
     * Adds to {@code effects} what brings the ReplicaSet {@code replicaSetKey} and its pods to its
     * declared state, as seen once {@code input} (already among the effects) is written.
     */
    void reconcile(String replicaSetKey, InputWrite<?> input, Instant now, Effects effects) {
        List<ObservedPod> observedPods = new ArrayList<>();
        Set<String> notReadyNodes = new HashSet<>();
        try (KeyValueIterator<String, String> index =
                     podsByReplicaSet.prefixScan(StoreKeys.prefix(replicaSetKey), KEYS)) {
            index.forEachRemaining(entry -> {
                Pod pod = input.read(pods, entry.value);
                if (pod != null) {
                    PodBinding binding = input.read(bindings, entry.value);
                    ObservedPod observed = new ObservedPod(pod, boundNode(pod, binding), input.read(reports, entry.value));
                    observedPods.add(observed);
                    if (observed.bound() && isNotReady(observed.nodeName())) {
                        notReadyNodes.add(observed.nodeName());
                    }
                }
            });
        }
        ReplicaSetObserved observed = new ReplicaSetObserved(observedPods, notReadyNodes, statuses.get(replicaSetKey));
        ReplicaSetActions actions =
                ReplicaSetReconciler.reconcile(input.read(replicaSets, replicaSetKey), observed, now, ids);
        addActions(effects, replicaSetKey, actions, input, now);
    }

    /**
     * Adds to {@code effects} the deletion a user requested of the pod {@code podKey} — only when it
     * is a pod this controller wrote with the request's uid — as the deletion of a surplus pod, then
     * the reconcile of its ReplicaSet, which sees the pod gone and creates its replacement.
     */
    void deleteRequested(String podKey, Pod request, Instant now, Effects effects) {
        Pod pod = pods.get(podKey);
        String owner = pod == null ? null : ownerKey(pod);
        if (owner == null) {
            return; // a pod declared by a user, or one of ours already deleted
        }
        ReplicaSetActions actions = ReplicaSetReconciler.deleteRequested(replicaSets.get(owner), pod, request, now);
        if (actions.delete().isEmpty()) {
            return; // about another pod of the same name
        }
        InputWrite<Pod> gone = new InputWrite<>(pods, podKey, null); // the write itself is among the actions
        addActions(effects, owner, actions, gone, now);
        reconcile(owner, gone, now, effects);
    }

    /**
     * Reconciles every ReplicaSet with a pod bound to a node whose verdict is NotReady and lets its
     * pods be evicted ({@link NodeLifecycle#podsEvictable}). Each one is
     * planned on its own: one whose reconcile fails is logged and left out, the others still go.
     */
    void reconcileLostPods(Instant now) {
        Set<String> affected = new LinkedHashSet<>();
        try (KeyValueIterator<String, NodeHealth> nodes = nodeHealth.all()) {
            nodes.forEachRemaining(node -> {
                if (NodeLifecycle.podsEvictable(node.value)) {
                    try (KeyValueIterator<String, String> onNode =
                                 podsByNode.prefixScan(StoreKeys.prefix(node.key), KEYS)) {
                        onNode.forEachRemaining(entry -> affected.add(entry.value));
                    }
                }
            });
        }
        List<Effects> planned = new ArrayList<>();
        for (String replicaSetKey : affected) {
            try {
                planned.add(Effects.plan("the lost-pod check of " + replicaSetKey, () -> {
                    Effects effects = new Effects(context);
                    reconcile(replicaSetKey, InputWrite.none(), now, effects);
                    return effects;
                }));
            } catch (ReconcileException e) {
                LOG.error("left {} out of the lost-pod check: {}", replicaSetKey, e.getMessage(), e);
            }
        }
        planned.forEach(Effects::apply);
    }

    /** The key of the ReplicaSet controlling {@code pod}, or null. */
    static String ownerKey(Pod pod) {
        OwnerReference owner = Ownership.controller(pod.getMetadata());
        return owner == null ? null : Keys.of(pod.getMetadata().getNamespace(), owner.getName());
    }

    /** The node a pod is bound to: its binding's node, else the node its spec names, else null. */
    static String boundNode(Pod pod, PodBinding binding) {
        if (binding != null && binding.getNodeName() != null) {
            return binding.getNodeName();
        }
        return pod.getSpec().getNodeName();
    }

    /** Adds the move of the pod's entry in the by-node index, from the node it was bound to to the one it is bound to now. */
    void reindexNode(Effects effects, String podKey, Pod pod, String before, String after) {
        if (before != null) {
            effects.delete(podsByNode, StoreKeys.of(before, podKey));
        }
        if (after != null) {
            effects.put(podsByNode, StoreKeys.of(after, podKey), ownerKey(pod));
        }
    }

    /** Whether the pods on {@code nodeName} are to be replaced: its verdict is NotReady and lets them be evicted. */
    private boolean isNotReady(String nodeName) {
        return NodeLifecycle.podsEvictable(nodeHealth.get(nodeName));
    }

    private void addActions(Effects effects, String replicaSetKey, ReplicaSetActions actions, InputWrite<?> input,
                            Instant now) {
        for (Pod pod : actions.delete()) {
            String podKey = key(pod);
            PodBinding binding = input.read(bindings, podKey);
            reindexNode(effects, podKey, pod, boundNode(pod, binding), null);
            if (binding != null) {
                effects.delete(bindings, podKey);
            }
            if (input.read(reports, podKey) != null) {
                effects.delete(reports, podKey);
            }
            effects.delete(podsByReplicaSet, StoreKeys.of(replicaSetKey, pod.getMetadata().getName()))
                    .delete(pods, podKey)
                    .forward(ReplicaSetController.PODS_SINK, podKey, null, now);
        }
        for (Pod pod : actions.create()) {
            String podKey = key(pod);
            effects.put(pods, podKey, pod)
                    .put(podsByReplicaSet, StoreKeys.of(replicaSetKey, pod.getMetadata().getName()), podKey);
            reindexNode(effects, podKey, pod, null, boundNode(pod, null));
            effects.forward(ReplicaSetController.PODS_SINK, podKey, pod, now);
        }
        switch (actions.status().kind()) {
            case WRITE -> effects.put(statuses, replicaSetKey, actions.status().status())
                    .forward(ReplicaSetController.STATUS_SINK, replicaSetKey, actions.status().status(), now);
            case DELETE -> effects.delete(statuses, replicaSetKey)
                    .forward(ReplicaSetController.STATUS_SINK, replicaSetKey, null, now);
            case KEEP -> {
                // the status written last still holds
            }
        }
        for (Event event : actions.events()) {
            effects.forward(ReplicaSetController.EVENTS_SINK, Events.key(event), event, now);
        }
    }

    private static String key(Pod pod) {
        return Keys.of(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    }
}

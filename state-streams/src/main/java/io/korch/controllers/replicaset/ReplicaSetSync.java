package io.korch.controllers.replicaset;

import io.korch.api.Event;
import io.korch.api.NodeHealth;
import io.korch.api.OwnerReference;
import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.api.PodOwnership;
import io.korch.api.PodStatusReport;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import io.korch.controllers.DueTimes;
import io.korch.controllers.Effects;
import io.korch.controllers.Ids;
import io.korch.controllers.InputWrite;
import io.korch.controllers.Ownership;
import io.korch.controllers.ReconcileException;
import io.korch.controllers.StoreKeys;
import io.korch.controllers.nodelifecycle.NodeLifecycle;
import io.korch.controllers.nodelifecycle.NodeLifecycleController;
import io.korch.model.Events;
import io.korch.model.Owners;
import io.korch.model.Selector;
import io.korch.topics.Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans the reconcile of one ReplicaSet inside a processor: loads it, the pods it controls and the
 * orphans of its namespace, with their bindings, reports and owners, and the health of their nodes
 * from the stores, as they will be once the triggering input record is written ({@link InputWrite}),
 * runs the pure {@link ReplicaSetReconciler}, and turns its actions into {@link Effects} — its own
 * stores and indexes first, then the output topics — so that the next reconcile sees the pods it
 * created, adopted and released even before they come back from Kafka. Planning reads and never
 * writes: nothing changes until the caller applies the effects.
 *
 * <p>A pod is either written by the controller ({@value ReplicaSetController#PODS_STORE}) or declared
 * by a user ({@value ReplicaSetController#USER_PODS_STORE}); its owners are those it was written with
 * unless the controller's {@code korch.pod-owners} record about it says otherwise
 * ({@link Owners#withOwnership}).
 */
final class ReplicaSetSync {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSetSync.class);
    private static final StringSerializer KEYS = new StringSerializer();

    private final ProcessorContext<String, SpecificRecord> context;
    private final Ids ids;
    private final KeyValueStore<String, ReplicaSet> replicaSets;
    private final KeyValueStore<String, Pod> pods;
    private final KeyValueStore<String, Pod> userPods;
    private final KeyValueStore<String, PodOwnership> ownerships;
    private final KeyValueStore<String, String> podsByReplicaSet;
    private final KeyValueStore<String, String> orphans;
    private final KeyValueStore<String, PodBinding> bindings;
    private final KeyValueStore<String, PodStatusReport> reports;
    private final KeyValueStore<String, String> podsByNode;
    private final KeyValueStore<String, ReplicaSetStatus> statuses;
    private final DueTimes availability;
    private final KeyValueStore<String, NodeHealth> nodeHealth;

    ReplicaSetSync(ProcessorContext<String, SpecificRecord> context, Ids ids) {
        this.context = context;
        this.ids = ids;
        this.replicaSets = context.getStateStore(ReplicaSetController.REPLICASETS_STORE);
        this.pods = context.getStateStore(ReplicaSetController.PODS_STORE);
        this.userPods = context.getStateStore(ReplicaSetController.USER_PODS_STORE);
        this.ownerships = context.getStateStore(ReplicaSetController.OWNERSHIP_STORE);
        this.podsByReplicaSet = context.getStateStore(ReplicaSetController.PODS_BY_REPLICASET_STORE);
        this.orphans = context.getStateStore(ReplicaSetController.ORPHANS_STORE);
        this.bindings = context.getStateStore(ReplicaSetController.BINDINGS_STORE);
        this.reports = context.getStateStore(ReplicaSetController.REPORTS_STORE);
        this.podsByNode = context.getStateStore(ReplicaSetController.PODS_BY_NODE_STORE);
        this.statuses = context.getStateStore(ReplicaSetController.STATUS_STORE);
        this.availability = new DueTimes(context.getStateStore(ReplicaSetController.AVAILABILITY_STORE));
        this.nodeHealth = context.getStateStore(NodeLifecycleController.HEALTH_STORE);
    }

    KeyValueStore<String, ReplicaSet> replicaSets() {
        return replicaSets;
    }

    KeyValueStore<String, PodStatusReport> reports() {
        return reports;
    }

    KeyValueStore<String, PodBinding> bindings() {
        return bindings;
    }

    /** The pod at {@code podKey}, written or declared, with its current owners; null when the controller knows none. */
    Pod known(String podKey) {
        ObservedPod pod = observe(podKey, InputWrite.none());
        return pod == null ? null : pod.pod();
    }

    /**
     * Adds to {@code effects} what brings the ReplicaSet {@code replicaSetKey} and its pods to its
     * declared state, as seen once {@code input} (already among the effects) is written.
     *
     * @return the actions planned
     */
    ReplicaSetActions reconcile(String replicaSetKey, InputWrite<?> input, Instant now, Effects effects) {
        Set<String> notReadyNodes = new HashSet<>();
        List<ObservedPod> controlled = new ArrayList<>();
        for (String podKey : input.scan(podsByReplicaSet, StoreKeys.prefix(replicaSetKey)).values()) {
            ObservedPod pod = observe(podKey, input);
            if (pod != null) {
                controlled.add(pod);
                noteNotReady(pod, notReadyNodes);
            }
        }
        List<ObservedPod> orphaned = new ArrayList<>();
        for (String podKey : input.scan(orphans, Keys.namespace(replicaSetKey) + "/").keySet()) {
            ObservedPod pod = observe(podKey, input);
            if (pod != null && Owners.controller(pod.pod().getMetadata()) == null) {
                orphaned.add(pod);
                noteNotReady(pod, notReadyNodes);
            }
        }
        ReplicaSet desired = input.read(replicaSets, replicaSetKey);
        ReplicaSetObserved observed =
                new ReplicaSetObserved(controlled, orphaned, notReadyNodes, statuses.get(replicaSetKey));
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(desired, observed, now, ids);
        addActions(effects, replicaSetKey, desired, actions, input, now);
        availability.record(effects, replicaSetKey, ReplicaSetReconciler.nextAvailable(desired, controlled, now));
        return actions;
    }

    /** Reconciles, with no input, the ReplicaSets a pod of which became available by {@code now}. */
    void reconcileNewlyAvailable(Instant now) {
        for (String replicaSetKey : availability.dueBy(now)) {
            try {
                Effects.plan("the availability check of " + replicaSetKey, () -> {
                    Effects effects = new Effects(context);
                    reconcile(replicaSetKey, InputWrite.none(), now, effects);
                    return effects;
                }).apply();
            } catch (ReconcileException e) {
                LOG.error("left {} out of the availability check: {}", replicaSetKey, e.getMessage(), e);
            }
        }
    }

    /**
     * Adds to {@code effects} the deletion a user requested of the pod {@code podKey} — only when it
     * is a pod this controller wrote with the request's uid — as the deletion of a surplus pod, then
     * the reconcile of the ReplicaSet controlling it, if any, which sees the pod gone and creates its
     * replacement. An orphan it wrote is deleted and nothing replaces it.
     */
    void deleteRequested(String podKey, Pod request, Instant now, Effects effects) {
        Pod pod = pods.get(podKey);
        if (pod == null) {
            return; // a pod declared by a user, or one of ours already deleted
        }
        String owner = ownerKey(Owners.withOwnership(pod, ownerships.get(podKey)));
        ReplicaSet replicaSet = owner == null ? null : replicaSets.get(owner);
        ReplicaSetActions actions = ReplicaSetReconciler.deleteRequested(replicaSet, pod, request, now);
        if (actions.delete().isEmpty()) {
            return; // about another pod of the same name
        }
        InputWrite<Pod> gone = new InputWrite<>(pods, podKey, null); // the write itself is among the actions
        addActions(effects, owner, replicaSet, actions, gone, now);
        if (owner != null) {
            reconcile(owner, gone, now, effects);
        }
    }

    /**
     * Adds to {@code effects} the change of the pod {@code podKey} a user declared ({@code pod}, null
     * when deleted): the record itself, the forgetting of an earlier pod of the key, and the reconcile
     * of the ReplicaSets concerned — the one that controlled the earlier pod (it replaces it), the one
     * controlling the pod (its labels may no longer match), or, for an orphan, the ReplicaSets of its
     * namespace whose selector matches it, oldest first, until one adopts it.
     */
    void declaredPodChanged(String podKey, Pod pod, Instant now, Effects effects) {
        Pod previous = userPods.get(podKey);
        if (pod == null && previous == null) {
            return;
        }
        PodOwnership claim = ownerships.get(podKey);
        String previousOwner = previous == null ? null : ownerKey(Owners.withOwnership(previous, claim));
        boolean samePod = previous != null && pod != null
                && Objects.equals(previous.getMetadata().getUid(), pod.getMetadata().getUid());
        String owner = pod == null ? null : ownerKey(Owners.withOwnership(pod, claim));

        InputWrite<?> input = new InputWrite<>(userPods, podKey, pod)
                .and(orphans, podKey, pod != null && owner == null ? podKey : null);
        if (previous != null && !samePod) {
            if (previousOwner != null) {
                input = input.and(podsByReplicaSet, StoreKeys.of(previousOwner, previous.getMetadata().getName()), null);
            }
            if (claim != null) {
                input = input.and(ownerships, podKey, null);
                effects.forward(ReplicaSetController.OWNERSHIP_SINK, podKey, null, now);
            }
        }
        input.addTo(effects);
        if (previous != null && !samePod) {
            forgetObservations(effects, podKey, previous);
            if (previousOwner != null) {
                reconcile(previousOwner, input, now, effects);
            }
        }
        if (owner != null) {
            reconcile(owner, input, now, effects);
        } else if (pod != null) {
            for (String replicaSetKey : adopters(pod, input)) {
                if (!reconcile(replicaSetKey, input, now, effects).adopt().isEmpty()) {
                    break; // it lacked pods, so this one was among those it adopted
                }
            }
        }
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
                        onNode.forEachRemaining(entry -> {
                            Pod pod = known(entry.value);
                            String owner = pod == null ? null : ownerKey(pod);
                            if (owner != null) {
                                affected.add(owner);
                            }
                        });
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

    /** The key of the ReplicaSet controlling {@code pod} (with its current owners), or null. */
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
    void reindexNode(Effects effects, String podKey, String before, String after) {
        if (before != null) {
            effects.delete(podsByNode, StoreKeys.of(before, podKey));
        }
        if (after != null) {
            effects.put(podsByNode, StoreKeys.of(after, podKey), podKey);
        }
    }

    /** The pod at {@code podKey} once {@code input} is written, with its owners, binding and report; null when there is none. */
    private ObservedPod observe(String podKey, InputWrite<?> input) {
        Pod written = input.read(pods, podKey);
        Pod declared = written == null ? input.read(userPods, podKey) : null;
        Pod pod = written != null ? written : declared;
        if (pod == null) {
            return null;
        }
        Pod owned = Owners.withOwnership(pod, input.read(ownerships, podKey));
        return new ObservedPod(owned, boundNode(owned, input.read(bindings, podKey)), input.read(reports, podKey),
                declared != null);
    }

    private void noteNotReady(ObservedPod pod, Set<String> notReadyNodes) {
        if (pod.bound() && isNotReady(pod.nodeName())) {
            notReadyNodes.add(pod.nodeName());
        }
    }

    /**
     * The ReplicaSets of {@code pod}'s namespace, not being deleted, whose selector matches its
     * labels: the oldest first, then by name.
     */
    private List<String> adopters(Pod pod, InputWrite<?> input) {
        List<ReplicaSet> matching = new ArrayList<>();
        for (ReplicaSet replicaSet : input.scan(replicaSets, pod.getMetadata().getNamespace() + "/").values()) {
            if (replicaSet.getMetadata().getDeletionTimestamp() == null
                    && Selector.of(replicaSet.getSpec().getSelector()).matches(pod.getMetadata().getLabels())) {
                matching.add(replicaSet);
            }
        }
        matching.sort(Comparator.comparing((ReplicaSet rs) -> rs.getMetadata().getCreationTimestamp(),
                        Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
                .thenComparing(rs -> rs.getMetadata().getName()));
        return matching.stream().map(ReplicaSetSync::key).toList();
    }

    /** Whether the pods on {@code nodeName} are to be replaced: its verdict is NotReady and lets them be evicted. */
    private boolean isNotReady(String nodeName) {
        return NodeLifecycle.podsEvictable(nodeHealth.get(nodeName));
    }

    /** Adds the removal of what other components observed about {@code pod} (its binding, report and by-node entry). */
    private void forgetObservations(Effects effects, String podKey, Pod pod) {
        PodBinding binding = bindings.get(podKey);
        reindexNode(effects, podKey, boundNode(pod, binding), null);
        if (binding != null) {
            effects.delete(bindings, podKey);
        }
        if (reports.get(podKey) != null) {
            effects.delete(reports, podKey);
        }
    }

    private void addActions(Effects effects, String replicaSetKey, ReplicaSet desired, ReplicaSetActions actions,
                            InputWrite<?> input, Instant now) {
        for (Pod pod : actions.delete()) {
            String podKey = key(pod);
            PodBinding binding = input.read(bindings, podKey);
            reindexNode(effects, podKey, boundNode(pod, binding), null);
            if (binding != null) {
                effects.delete(bindings, podKey);
            }
            if (input.read(reports, podKey) != null) {
                effects.delete(reports, podKey);
            }
            if (input.read(ownerships, podKey) != null) {
                effects.delete(ownerships, podKey).forward(ReplicaSetController.OWNERSHIP_SINK, podKey, null, now);
            }
            if (input.read(orphans, podKey) != null) {
                effects.delete(orphans, podKey);
            }
            if (replicaSetKey != null) {
                effects.delete(podsByReplicaSet, StoreKeys.of(replicaSetKey, pod.getMetadata().getName()));
            }
            effects.delete(pods, podKey).forward(ReplicaSetController.PODS_SINK, podKey, null, now);
        }
        for (Pod pod : actions.create()) {
            String podKey = key(pod);
            effects.put(pods, podKey, pod)
                    .put(podsByReplicaSet, StoreKeys.of(replicaSetKey, pod.getMetadata().getName()), podKey);
            reindexNode(effects, podKey, null, boundNode(pod, null));
            effects.forward(ReplicaSetController.PODS_SINK, podKey, pod, now);
        }
        for (Pod pod : actions.adopt()) {
            String podKey = key(pod);
            PodOwnership ownership = ReplicaSetReconciler.ownership(pod, desired, now);
            effects.put(ownerships, podKey, ownership)
                    .put(podsByReplicaSet, StoreKeys.of(replicaSetKey, pod.getMetadata().getName()), podKey)
                    .delete(orphans, podKey)
                    .forward(ReplicaSetController.OWNERSHIP_SINK, podKey, ownership, now);
        }
        for (Pod pod : actions.release()) {
            String podKey = key(pod);
            PodOwnership ownership = ReplicaSetReconciler.ownership(pod, null, now);
            effects.put(ownerships, podKey, ownership)
                    .delete(podsByReplicaSet, StoreKeys.of(replicaSetKey, pod.getMetadata().getName()))
                    .put(orphans, podKey, podKey)
                    .forward(ReplicaSetController.OWNERSHIP_SINK, podKey, ownership, now);
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

    private static String key(ReplicaSet replicaSet) {
        return Keys.of(replicaSet.getMetadata().getNamespace(), replicaSet.getMetadata().getName());
    }
}

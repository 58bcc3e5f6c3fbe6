package io.korch.controllers.replicaset;

import io.korch.api.Event;
import io.korch.api.NodeHealth;
import io.korch.api.OwnerReference;
import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.api.PodStatusReport;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import io.korch.controllers.Ids;
import io.korch.controllers.Ownership;
import io.korch.controllers.StoreKeys;
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
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reconciles one ReplicaSet inside a processor: loads it, its pods with their bindings and reports,
 * and the health of their nodes from the stores, runs the pure {@link ReplicaSetReconciler}, then
 * applies the actions, to its own stores and indexes first and then to the output topics, so that
 * the next reconcile sees the pods it created even before they come back from Kafka.
 */
final class ReplicaSetSync {

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

    /** Brings the ReplicaSet {@code replicaSetKey} and its pods to its declared state. */
    void reconcile(String replicaSetKey, Instant now) {
        List<ObservedPod> observedPods = new ArrayList<>();
        Set<String> notReadyNodes = new HashSet<>();
        try (KeyValueIterator<String, String> index =
                     podsByReplicaSet.prefixScan(StoreKeys.prefix(replicaSetKey), KEYS)) {
            index.forEachRemaining(entry -> {
                Pod pod = pods.get(entry.value);
                if (pod != null) {
                    ObservedPod observed = observe(entry.value, pod);
                    observedPods.add(observed);
                    if (observed.bound() && isNotReady(observed.nodeName())) {
                        notReadyNodes.add(observed.nodeName());
                    }
                }
            });
        }
        ReplicaSetObserved observed = new ReplicaSetObserved(observedPods, notReadyNodes, statuses.get(replicaSetKey));
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(replicaSets.get(replicaSetKey), observed, now, ids);
        apply(replicaSetKey, actions, now);
    }

    /** Reconciles every ReplicaSet with a pod bound to a node whose verdict is NotReady. */
    void reconcileLostPods(Instant now) {
        Set<String> affected = new LinkedHashSet<>();
        try (KeyValueIterator<String, NodeHealth> nodes = nodeHealth.all()) {
            nodes.forEachRemaining(node -> {
                if (node.value != null && !node.value.getReady()) {
                    try (KeyValueIterator<String, String> onNode =
                                 podsByNode.prefixScan(StoreKeys.prefix(node.key), KEYS)) {
                        onNode.forEachRemaining(entry -> affected.add(entry.value));
                    }
                }
            });
        }
        for (String replicaSetKey : affected) {
            reconcile(replicaSetKey, now);
        }
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

    /** Moves the pod's entry in the by-node index from the node it was bound to to the one it is bound to now. */
    void reindexNode(String podKey, Pod pod, String before, String after) {
        if (before != null) {
            podsByNode.delete(StoreKeys.of(before, podKey));
        }
        if (after != null) {
            podsByNode.put(StoreKeys.of(after, podKey), ownerKey(pod));
        }
    }

    private ObservedPod observe(String podKey, Pod pod) {
        PodBinding binding = bindings.get(podKey);
        return new ObservedPod(pod, boundNode(pod, binding), reports.get(podKey));
    }

    private boolean isNotReady(String nodeName) {
        NodeHealth health = nodeHealth.get(nodeName);
        return health != null && !health.getReady();
    }

    private void apply(String replicaSetKey, ReplicaSetActions actions, Instant now) {
        long timestamp = now.toEpochMilli();
        for (Pod pod : actions.delete()) {
            String podKey = key(pod);
            PodBinding binding = bindings.get(podKey);
            reindexNode(podKey, pod, boundNode(pod, binding), null);
            if (binding != null) {
                bindings.delete(podKey);
            }
            if (reports.get(podKey) != null) {
                reports.delete(podKey);
            }
            podsByReplicaSet.delete(StoreKeys.of(replicaSetKey, pod.getMetadata().getName()));
            pods.delete(podKey);
            context.forward(new Record<>(podKey, null, timestamp), ReplicaSetController.PODS_SINK);
        }
        for (Pod pod : actions.create()) {
            String podKey = key(pod);
            pods.put(podKey, pod);
            podsByReplicaSet.put(StoreKeys.of(replicaSetKey, pod.getMetadata().getName()), podKey);
            reindexNode(podKey, pod, null, boundNode(pod, null));
            context.forward(new Record<>(podKey, pod, timestamp), ReplicaSetController.PODS_SINK);
        }
        switch (actions.status().kind()) {
            case WRITE -> {
                statuses.put(replicaSetKey, actions.status().status());
                context.forward(new Record<>(replicaSetKey, actions.status().status(), timestamp),
                        ReplicaSetController.STATUS_SINK);
            }
            case DELETE -> {
                statuses.delete(replicaSetKey);
                context.forward(new Record<>(replicaSetKey, null, timestamp), ReplicaSetController.STATUS_SINK);
            }
            case KEEP -> {
                // the status written last still holds
            }
        }
        for (Event event : actions.events()) {
            context.forward(new Record<>(Events.key(event), event, timestamp), ReplicaSetController.EVENTS_SINK);
        }
    }

    private static String key(Pod pod) {
        return Keys.of(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    }
}

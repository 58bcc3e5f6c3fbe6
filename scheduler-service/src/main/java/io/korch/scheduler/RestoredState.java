package io.korch.scheduler;

import io.korch.api.Node;
import io.korch.api.NodeHealth;
import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.model.NodeViews;
import io.korch.scheduler.framework.NodeCache;
import io.korch.scheduler.framework.PodInfo;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's in-memory state, rebuilt from its stores alone: the {@link NodeCache} (every
 * node as {@link NodeViews#merge} sees it from its registration and declaration, its verdict and its
 * bound pods) and the pods waiting for a node. Each call of
 * {@link #fromStores} builds both anew, so a task that Kafka Streams re-initialises (after an
 * aborted transaction rolled its stores back, say) never keeps placements the stores no longer hold.
 * The processor takes both over and changes them as it schedules.
 *
 * @param nodes   the bookkeeping of every node
 * @param pending keys of the pods waiting for a node, in key order
 */
record RestoredState(NodeCache nodes, Set<String> pending) {

    private static final Logger LOG = LoggerFactory.getLogger(RestoredState.class);

    /** Rebuilds the state from the processor's stores; reads them and writes nothing. */
    static RestoredState fromStores(KeyValueStore<String, Pod> pods, KeyValueStore<String, PodBinding> bindings,
                                    KeyValueStore<String, Node> nodeRecords,
                                    KeyValueStore<String, Node> nodeDeclarations,
                                    KeyValueStore<String, NodeHealth> healthRecords) {
        NodeCache nodes = new NodeCache();
        Set<String> pending = new LinkedHashSet<>();
        Set<String> names = new TreeSet<>();
        try (KeyValueIterator<String, Node> all = nodeRecords.all()) {
            all.forEachRemaining(entry -> names.add(entry.key));
        }
        try (KeyValueIterator<String, Node> all = nodeDeclarations.all()) {
            all.forEachRemaining(entry -> names.add(entry.key));
        }
        for (String name : names) {
            NodeViews.merge(nodeRecords.get(name), nodeDeclarations.get(name))
                    .ifPresent(node -> nodes.getOrCreate(name).setNode(node));
        }
        try (KeyValueIterator<String, NodeHealth> all = healthRecords.all()) {
            all.forEachRemaining(entry -> nodes.getOrCreate(entry.key).setHealth(entry.value));
        }
        try (KeyValueIterator<String, Pod> all = pods.all()) {
            while (all.hasNext()) {
                KeyValue<String, Pod> entry = all.next();
                restorePod(entry.key, entry.value, bindings.get(entry.key), nodes, pending);
            }
        }
        LOG.info("scheduler state restored: {} node(s), {} pending pod(s)", nodes.all().size(), pending.size());
        return new RestoredState(nodes, pending);
    }

    private static void restorePod(String key, Pod pod, PodBinding binding, NodeCache nodes, Set<String> pending) {
        String uid = Objects.toString(pod.getMetadata().getUid(), "");
        if (binding != null && !binding.getPodUid().equals(uid)) {
            binding = null;
        }
        PodDecision decision = PodDecision.decide(pod, binding);
        if (decision == PodDecision.SCHEDULE || decision == PodDecision.BIND_AS_REQUESTED) {
            pending.add(key);
            return;
        }
        if (decision != PodDecision.REFRESH) {
            return;
        }
        try {
            nodes.getOrCreate(binding.getNodeName()).add(PodInfo.of(key, pod).boundTo(binding.getNodeName()));
        } catch (IllegalArgumentException e) {
            LOG.warn("bound pod {} has invalid resources and is not counted on {}: {}",
                    key, binding.getNodeName(), e.getMessage());
        }
    }
}

package io.korch.scheduler.framework;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every {@link NodeInfo} the scheduler knows, by node name. Candidates for placement are the
 * nodes that exist ({@link NodeInfo#exists()}), in name order, so the pipeline sees them in a stable order.
 * It indexes which nodes count a pod of each key, as the nodes it made add and remove pods.
 */
public final class NodeCache {

    private final Map<String, NodeInfo> nodes = new TreeMap<>();
    /** Pod key → the nodes counting a pod of that key (two while an older namesake leaves one). */
    private final Map<String, List<String>> holders = new HashMap<>();
    private final NodeInfo.PodListener index = new NodeInfo.PodListener() {
        @Override
        public void added(String podKey, String nodeName) {
            holders.computeIfAbsent(podKey, key -> new ArrayList<>(1)).add(nodeName);
        }

        @Override
        public void removed(String podKey, String nodeName) {
            List<String> on = holders.get(podKey);
            if (on != null && on.remove(nodeName) && on.isEmpty()) {
                holders.remove(podKey);
            }
        }

        @Override
        public void existenceChanged(String nodeName) {
            existing = null;
        }
    };
    /** The existing nodes in name order, rebuilt only after a node came or went; null until then. */
    private NodeInfo[] existing;

    /** The node's bookkeeping, or null when nothing is known about it. */
    public NodeInfo get(String name) {
        return nodes.get(name);
    }

    /** The node's bookkeeping, created empty when nothing is known about it yet. */
    public NodeInfo getOrCreate(String name) {
        return nodes.computeIfAbsent(name, n -> new NodeInfo(n, index));
    }

    /** Drops the node's bookkeeping once it has no record, no verdict and no pods. */
    public void forgetIfUnused(String name) {
        NodeInfo node = nodes.get(name);
        if (node != null && node.forgotten()) {
            nodes.remove(name);
            existing = null;
        }
    }

    /** The existing nodes, in name order: the nodes a pod may be placed on. A new list the caller may change. */
    public List<NodeInfo> candidates() {
        if (existing == null) {
            existing = nodes.values().stream().filter(NodeInfo::exists).toArray(NodeInfo[]::new);
        }
        return new ArrayList<>(Arrays.asList(existing));
    }

    /**
     * The candidates as they would be once the pod with {@code podKey} left its node: the node
     * holding it is replaced by a copy without it ({@link NodeInfo#without}). Changes nothing, so a
     * placement can be computed before the pod's older namesake is actually taken off its node.
     */
    public List<NodeInfo> candidatesWithout(String podKey) {
        List<NodeInfo> candidates = candidates();
        List<String> on = holders.get(podKey);
        if (on != null) {
            // found through the index of pod keys, not by asking every node: placement is O(candidates filtered)
            candidates.replaceAll(node -> on.contains(node.name()) ? node.without(podKey) : node);
        }
        return candidates;
    }

    /** Every known node, existing or not, in name order. */
    public Collection<NodeInfo> all() {
        return Collections.unmodifiableCollection(nodes.values());
    }
}

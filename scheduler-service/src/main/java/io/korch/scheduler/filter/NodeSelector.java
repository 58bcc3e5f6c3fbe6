package io.korch.scheduler.filter;

import io.korch.scheduler.framework.FilterPlugin;
import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.PodInfo;
import java.util.List;
import java.util.Map;

/** Places a pod only on nodes whose labels carry every pair of its {@code spec.nodeSelector}. */
public final class NodeSelector implements FilterPlugin {

    /** The plugin's name. */
    public static final String NAME = "NodeSelector";
    /** Rejection of a node whose labels do not match; kube-scheduler's wording. */
    public static final String MISMATCH = "node(s) didn't match Pod's node affinity/selector";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> filter(PodInfo pod, NodeInfo node) {
        return matches(pod.pod().getSpec().getNodeSelector(), node.labels()) ? List.of() : List.of(MISMATCH);
    }

    /** True when {@code nodeLabels} has every key of {@code nodeSelector} with the same value; an empty selector matches every node. */
    public static boolean matches(Map<String, String> nodeSelector, Map<String, String> nodeLabels) {
        if (nodeSelector == null || nodeSelector.isEmpty()) {
            return true;
        }
        for (Map.Entry<String, String> required : nodeSelector.entrySet()) {
            if (!required.getValue().equals(nodeLabels.get(required.getKey()))) {
                return false;
            }
        }
        return true;
    }
}

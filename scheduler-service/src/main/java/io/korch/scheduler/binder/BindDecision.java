package io.korch.scheduler.binder;

import io.korch.scheduler.framework.FilterPlugin;
import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.PodInfo;
import java.util.List;
import java.util.Optional;

/**
 * Whether a node's binder accepts a pod: the pure decision behind {@link BinderProcessor}.
 *
 * <p>A pod that named its node itself ({@code spec.nodeName}) is accepted there without filtering,
 * as Kubernetes binds it. Any other pod must pass every filter against the binder's own count of
 * the node's pods, which no other placement changes meanwhile: of two placers that both chose the
 * last free cpu of a node, the first request the binder reads is accepted and the second refused.
 */
public final class BindDecision {

    private BindDecision() {
    }

    /**
     * The reason to refuse {@code pod} on {@code node}, or empty to accept it. Pure: reads the
     * node's bookkeeping (which must not count {@code pod} yet) and changes nothing.
     */
    public static Optional<String> refusal(PodInfo pod, NodeInfo node, boolean requestedByPod,
                                           List<FilterPlugin> filters) {
        if (requestedByPod) {
            return Optional.empty();
        }
        if (!node.exists()) {
            return Optional.of("node " + node.name() + " not found");
        }
        for (FilterPlugin filter : filters) {
            List<String> reasons = filter.filter(pod, node);
            if (!reasons.isEmpty()) {
                return Optional.of(String.join(", ", reasons));
            }
        }
        return Optional.empty();
    }
}

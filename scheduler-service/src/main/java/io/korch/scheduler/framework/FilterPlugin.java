package io.korch.scheduler.framework;

import java.util.List;

/**
 * A filter of the scheduling pipeline: can this node take this pod at all?
 *
 * <p>Implementations are stateless and pure: they read the pod and the node's bookkeeping and
 * change neither.
 */
public interface FilterPlugin {

    /** The plugin's name, for logs and explanations. */
    String name();

    /**
     * Checks one node for one pod.
     *
     * @return an empty list when the node can take the pod; otherwise every reason it cannot, each a
     *     short phrase that the pipeline counts across nodes ({@code Insufficient cpu},
     *     {@code node(s) were not ready})
     */
    List<String> filter(PodInfo pod, NodeInfo node);
}

package io.korch.scheduler.filter;

import io.korch.api.Node;
import io.korch.api.NodeCondition;
import io.korch.api.NodeHealth;
import io.korch.model.NodeViews;
import io.korch.scheduler.framework.FilterPlugin;
import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.PodInfo;
import java.util.List;

/**
 * Keeps pods off nodes that cannot run them now: a node must be Ready and not cordoned.
 *
 * <p>Ready is the node-lifecycle controller's verdict ({@code korch.node-health}) when one exists,
 * because only it notices missing heartbeats; before the first verdict, the node's own Ready
 * condition counts. A node with {@code spec.unschedulable: true} (cordoned, usually by the users'
 * declaration in {@code korch.node-specs}) takes no new pods.
 */
public final class NodeReady implements FilterPlugin {

    /** The plugin's name. */
    public static final String NAME = "NodeReady";
    /** Rejection of a node that is not Ready. */
    public static final String NOT_READY = "node(s) were not ready";
    /** Rejection of a cordoned node ({@code spec.unschedulable}). */
    public static final String UNSCHEDULABLE = "node(s) were unschedulable";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> filter(PodInfo pod, NodeInfo node) {
        if (!isReady(node.node(), node.health())) {
            return List.of(NOT_READY);
        }
        if (isUnschedulable(node.node())) {
            return List.of(UNSCHEDULABLE);
        }
        return List.of();
    }

    /**
     * True when the health verdict says ready, or, without a verdict, when the node's Ready
     * condition is {@code True}. A missing node is not ready.
     */
    public static boolean isReady(Node node, NodeHealth health) {
        if (health != null) {
            return health.getReady();
        }
        NodeCondition ready = NodeViews.readyCondition(node);
        return ready != null && "True".equals(ready.getStatus());
    }

    /** True when the node is cordoned: {@code spec.unschedulable} is true. */
    public static boolean isUnschedulable(Node node) {
        return node != null && NodeViews.unschedulable(node);
    }
}

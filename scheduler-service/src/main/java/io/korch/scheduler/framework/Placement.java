package io.korch.scheduler.framework;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of running the pipeline for one pod: the chosen node, or why no node fits.
 *
 * @param nodeName   the chosen node, or null when the pod fits nowhere
 * @param message    null when a node was chosen; otherwise the kube-scheduler style explanation,
 *                   {@code 0/2 nodes are available: 2 Insufficient cpu.}
 * @param rejections how many nodes each reason rejected (a node may count under several reasons)
 */
public record Placement(String nodeName, String message, Map<String, Integer> rejections) {

    /** The explanation when there are no nodes to consider at all. */
    public static final String NO_NODES = "no nodes available to schedule pods";

    public Placement {
        rejections = Map.copyOf(rejections);
    }

    /** The pod goes to {@code nodeName}. */
    public static Placement on(String nodeName) {
        return new Placement(Objects.requireNonNull(nodeName, "nodeName"), null, Map.of());
    }

    /** No node of {@code nodeCount} fits; {@code rejections} counts nodes per reason. */
    public static Placement unschedulable(int nodeCount, Map<String, Integer> rejections) {
        return new Placement(null, explain(nodeCount, rejections), rejections);
    }

    /** True when a node was chosen. */
    public boolean bound() {
        return nodeName != null;
    }

    /**
     * Explains why none of {@code nodeCount} nodes fits, as kube-scheduler does: the count of nodes
     * per reason, sorted as text, e.g. {@code 0/3 nodes are available: 1 node(s) didn't match Pod's
     * node affinity/selector, 2 node(s) were not ready.}
     */
    public static String explain(int nodeCount, Map<String, Integer> rejections) {
        if (nodeCount == 0 || rejections.isEmpty()) {
            return "0/" + nodeCount + " nodes are available: " + NO_NODES + ".";
        }
        List<String> parts = new ArrayList<>();
        rejections.forEach((reason, count) -> parts.add(count + " " + reason));
        parts.sort(null);
        return "0/" + nodeCount + " nodes are available: " + String.join(", ", parts) + ".";
    }
}

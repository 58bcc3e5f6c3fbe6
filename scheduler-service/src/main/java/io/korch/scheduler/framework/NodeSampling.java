package io.korch.scheduler.framework;

/**
 * How many feasible nodes the pipeline looks for before it stops filtering, as kube-scheduler's
 * {@code percentageOfNodesToScore}: in a large cluster, scoring every node buys little, so the
 * search stops once enough nodes passed the filters, and the next pod's search starts where this
 * one stopped, so that every node gets its turn.
 *
 * @param percentageOfNodesToScore 0 for adaptive (50 % less 1 % per 125 nodes, at least 5 %), or
 *                                 1 to 100; 100 always filters every node
 */
public record NodeSampling(int percentageOfNodesToScore) {

    /** Below this many nodes every node is filtered, whatever the percentage. */
    public static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    /** The adaptive percentage never goes below this. */
    public static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;
    /** Kube-scheduler's default: adaptive. */
    public static final NodeSampling ADAPTIVE = new NodeSampling(0);
    /** Every node is filtered for every pod. */
    public static final NodeSampling ALL_NODES = new NodeSampling(100);

    public NodeSampling {
        if (percentageOfNodesToScore < 0 || percentageOfNodesToScore > 100) {
            throw new IllegalArgumentException("--percentage-of-nodes-to-score must be 0 (adaptive) to 100, not "
                    + percentageOfNodesToScore);
        }
    }

    /** How many feasible nodes to find among {@code allNodes} before the search stops. */
    public int feasibleNodesToFind(int allNodes) {
        if (allNodes < MIN_FEASIBLE_NODES_TO_FIND || percentageOfNodesToScore == 100) {
            return allNodes;
        }
        int percentage = percentageOfNodesToScore;
        if (percentage == 0) {
            percentage = Math.max(50 - allNodes / 125, MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
        }
        return Math.max((int) ((long) allNodes * percentage / 100), MIN_FEASIBLE_NODES_TO_FIND);
    }
}

package io.korch.controllers.nodelifecycle;

/**
 * How fast the pods of NotReady nodes are evicted (replaced elsewhere), by disruption mode, as
 * Kubernetes' node-lifecycle controller paces it; korch has no zones, so the cluster is one zone.
 *
 * @param evictionRate              nodes per second whose pods are evicted in {@link DisruptionMode#NORMAL}
 *                                  ({@code --node-eviction-rate})
 * @param secondaryEvictionRate     nodes per second in {@link DisruptionMode#PARTIAL_DISRUPTION} when the cluster
 *                                  is larger than {@code largeClusterSizeThreshold}; a smaller cluster evicts nothing
 *                                  then ({@code --secondary-node-eviction-rate})
 * @param unhealthyZoneThreshold    the share of NotReady nodes (more than two) from which the cluster is in
 *                                  {@link DisruptionMode#PARTIAL_DISRUPTION} ({@code --unhealthy-zone-threshold})
 * @param largeClusterSizeThreshold from how many nodes on the cluster counts as large ({@code --large-cluster-size-threshold})
 */
public record NodeEviction(double evictionRate, double secondaryEvictionRate, double unhealthyZoneThreshold,
                           int largeClusterSizeThreshold) {

    /** Kubernetes' defaults: 0.1 and 0.01 nodes per second, 55 % NotReady, 50 nodes. */
    public static final NodeEviction DEFAULTS = new NodeEviction(0.1, 0.01, 0.55, 50);

    public NodeEviction {
        if (!(evictionRate >= 0) || !(secondaryEvictionRate >= 0)) {
            throw new IllegalArgumentException("eviction rates must be 0 or more, not " + evictionRate + " and "
                    + secondaryEvictionRate);
        }
        if (!(unhealthyZoneThreshold > 0 && unhealthyZoneThreshold <= 1)) {
            throw new IllegalArgumentException("the unhealthy zone threshold must be in (0, 1], not " + unhealthyZoneThreshold);
        }
        if (largeClusterSizeThreshold < 0) {
            throw new IllegalArgumentException("the large cluster size threshold must be 0 or more, not "
                    + largeClusterSizeThreshold);
        }
    }

    /**
     * The eviction rate, in nodes per second, of a cluster of {@code clusterSize} nodes in
     * {@code mode}: the normal rate in {@link DisruptionMode#NORMAL}; in a partial disruption the
     * secondary rate when the cluster is large, none when it is small; none in a full disruption,
     * when every node is NotReady and the fault is most likely not theirs.
     */
    public double rate(DisruptionMode mode, int clusterSize) {
        return switch (mode) {
            case NORMAL -> evictionRate;
            case PARTIAL_DISRUPTION -> clusterSize > largeClusterSizeThreshold ? secondaryEvictionRate : 0;
            case FULL_DISRUPTION -> 0;
        };
    }
}

package io.korch.controllers.nodelifecycle;

import io.korch.model.EventReasons;

/**
 * How much of the cluster is NotReady, which sets how fast pods are evicted ({@link NodeEviction#rate}),
 * by Kubernetes' rule for a zone: every node NotReady is a full disruption; more than two NotReady
 * and at least the unhealthy threshold of them a partial one; anything less is normal.
 */
public enum DisruptionMode {

    NORMAL(EventReasons.NORMAL_MODE),
    PARTIAL_DISRUPTION(EventReasons.PARTIAL_DISRUPTION),
    FULL_DISRUPTION(EventReasons.FULL_DISRUPTION);

    private final String label;

    DisruptionMode(String label) {
        this.label = label;
    }

    /** The mode of a cluster with {@code ready} Ready and {@code notReady} NotReady nodes. */
    public static DisruptionMode of(int ready, int notReady, double unhealthyThreshold) {
        if (ready == 0 && notReady > 0) {
            return FULL_DISRUPTION;
        }
        if (notReady > 2 && (double) notReady / (ready + notReady) >= unhealthyThreshold) {
            return PARTIAL_DISRUPTION;
        }
        return NORMAL;
    }

    /**
     * The name Kubernetes gives it ({@code Normal}, {@code PartialDisruption}, {@code FullDisruption}),
     * which is also the reason of the event announcing it.
     */
    public String label() {
        return label;
    }
}

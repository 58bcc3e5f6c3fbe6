package io.korch.scheduler.score;

import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.PodInfo;
import io.korch.scheduler.framework.ScorePlugin;

/**
 * Spreads the replicas of one owner across nodes: the fewer pods of the same controller owner
 * (same owner reference uid) a node already runs, the higher it scores. A pod without a controller
 * owner scores the same everywhere.
 */
public final class SpreadByOwner implements ScorePlugin {

    /** The plugin's name. */
    public static final String NAME = "SpreadByOwner";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(PodInfo pod, NodeInfo node) {
        return pod.ownerUid() == null ? MAX_SCORE : score(node.podsOfOwner(pod.ownerUid()));
    }

    /**
     * The score of a node that already runs {@code sameOwnerPods} pods of the pod's owner:
     * {@link #MAX_SCORE} for none, halved for one, a third for two, and so on.
     */
    public static long score(int sameOwnerPods) {
        return MAX_SCORE / (1L + Math.max(0, sameOwnerPods));
    }
}

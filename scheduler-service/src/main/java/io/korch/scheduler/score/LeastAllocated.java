package io.korch.scheduler.score;

import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.PodInfo;
import io.korch.scheduler.framework.ScorePlugin;

/**
 * Balances load: the more cpu and memory would stay free on a node after placing the pod, the
 * higher it scores. Uses the scoring requests ({@link PodInfo#scoringCpuMillis()}), so pods that
 * request nothing still count for something and spread out.
 */
public final class LeastAllocated implements ScorePlugin {

    /** The plugin's name. */
    public static final String NAME = "LeastAllocated";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(PodInfo pod, NodeInfo node) {
        long cpu = freeShare(node.scoringCpuMillis() + pod.scoringCpuMillis(), node.allocatableCpuMillis());
        long memory = freeShare(node.scoringMemoryBytes() + pod.scoringMemoryBytes(), node.allocatableMemoryBytes());
        return (cpu + memory) / 2;
    }

    /**
     * The share of {@code allocatable} left free once {@code requested} is taken, from 0 to
     * {@link #MAX_SCORE}; 0 when the node has none of the resource or it is fully taken.
     */
    public static long freeShare(long requested, long allocatable) {
        if (allocatable <= 0 || requested >= allocatable) {
            return 0;
        }
        // in double, so byte counts times MAX_SCORE cannot overflow
        return (long) ((double) (allocatable - requested) * MAX_SCORE / allocatable);
    }
}

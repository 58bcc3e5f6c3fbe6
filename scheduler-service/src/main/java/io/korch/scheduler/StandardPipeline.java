package io.korch.scheduler;

import io.korch.scheduler.filter.NodePorts;
import io.korch.scheduler.filter.NodeReady;
import io.korch.scheduler.filter.NodeSelector;
import io.korch.scheduler.filter.ResourcesFit;
import io.korch.scheduler.framework.NodeSampling;
import io.korch.scheduler.framework.SchedulingPipeline;
import io.korch.scheduler.framework.SchedulingPipeline.WeightedScore;
import io.korch.scheduler.score.LeastAllocated;
import io.korch.scheduler.score.SpreadByOwner;
import java.util.List;
import java.util.random.RandomGenerator;

/** The one place where the scheduler's plugins are put together, in order. */
public final class StandardPipeline {

    private StandardPipeline() {
    }

    /**
     * The pipeline the scheduler runs.
     *
     * @param random breaks ties between equally scored nodes
     */
    public static SchedulingPipeline create(RandomGenerator random) {
        return create(random, NodeSampling.ALL_NODES);
    }

    /**
     * The pipeline the scheduler runs, stopping its search early in a large cluster as {@code sampling} says.
     *
     * @param random breaks ties between equally scored nodes
     */
    public static SchedulingPipeline create(RandomGenerator random, NodeSampling sampling) {
        return new SchedulingPipeline(
                // Cheap filters first: a node is dropped at its first failing filter.
                List.of(
                        new NodeReady(),     // one flag or condition lookup
                        new NodeSelector(),  // a few label lookups
                        new NodePorts(),     // a lookup per requested host port, none for most pods
                        new ResourcesFit()), // arithmetic on the node's running totals
                // Spreading an owner's replicas weighs twice as much as balancing load, so a
                // second replica avoids its sibling's node unless that node is far emptier.
                List.of(
                        new WeightedScore(new SpreadByOwner(), 2),
                        new WeightedScore(new LeastAllocated(), 1)),
                random, sampling);
    }
}

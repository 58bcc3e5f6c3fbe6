package io.korch.scheduler.framework;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Places one pod: runs the filters on the candidate nodes, scores the nodes that pass, and picks
 * the best; when none passes, counts the rejections per reason and explains them.
 *
 * <p>In a large cluster it stops filtering once {@link NodeSampling} says enough nodes passed, and
 * starts the next pod's search at the node after the last one this search looked at, so every node
 * is looked at in turn (kube-scheduler's {@code percentageOfNodesToScore}). A pod that fits nowhere
 * has looked at every node, so its explanation counts them all.
 *
 * <p>A node is dropped at its first failing filter, so filters are ordered cheapest first. Ties
 * between equally scored nodes are broken by the injected random generator (reservoir sampling
 * over the nodes in the order given), so a seeded generator makes placement reproducible.
 *
 * <p>It reads the {@link NodeInfo}s and changes nothing; the caller records the placement. Its own
 * state is the generator and where the next search starts; not thread-safe.
 */
public final class SchedulingPipeline {

    /** A score plugin with the weight its score is multiplied by. */
    public record WeightedScore(ScorePlugin plugin, int weight) {
        public WeightedScore {
            Objects.requireNonNull(plugin, "plugin");
            if (weight < 1) {
                throw new IllegalArgumentException("weight must be positive: " + weight);
            }
        }
    }

    private final List<FilterPlugin> filters;
    private final List<WeightedScore> scores;
    private final RandomGenerator random;
    private final NodeSampling sampling;
    private int nextStart;

    /**
     * A pipeline that filters every node for every pod.
     *
     * @param filters in the order they run
     * @param scores  the score plugins and their weights
     * @param random  breaks ties between equally scored nodes
     */
    public SchedulingPipeline(List<FilterPlugin> filters, List<WeightedScore> scores, RandomGenerator random) {
        this(filters, scores, random, NodeSampling.ALL_NODES);
    }

    /**
     * @param sampling how many feasible nodes are enough in a large cluster
     */
    public SchedulingPipeline(List<FilterPlugin> filters, List<WeightedScore> scores, RandomGenerator random,
                              NodeSampling sampling) {
        this.filters = List.copyOf(filters);
        this.scores = List.copyOf(scores);
        this.random = Objects.requireNonNull(random, "random");
        this.sampling = Objects.requireNonNull(sampling, "sampling");
    }

    /** The filters, in the order they run. */
    public List<FilterPlugin> filters() {
        return filters;
    }

    /** The score plugins and their weights. */
    public List<WeightedScore> scores() {
        return scores;
    }

    /**
     * Chooses a node for {@code pod} among {@code candidates}.
     *
     * @param candidates the existing nodes, in a stable order (by name)
     */
    public Placement place(PodInfo pod, List<NodeInfo> candidates) {
        Map<String, Integer> rejections = new LinkedHashMap<>();
        int count = candidates.size();
        int wanted = sampling.feasibleNodesToFind(count);
        // a search that may stop early starts where the last one stopped; a full one starts at the first node
        int start = count == 0 || wanted >= count ? 0 : nextStart % count;
        NodeInfo best = null;
        long bestScore = Long.MIN_VALUE;
        int ties = 0;
        int feasible = 0;
        int looked = 0;
        while (looked < count && feasible < wanted) {
            NodeInfo node = candidates.get((start + looked) % count);
            looked++;
            List<String> reasons = filter(pod, node);
            if (!reasons.isEmpty()) {
                reasons.forEach(reason -> rejections.merge(reason, 1, Integer::sum));
                continue;
            }
            feasible++;
            long score = score(pod, node);
            if (score > bestScore) {
                best = node;
                bestScore = score;
                ties = 1;
            } else if (score == bestScore && random.nextInt(++ties) == 0) {
                best = node;
            }
        }
        nextStart = count == 0 ? 0 : (start + looked) % count;
        return best != null ? Placement.on(best.name()) : Placement.unschedulable(count, rejections);
    }

    /** The reasons of the first filter that rejects {@code node}; empty when every filter passes. */
    public List<String> filter(PodInfo pod, NodeInfo node) {
        for (FilterPlugin filter : filters) {
            List<String> reasons = filter.filter(pod, node);
            if (!reasons.isEmpty()) {
                return reasons;
            }
        }
        return List.of();
    }

    /** The weighted sum of every score plugin for a node that passed the filters. */
    public long score(PodInfo pod, NodeInfo node) {
        long total = 0;
        for (WeightedScore weighted : scores) {
            total += weighted.weight() * weighted.plugin().score(pod, node);
        }
        return total;
    }
}

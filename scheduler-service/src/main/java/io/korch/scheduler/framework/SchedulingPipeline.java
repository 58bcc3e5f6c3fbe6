package io.korch.scheduler.framework;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Places one pod: runs every filter on every candidate node, scores the nodes that pass, and
 * picks the best; when none passes, counts the rejections per reason and explains them.
 *
 * <p>A node is dropped at its first failing filter, so filters are ordered cheapest first. Ties
 * between equally scored nodes are broken by the injected random generator (reservoir sampling
 * over the nodes in the order given), so a seeded generator makes placement reproducible.
 *
 * <p>Pure apart from drawing from the generator: it reads the {@link NodeInfo}s and changes
 * nothing; the caller records the placement.
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

    /**
     * @param filters in the order they run
     * @param scores  the score plugins and their weights
     * @param random  breaks ties between equally scored nodes
     */
    public SchedulingPipeline(List<FilterPlugin> filters, List<WeightedScore> scores, RandomGenerator random) {
        this.filters = List.copyOf(filters);
        this.scores = List.copyOf(scores);
        this.random = Objects.requireNonNull(random, "random");
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
    public Placement place(PodInfo pod, Collection<NodeInfo> candidates) {
        Map<String, Integer> rejections = new LinkedHashMap<>();
        NodeInfo best = null;
        long bestScore = Long.MIN_VALUE;
        int ties = 0;
        for (NodeInfo node : candidates) {
            List<String> reasons = filter(pod, node);
            if (!reasons.isEmpty()) {
                reasons.forEach(reason -> rejections.merge(reason, 1, Integer::sum));
                continue;
            }
            long score = score(pod, node);
            if (score > bestScore) {
                best = node;
                bestScore = score;
                ties = 1;
            } else if (score == bestScore && random.nextInt(++ties) == 0) {
                best = node;
            }
        }
        return best != null ? Placement.on(best.name()) : Placement.unschedulable(candidates.size(), rejections);
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

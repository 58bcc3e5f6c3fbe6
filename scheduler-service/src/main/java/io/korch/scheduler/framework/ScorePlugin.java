package io.korch.scheduler.framework;

/**
 * A score of the scheduling pipeline: how good is this feasible node for this pod?
 *
 * <p>Implementations are stateless and pure, and return a value from 0 to {@link #MAX_SCORE}; the
 * pipeline multiplies it by the plugin's weight and adds up the weighted scores of every plugin.
 */
public interface ScorePlugin {

    /** The best score a node can get from one plugin. */
    long MAX_SCORE = 100;

    /** The plugin's name, for logs. */
    String name();

    /** Scores one node that passed every filter; 0 to {@link #MAX_SCORE}, higher is better. */
    long score(PodInfo pod, NodeInfo node);
}

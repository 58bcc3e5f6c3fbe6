package io.korch.controllers.deployment;

import io.korch.model.DeploymentDefaults.RolloutBounds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a Deployment's rollout: from its ReplicaSets as they are, the number of pods each
 * should have next. Pure arithmetic over {@link RolloutSet}s, following Kubernetes' deployment
 * controller step for step:
 *
 * <ul>
 *   <li><b>Scaling</b> ({@link #scale}): when the desired count changed while several ReplicaSets
 *       still have pods, the difference to {@code replicas + maxSurge} is spread over them in
 *       proportion to their size (the {@code max-replicas} annotation each was last sized for),
 *       the remainder going to the largest; with one active ReplicaSet, that one takes the new count.
 *   <li><b>RollingUpdate</b> ({@link #rolling}): the new ReplicaSet grows while all pods together stay
 *       within {@code replicas + maxSurge}; old ones shrink — unhealthy pods first, then the oldest
 *       ReplicaSets — while at least {@code replicas - maxUnavailable} pods stay available.
 *   <li><b>Recreate</b> ({@link #recreate}): every old ReplicaSet goes to zero, and the new one is
 *       scaled up only once none of their pods remains.
 * </ul>
 *
 * <p>Both rollout halves run in one step, the scale-down judged on the sizes the scale-up left, so
 * one reconcile moves as far as the bounds allow. Availability is the ReplicaSet controller's count,
 * which may lag behind a ReplicaSet just scaled down: an old ReplicaSet is never credited with more
 * available pods than it is sized for, and no step takes down more pods than the bound left after
 * counting the new ReplicaSet's unavailable ones, so stale counts can delay a step but never break
 * {@code maxUnavailable}.
 */
final class RolloutPlanner {

    /** Oldest first: lowest revision, then name. */
    static final Comparator<RolloutSet> OLDEST_FIRST = Comparator.comparingLong(RolloutSet::revision)
            .thenComparing(RolloutSet::name);

    /** Where {@link #rolling} keeps the size of a current ReplicaSet it is about to create. */
    private static final String TO_CREATE = "";

    private RolloutPlanner() {
    }

    /**
     * A rollout step's input.
     *
     * @param replicas       the Deployment's desired pods
     * @param bounds         its surge and unavailability bounds for {@code replicas}
     * @param current        the ReplicaSet of the current template, or null when it does not exist yet
     * @param old            the other ReplicaSets the Deployment owns
     * @param statusReplicas the Deployment's {@code status.replicas} as last written, for sets without
     *                       a {@code max-replicas} annotation
     */
    record Rollout(int replicas, RolloutBounds bounds, RolloutSet current, List<RolloutSet> old, int statusReplicas) {

        Rollout {
            old = List.copyOf(old);
        }

        /** The ReplicaSets with pods, the current one first. */
        List<RolloutSet> active() {
            List<RolloutSet> active = new ArrayList<>();
            if (current != null && current.replicas() > 0) {
                active.add(current);
            }
            old.stream().filter(set -> set.replicas() > 0).forEach(active::add);
            return active;
        }

        /** Whether the desired count changed since the active ReplicaSets were sized ({@code desired-replicas}). */
        boolean scalingEvent() {
            return active().stream().anyMatch(set -> set.desiredReplicas() != null && set.desiredReplicas() != replicas);
        }
    }

    /**
     * The sizes after a step.
     *
     * @param replicas the next size of each existing ReplicaSet, by name
     * @param create   the size of the current ReplicaSet to create, or null when none is created
     */
    record Step(Map<String, Integer> replicas, Integer create) {
    }

    /** A scaling step ({@link Rollout#scalingEvent} or a paused Deployment): sizes change, no rollout starts. */
    static Step scale(Rollout rollout) {
        Map<String, Integer> sizes = sizes(rollout);
        int replicas = rollout.replicas();
        List<RolloutSet> active = rollout.active();
        RolloutSet only = activeOrLatest(rollout, active);
        if (only != null) {
            sizes.put(only.name(), replicas);
            return new Step(sizes, null);
        }
        RolloutSet current = rollout.current();
        if (current != null && current.replicas() == replicas && current.available() >= replicas
                && current.desiredReplicas() != null && current.desiredReplicas() == replicas) {
            rollout.old().forEach(set -> sizes.put(set.name(), 0)); // saturated: the old ones are done
            return new Step(sizes, null);
        }
        int allowed = replicas > 0 ? replicas + rollout.bounds().maxSurge() : 0;
        int toAdd = allowed - active.stream().mapToInt(RolloutSet::replicas).sum();
        if (toAdd == 0) {
            return new Step(sizes, null);
        }
        List<RolloutSet> ordered = new ArrayList<>(active);
        Comparator<RolloutSet> newer = OLDEST_FIRST.reversed();
        ordered.sort(Comparator.comparingInt(RolloutSet::replicas).reversed()
                .thenComparing(toAdd > 0 ? newer : OLDEST_FIRST));
        int added = 0;
        for (RolloutSet set : ordered) {
            int proportion = proportion(set, rollout, toAdd, added);
            sizes.put(set.name(), set.replicas() + proportion);
            added += proportion;
        }
        RolloutSet largest = ordered.get(0);
        sizes.put(largest.name(), Math.max(0, sizes.get(largest.name()) + toAdd - added));
        return new Step(sizes, null);
    }

    /**
     * A RollingUpdate step: the current ReplicaSet is created or grown, old ones shrink, and the
     * current one grows into the room they left.
     */
    static Step rolling(Rollout rollout) {
        Map<String, Integer> sizes = sizes(rollout);
        int replicas = rollout.replicas();
        RolloutSet current = rollout.current();
        String key = current == null ? TO_CREATE : current.name();
        sizes.putIfAbsent(key, 0);
        int size = sizes.get(key);
        sizes.put(key, size > replicas ? replicas : grown(rollout, sizes, size));
        scaleDownOld(rollout, sizes, key, current == null ? 0 : current.available());
        sizes.put(key, grown(rollout, sizes, sizes.get(key)));
        return new Step(sizes, current == null ? sizes.remove(TO_CREATE) : null);
    }

    /** A Recreate step: old pods go first; the current ReplicaSet gets every pod once none of theirs is left. */
    static Step recreate(Rollout rollout) {
        Map<String, Integer> sizes = sizes(rollout);
        boolean scaledDown = false;
        for (RolloutSet set : rollout.old()) {
            if (set.replicas() > 0) {
                sizes.put(set.name(), 0);
                scaledDown = true;
            }
        }
        boolean oldPodsLeft = rollout.old().stream().anyMatch(set -> set.statusReplicas() > 0);
        if (scaledDown || oldPodsLeft) {
            return new Step(sizes, null);
        }
        if (rollout.current() == null) {
            return new Step(sizes, rollout.replicas());
        }
        sizes.put(rollout.current().name(), rollout.replicas());
        return new Step(sizes, null);
    }

    /**
     * The old ReplicaSets that can go to keep {@code limit} of them: those beyond the limit, oldest
     * first, that have no pods left, wanted or running.
     */
    static List<String> beyondHistory(List<RolloutSet> old, int limit) {
        List<RolloutSet> ordered = new ArrayList<>(old);
        ordered.sort(OLDEST_FIRST);
        List<String> deletable = new ArrayList<>();
        for (int i = 0; i < ordered.size() - limit; i++) {
            RolloutSet set = ordered.get(i);
            if (set.replicas() == 0 && set.statusReplicas() == 0 && set.settled()) {
                deletable.add(set.name());
            }
        }
        return deletable;
    }

    /** The current ReplicaSet's next size: grown within {@code replicas + maxSurge} pods in all. */
    private static int grown(Rollout rollout, Map<String, Integer> sizes, int currentSize) {
        int replicas = rollout.replicas();
        int allPods = sizes.values().stream().mapToInt(Integer::intValue).sum();
        int maxTotal = replicas + rollout.bounds().maxSurge();
        if (allPods >= maxTotal) {
            return currentSize;
        }
        return currentSize + Math.min(maxTotal - allPods, replicas - currentSize);
    }

    /**
     * Shrinks the old ReplicaSets in {@code sizes}, as far as {@code maxUnavailable} allows, given
     * the current ReplicaSet's size there (at {@code key}) and its available pods.
     */
    private static void scaleDownOld(Rollout rollout, Map<String, Integer> sizes, String key, int currentAvailable) {
        List<RolloutSet> old = new ArrayList<>(rollout.old());
        old.sort(OLDEST_FIRST);
        if (old.stream().mapToInt(set -> sizes.get(set.name())).sum() == 0) {
            return;
        }
        int currentSize = sizes.get(key);
        int allPods = sizes.values().stream().mapToInt(Integer::intValue).sum();
        int minAvailable = rollout.replicas() - rollout.bounds().maxUnavailable();
        int currentUnavailable = Math.max(0, currentSize - currentAvailable);
        int budget = allPods - minAvailable - currentUnavailable;
        if (budget <= 0) {
            return;
        }
        // unhealthy pods first: they count for nothing available
        for (RolloutSet set : old) {
            if (budget <= 0) {
                break;
            }
            int size = sizes.get(set.name());
            int unhealthy = size - Math.min(set.available(), size);
            int cut = Math.min(budget, unhealthy);
            if (cut > 0) {
                sizes.put(set.name(), size - cut);
                budget -= cut;
            }
        }
        int available = Math.min(currentAvailable, currentSize);
        for (RolloutSet set : old) {
            available += Math.min(set.available(), sizes.get(set.name()));
        }
        int toTakeDown = Math.min(budget, available - minAvailable);
        for (RolloutSet set : old) {
            if (toTakeDown <= 0) {
                break;
            }
            int size = sizes.get(set.name());
            int cut = Math.min(size, toTakeDown);
            sizes.put(set.name(), size - cut);
            toTakeDown -= cut;
        }
    }

    /** With at most one ReplicaSet active, the one that takes every pod: that one, the current one, or the newest. */
    private static RolloutSet activeOrLatest(Rollout rollout, List<RolloutSet> active) {
        if (active.size() == 1) {
            return active.get(0);
        }
        if (!active.isEmpty()) {
            return null;
        }
        if (rollout.current() != null) {
            return rollout.current();
        }
        return rollout.old().stream().max(OLDEST_FIRST).orElse(null);
    }

    /** How many of {@code toAdd} (negative: to take away) {@code set} gets, for its share of the pods. */
    private static int proportion(RolloutSet set, Rollout rollout, int toAdd, int added) {
        if (set.replicas() == 0 || toAdd == added) {
            return 0;
        }
        int fraction;
        if (rollout.replicas() == 0) {
            fraction = -set.replicas();
        } else {
            int sizedFor = set.maxReplicas() != null ? set.maxReplicas() : rollout.statusReplicas();
            int target = rollout.replicas() + rollout.bounds().maxSurge();
            fraction = sizedFor <= 0 ? 0
                    : (int) Math.round((double) set.replicas() * target / sizedFor) - set.replicas();
        }
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }

    private static Map<String, Integer> sizes(Rollout rollout) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        if (rollout.current() != null) {
            sizes.put(rollout.current().name(), rollout.current().replicas());
        }
        rollout.old().forEach(set -> sizes.put(set.name(), set.replicas()));
        return sizes;
    }
}

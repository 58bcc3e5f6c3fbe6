package io.korch.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.DeploymentSpec;
import io.korch.api.DeploymentStrategy;
import io.korch.api.RollingUpdateDeployment;
import io.korch.controllers.deployment.RolloutPlanner.Rollout;
import io.korch.controllers.deployment.RolloutPlanner.Step;
import io.korch.model.DeploymentDefaults;
import io.korch.model.DeploymentDefaults.RolloutBounds;
import io.korch.testkit.Deployments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The rollout arithmetic against the numbers of Kubernetes' documentation and its deployment
 * controller: the bounds' rounding, every step of whole rolling updates, proportional scaling in
 * the middle of a rollout, Recreate, and how much history is kept.
 */
class RolloutPlannerTest {

    private static DeploymentSpec spec(String maxSurge, String maxUnavailable) {
        DeploymentSpec spec = Deployments.deployment("web").build().getSpec();
        spec.setStrategy(DeploymentStrategy.newBuilder().setType("RollingUpdate")
                .setRollingUpdate(RollingUpdateDeployment.newBuilder()
                        .setMaxSurge(maxSurge).setMaxUnavailable(maxUnavailable).build())
                .build());
        return spec;
    }

    private static RolloutSet set(String name, long revision, int replicas, int available) {
        return new RolloutSet(name, revision, replicas, replicas, available, null, null, true);
    }

    @ParameterizedTest(name = "{0} replicas, maxSurge {1}, maxUnavailable {2} → surge {3}, unavailable {4}")
    @CsvSource({
            "3, 25%, 25%, 1, 0",
            "4, 25%, 25%, 1, 1",
            "10, 25%, 25%, 3, 2",
            "10, 30%, 30%, 3, 3",
            "10, 3, 2, 3, 2",
            "1, 25%, 25%, 1, 0",
            "5, 0, 0, 0, 1", // both zero: one pod may be unavailable, as Kubernetes resolves the fenceposts
            "0, 25%, 25%, 0, 0",
            "2, 0, 100%, 0, 2",
            "3, 1, 5, 1, 3", // never more unavailable than there are replicas
    })
    void boundsRoundTheSurgeUpAndTheUnavailablePodsDown(int replicas, String surge, String unavailable,
                                                        int expectedSurge, int expectedUnavailable) {
        assertThat(DeploymentDefaults.bounds(spec(surge, unavailable), replicas))
                .isEqualTo(new RolloutBounds(expectedSurge, expectedUnavailable));
    }

    @Test
    void recreateHasNeitherSurgeNorUnavailablePods() {
        DeploymentSpec spec = Deployments.deployment("web").build().getSpec();
        spec.setStrategy(DeploymentStrategy.newBuilder().setType("Recreate").build());

        assertThat(DeploymentDefaults.bounds(spec, 4)).isEqualTo(new RolloutBounds(0, 0));
    }

    /**
     * A whole rolling update, run step by step as the controllers would: after each step the
     * ReplicaSet controller brings every set to its size, and the new template's pods become
     * available one step later (the old ones are available already).
     */
    private static List<String> rollOut(int replicas, RolloutBounds bounds) {
        Map<String, RolloutSet> sets = new LinkedHashMap<>();
        sets.put("old", set("old", 1, replicas, replicas));
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            RolloutSet current = sets.get("new");
            Step step = RolloutPlanner.rolling(new Rollout(replicas, bounds, current, List.of(sets.get("old")), replicas));
            int oldSize = step.replicas().get("old");
            int newSize = step.create() != null ? step.create() : step.replicas().get("new");
            int oldAvailable = Math.min(sets.get("old").available(), oldSize);
            int newAvailable = current == null ? 0 : Math.min(current.available(), newSize);
            // what the bounds promise, at every step
            assertThat(oldSize + newSize).as("pods in all").isLessThanOrEqualTo(replicas + bounds.maxSurge());
            assertThat(oldAvailable + newAvailable).as("available pods")
                    .isGreaterThanOrEqualTo(replicas - bounds.maxUnavailable());
            steps.add(oldSize + "+" + newSize);
            if (oldSize == 0 && newSize == replicas && newAvailable == replicas) {
                return steps;
            }
            // by the next step, the ReplicaSet controller has brought both to size and the new pods are available
            sets.put("old", set("old", 1, oldSize, oldAvailable));
            sets.put("new", new RolloutSet("new", 2, newSize, newSize, newSize, replicas,
                    replicas + bounds.maxSurge(), true));
        }
        throw new AssertionError("the rollout did not finish: " + steps);
    }

    @Test
    void aRollingUpdateOfThreePodsWithTheDefaultBoundsAddsOneAndThenTakesOneDownAtATime() {
        // 25 % of 3: one pod of surge, none unavailable: at least 3 available, at most 4 in all
        assertThat(rollOut(3, new RolloutBounds(1, 0)))
                .containsExactly("3+1", "2+2", "1+3", "0+3");
    }

    @Test
    void aRollingUpdateOfTenPodsWithTheDefaultBoundsMovesFiveAtATime() {
        // 25 % of 10: 3 of surge, 2 unavailable: the first step creates 3, takes 2 old ones down and creates 2
        // more in their room; once those 5 are available, 5 old ones go and 5 new ones come
        assertThat(rollOut(10, new RolloutBounds(3, 2)))
                .containsExactly("8+5", "3+10", "0+10");
    }

    @Test
    void aRollingUpdateWithoutSurgeTakesPodsDownBeforeItReplacesThem() {
        // no pod above 4: each step takes an old pod down and starts a new one in its place
        assertThat(rollOut(4, new RolloutBounds(0, 1)))
                .containsExactly("3+1", "2+2", "1+3", "0+4", "0+4");
    }

    @Test
    void scalingInTheMiddleOfARolloutSpreadsTheNewPodsInProportionToEachReplicaSet() {
        // Kubernetes' documentation: 10 replicas, maxSurge 3, maxUnavailable 2, a rollout stuck on an image that
        // does not exist (8 old pods, 5 new ones never available); then scaled to 15
        RolloutBounds bounds = DeploymentDefaults.bounds(spec("3", "2"), 15);
        Rollout rollout = new Rollout(15, bounds,
                new RolloutSet("new", 2, 5, 5, 0, 10, 13, true),
                List.of(new RolloutSet("old", 1, 8, 8, 8, 10, 13, true)), 13);

        assertThat(rollout.scalingEvent()).isTrue();
        // the 5 more pods allowed (18 - 13) go 3 to the old ReplicaSet and 2 to the new one
        assertThat(RolloutPlanner.scale(rollout).replicas()).containsExactly(Map.entry("new", 7), Map.entry("old", 11));
    }

    @Test
    void scalingDownInTheMiddleOfARolloutTakesFromEachReplicaSetInProportion() {
        RolloutBounds bounds = DeploymentDefaults.bounds(spec("3", "2"), 5);
        Rollout rollout = new Rollout(5, bounds,
                new RolloutSet("new", 2, 5, 5, 0, 10, 13, true),
                List.of(new RolloutSet("old", 1, 8, 8, 8, 10, 13, true)), 13);

        // 8 allowed (5 + 3): 5 pods fewer, in proportion 8:5 of 13
        Map<String, Integer> sizes = RolloutPlanner.scale(rollout).replicas();
        assertThat(sizes.get("old") + sizes.get("new")).isEqualTo(8);
        assertThat(sizes).containsEntry("old", 5).containsEntry("new", 3);
    }

    @Test
    void scalingWithOneActiveReplicaSetGivesItTheNewCount() {
        Rollout rollout = new Rollout(7, new RolloutBounds(2, 1),
                new RolloutSet("new", 2, 4, 4, 4, 4, 5, true),
                List.of(new RolloutSet("old", 1, 0, 0, 0, 4, 5, true)), 4);

        assertThat(RolloutPlanner.scale(rollout).replicas()).containsEntry("new", 7).containsEntry("old", 0);
    }

    @Test
    void oldPodsThatAreNotAvailableGoFirstAndDoNotCountAsAvailable() {
        // 4 replicas, 1 of surge and 1 unavailable; the old ReplicaSet has 2 pods that never became available
        Rollout rollout = new Rollout(4, new RolloutBounds(1, 1),
                new RolloutSet("new", 2, 1, 1, 1, 4, 5, true),
                List.of(new RolloutSet("old", 1, 4, 4, 2, 4, 5, true)), 5);

        Step step = RolloutPlanner.rolling(rollout);

        // all pods: 5; at least 3 available; the new pod is available: 2 may go, the unavailable ones, and the
        // new ReplicaSet grows into their room
        assertThat(step.replicas()).containsEntry("old", 2).containsEntry("new", 3);
    }

    @Test
    void aStaleAvailableCountOfAReplicaSetJustScaledDownNeverTakesMorePodsDown() {
        // the old ReplicaSet was just scaled from 4 to 3; its controller still counts 4 available
        Rollout rollout = new Rollout(4, new RolloutBounds(1, 1),
                new RolloutSet("new", 2, 2, 2, 0, 4, 5, true),
                List.of(new RolloutSet("old", 1, 3, 4, 4, 4, 5, false)), 5);

        assertThat(RolloutPlanner.rolling(rollout).replicas()).containsEntry("old", 3);
    }

    @Test
    void recreateScalesTheOldPodsToZeroAndStartsTheNewOnesOnlyOnceTheyAreGone() {
        RolloutBounds none = new RolloutBounds(0, 0);
        Rollout running = new Rollout(3, none, null, List.of(set("old", 1, 3, 3)), 3);
        Step first = RolloutPlanner.recreate(running);
        assertThat(first.replicas()).containsEntry("old", 0);
        assertThat(first.create()).isNull();

        // scaled to 0, but two of its pods are still there
        Rollout draining = new Rollout(3, none, null,
                List.of(new RolloutSet("old", 1, 0, 2, 0, 3, 3, true)), 2);
        assertThat(RolloutPlanner.recreate(draining).create()).isNull();

        Rollout drained = new Rollout(3, none, null, List.of(new RolloutSet("old", 1, 0, 0, 0, 3, 3, true)), 0);
        assertThat(RolloutPlanner.recreate(drained).create()).isEqualTo(3);
    }

    @Test
    void historyKeepsTheNewestOldReplicaSetsThatHaveNoPodsLeft() {
        List<RolloutSet> old = List.of(set("r1", 1, 0, 0), set("r2", 2, 0, 0), set("r3", 3, 0, 0),
                new RolloutSet("r4", 4, 0, 1, 0, 3, 4, true));

        assertThat(RolloutPlanner.beyondHistory(old, 2)).containsExactly("r1", "r2");
        assertThat(RolloutPlanner.beyondHistory(old, 0)).containsExactly("r1", "r2", "r3"); // r4 still has a pod
        assertThat(RolloutPlanner.beyondHistory(old, 10)).isEmpty();
    }
}

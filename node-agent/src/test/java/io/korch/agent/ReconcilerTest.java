package io.korch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.agent.Action.Reasons;
import io.korch.agent.runtime.ContainerLabels;
import io.korch.agent.probe.ContainerHealth;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.api.Container;
import io.korch.api.Pod;
import io.korch.testkit.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reconcile step as a pure function: no Kafka, no runtime. */
class ReconcilerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = T0.plusSeconds(60);

    @Test
    void createsEveryContainerOfAnAssignedPodThatIsMissing() {
        // given
        Pod pod = Pods.pod("web").container("main", "sleep", "1").container("sidecar", "sleep", "1").build();

        // when
        List<Action> actions = Reconciler.plan(List.of(pod), List.of(), Map.of(), NOW);

        // then
        assertThat(actions).containsExactly(
                new Action.Create(pod, pod.getSpec().getContainers().get(0)),
                new Action.Create(pod, pod.getSpec().getContainers().get(1)));
    }

    @Test
    void adoptsARunningContainerOfAnAssignedPodInsteadOfCreatingAnother() {
        // given: a container an earlier agent process created
        Pod pod = Pods.pod("web").build();
        RuntimeContainer existing = Observed.of(pod, "main").running(T0);

        // when
        List<Action> actions = Reconciler.plan(List.of(pod), List.of(existing), Map.of(), NOW);

        // then
        assertThat(actions).isEmpty();
    }

    @Test
    void removesContainersOfPodsNoLongerAssigned() {
        // given
        Pod gone = Pods.pod("old").build();
        RuntimeContainer container = Observed.of(gone, "main").running(T0);

        // when
        List<Action> actions = Reconciler.plan(List.of(), List.of(container), Map.of(), NOW);

        // then
        assertThat(actions).containsExactly(
                new Action.Remove(container, Reasons.NOT_ASSIGNED, Reconciler.DEFAULT_GRACE_PERIOD));
    }

    @Test
    void givesTheContainerOfAnUnassignedPodTheGracePeriodItsPodHadWhenItWasCreated() {
        // given: the pod is gone from the assignment, but its container kept its grace period in a label
        Pod gone = Pods.pod("old").gracePeriodSeconds(4).build();
        RuntimeContainer container = Observed.of(gone, "main").gracePeriodLabel(4).running(T0);

        // when
        List<Action> actions = Reconciler.plan(List.of(), List.of(container), Map.of(), NOW);

        // then
        assertThat(actions).containsExactly(
                new Action.Remove(container, Reasons.NOT_ASSIGNED, Duration.ofSeconds(4)));
    }

    @Test
    void replacesTheContainerOfAPodWhoseUidChangedOnlyOnceTheOldOneIsGone() {
        // given: web was deleted and created again under the same name
        Pod before = Pods.pod("web").uid("uid-1").build();
        Pod after = Pods.pod("web").uid("uid-2").build();
        RuntimeContainer old = Observed.of(before, "main").running(T0);

        // when
        List<Action> first = Reconciler.plan(List.of(after), List.of(old), Map.of(), NOW);
        List<Action> second = Reconciler.plan(List.of(after), List.of(), Map.of(), NOW);

        // then: the name is free only after the removal
        assertThat(first).containsExactly(new Action.Remove(old, Reasons.REPLACED, Reconciler.DEFAULT_GRACE_PERIOD));
        assertThat(second).containsExactly(new Action.Create(after, after.getSpec().getContainers().get(0)));
    }

    @Test
    void doesNotCreateWhileTheRuntimeIsStillRemovingTheOldContainerOfTheSameName() {
        // given
        Pod before = Pods.pod("web").uid("uid-1").build();
        Pod after = Pods.pod("web").uid("uid-2").build();
        RuntimeContainer old = Observed.of(before, "main").running(T0);
        RuntimeContainer removing = new RuntimeContainer(old.id(), old.name(), old.image(), old.labels(),
                RuntimeContainer.State.REMOVING, null, T0, T0, null, false, null);

        // when
        List<Action> actions = Reconciler.plan(List.of(after), List.of(removing), Map.of(), NOW);

        // then
        assertThat(actions).isEmpty();
    }

    @Test
    void removesContainersMissingFromThePodSpecWithThePodsGracePeriod() {
        // given
        Pod pod = Pods.pod("web").gracePeriodSeconds(3).container("main", "sleep", "1").build();
        RuntimeContainer main = Observed.of(pod, "main").running(T0);
        RuntimeContainer stray = Observed.of(pod, "sidecar").running(T0);

        // when
        List<Action> actions = Reconciler.plan(List.of(pod), List.of(main, stray), Map.of(), NOW);

        // then
        assertThat(actions).containsExactly(new Action.Remove(stray, Reasons.NOT_IN_SPEC, Duration.ofSeconds(3)));
    }

    @Test
    void keepsTheRunningContainerAndRemovesDuplicatesOfTheSamePodContainer() {
        // given
        Pod pod = Pods.pod("web").build();
        RuntimeContainer exited = Observed.of(pod, "main").id("a").createdAt(T0.plusSeconds(5)).exited(1, T0, T0);
        RuntimeContainer running = Observed.of(pod, "main").id("b").running(T0);

        // when
        List<Action> actions = Reconciler.plan(List.of(pod), List.of(exited, running), Map.of(), NOW);

        // then
        assertThat(actions).containsExactly(
                new Action.Remove(exited, Reasons.DUPLICATE, Reconciler.DEFAULT_GRACE_PERIOD));
    }

    @Test
    void removesContainersOfTheNodeThatLackPodLabels() {
        // given
        RuntimeContainer unlabelled = new RuntimeContainer("x", "stray", Pods.IMAGE,
                Map.of(ContainerLabels.NODE, Observed.NODE), RuntimeContainer.State.RUNNING, null, T0, T0, null,
                false, null);

        // when
        List<Action> actions = Reconciler.plan(List.of(), List.of(unlabelled), Map.of(), NOW);

        // then
        assertThat(actions).containsExactly(
                new Action.Remove(unlabelled, Reasons.UNLABELLED, Reconciler.DEFAULT_GRACE_PERIOD));
    }

    @Test
    void startsAContainerThatWasCreatedButNeverStarted() {
        // given
        Pod pod = Pods.pod("web").build();
        RuntimeContainer created = Observed.of(pod, "main").created();

        // when
        List<Action> actions = Reconciler.plan(List.of(pod), List.of(created), Map.of(), NOW);

        // then
        assertThat(actions).containsExactly(new Action.Start(pod, pod.getSpec().getContainers().get(0), created));
    }

    @Test
    void restartsAnExitedContainerUnderAlwaysRightAfterItsFirstExitRememberingHowItEnded() {
        // given
        Pod pod = Pods.pod("web").build();
        Instant exit = NOW.minusMillis(100);
        RuntimeContainer exited = Observed.of(pod, "main").exited(137, exit.minusSeconds(2), exit);

        // when
        List<Action> actions = Reconciler.plan(List.of(pod), List.of(exited), Map.of(), NOW);

        // then
        assertThat(actions).singleElement().isInstanceOf(Action.Restart.class);
        ContainerHistory next = ((Action.Restart) actions.get(0)).next();
        assertThat(next.restartCount()).isEqualTo(1);
        assertThat(next.backOffLevel()).isEqualTo(1);
        assertThat(next.lastTermination().getExitCode()).isEqualTo(137);
        assertThat(next.lastTermination().getReason()).isEqualTo("Error");
        assertThat(next.lastTermination().getStartedAt()).isEqualTo(exit.minusSeconds(2));
        assertThat(next.lastTermination().getFinishedAt()).isEqualTo(exit);
    }

    @Test
    void announcesTheBackOffOnceWhileAnExitedContainerWaitsForItsRestart() {
        // given: restarted once already, exited again half a second ago: the restart is due after 10 s
        Pod pod = Pods.pod("web").build();
        Instant exit = NOW.minusMillis(500);
        RuntimeContainer exited = Observed.of(pod, "main").exited(1, exit.minusSeconds(2), exit);
        ContainerKey key = new ContainerKey(pod.getMetadata().getUid(), "main");
        ContainerHistory once = ContainerHistory.NEW.restarted(0);

        // when
        List<Action> first = Reconciler.plan(List.of(pod), List.of(exited), Map.of(key, once), NOW);
        List<Action> again = Reconciler.plan(List.of(pod), List.of(exited), Map.of(key, once.announced(exit)), NOW);

        // then
        assertThat(first).containsExactly(new Action.AnnounceBackOff(pod, pod.getSpec().getContainers().get(0),
                Duration.ofSeconds(10), once.announced(exit)));
        assertThat(again).isEmpty();
    }

    @Test
    void doublesTheBackOffWithEachConsecutiveQuickFailure() {
        // given: the fourth quick failure in a row
        Pod pod = Pods.pod("web").build();
        ContainerKey key = new ContainerKey(pod.getMetadata().getUid(), "main");
        ContainerHistory past = new ContainerHistory(3, 3, null, null, null, null);
        Instant exit = T0;
        RuntimeContainer exited = Observed.of(pod, "main").exited(1, exit.minusSeconds(1), exit);

        // when
        List<Action> early = Reconciler.plan(List.of(pod), List.of(exited), Map.of(key, past), exit.plusSeconds(39));
        List<Action> due = Reconciler.plan(List.of(pod), List.of(exited), Map.of(key, past), exit.plusSeconds(40));

        // then
        assertThat(early).singleElement().isInstanceOf(Action.AnnounceBackOff.class)
                .extracting(a -> ((Action.AnnounceBackOff) a).delay()).isEqualTo(Duration.ofSeconds(40));
        assertThat(due).singleElement().isInstanceOf(Action.Restart.class)
                .extracting(a -> ((Action.Restart) a).next().restartCount()).isEqualTo(4);
    }

    @Test
    void resetsTheBackOffWhenTheContainerRanTenMinutesOrMore() {
        // given: many failures before, but this run lasted 11 min
        Pod pod = Pods.pod("web").build();
        ContainerKey key = new ContainerKey(pod.getMetadata().getUid(), "main");
        ContainerHistory past = new ContainerHistory(6, 6, null, null, null, null);
        RuntimeContainer exited = Observed.of(pod, "main").exited(1, T0.minusSeconds(660), T0);

        // when
        List<Action> actions = Reconciler.plan(List.of(pod), List.of(exited), Map.of(key, past), T0.plusSeconds(1));

        // then
        assertThat(actions).singleElement().isInstanceOf(Action.Restart.class)
                .extracting(a -> ((Action.Restart) a).next().backOffLevel()).isEqualTo(1);
    }

    @Test
    void restartsUnderOnFailureOnlyAfterANonZeroExit() {
        // given
        Pod pod = Pods.pod("job").restartPolicy("OnFailure").build();
        RuntimeContainer succeeded = Observed.of(pod, "main").exited(0, T0, T0.plusSeconds(1));
        RuntimeContainer failed = Observed.of(pod, "main").exited(2, T0, T0.plusSeconds(1));

        // when
        List<Action> afterSuccess = Reconciler.plan(List.of(pod), List.of(succeeded), Map.of(), NOW);
        List<Action> afterFailure = Reconciler.plan(List.of(pod), List.of(failed), Map.of(), NOW);

        // then
        assertThat(afterSuccess).isEmpty();
        assertThat(afterFailure).singleElement().isInstanceOf(Action.Restart.class);
    }

    @Test
    void neverRestartsUnderNever() {
        // given
        Pod pod = Pods.pod("job").restartPolicy("Never").build();
        RuntimeContainer failed = Observed.of(pod, "main").exited(2, T0, T0.plusSeconds(1));

        // when
        List<Action> actions = Reconciler.plan(List.of(pod), List.of(failed), Map.of(), NOW);

        // then
        assertThat(actions).isEmpty();
    }

    @Test
    void waitsOutTheBackOffOfAFailedCreateBeforeTryingAgain() {
        // given: the image was missing at T0
        Pod pod = Pods.pod("web").build();
        ContainerKey key = new ContainerKey(pod.getMetadata().getUid(), "main");
        ContainerHistory failed = ContainerHistory.NEW.failed("ErrImageNeverPull", "no image", T0);

        // when
        List<Action> during = Reconciler.plan(List.of(pod), List.of(), Map.of(key, failed), T0.plusSeconds(9));
        List<Action> after = Reconciler.plan(List.of(pod), List.of(), Map.of(key, failed), T0.plusSeconds(10));

        // then
        assertThat(during).isEmpty();
        assertThat(after).containsExactly(new Action.Create(pod, pod.getSpec().getContainers().get(0)));
    }

    @Test
    void isIdempotentOnceItsActionsTookEffect() {
        // given: a pass created web's container, and it runs
        Pod web = Pods.pod("web").build();
        Pod old = Pods.pod("old").build();
        RuntimeContainer oldContainer = Observed.of(old, "main").running(T0);
        List<Action> first = Reconciler.plan(List.of(web), List.of(oldContainer), Map.of(), NOW);
        RuntimeContainer created = Observed.of(web, "main").running(NOW);

        // when: planning again on the state the actions produced, twice
        List<Action> second = Reconciler.plan(List.of(web), List.of(created), Map.of(), NOW.plusSeconds(1));
        List<Action> third = Reconciler.plan(List.of(web), List.of(created), Map.of(), NOW.plusSeconds(2));

        // then
        assertThat(first).hasSize(2);
        assertThat(second).isEmpty();
        assertThat(third).isEmpty();
    }

    @Test
    void forgetsTheHistoryOfPodsNoLongerAssigned() {
        // given
        Pod kept = Pods.pod("kept").build();
        ContainerKey keptKey = new ContainerKey("kept-uid", "main");
        ContainerKey goneKey = new ContainerKey("gone-uid", "main");
        Map<ContainerKey, ContainerHistory> history =
                Map.of(keptKey, ContainerHistory.adopted(2), goneKey, ContainerHistory.adopted(1));

        // when
        Map<ContainerKey, ContainerHistory> retained = Reconciler.retain(history, List.of(kept));

        // then
        assertThat(retained).containsOnlyKeys(keptKey);
    }

    @Test
    void backOffIsNoneFirstThenDoublesFromTenSecondsUpToFiveMinutes() {
        assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 7, 60).stream().map(BackOff::delay).map(Duration::toSeconds).toList())
                .containsExactly(0L, 10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L);
    }

    @Test
    void runsInitContainersOneAfterTheOtherBeforeTheAppContainers() {
        // given
        Pod pod = withInit(Pods.pod("web").build(), "first", "second");
        Container first = pod.getSpec().getInitContainers().get(0);
        Container second = pod.getSpec().getInitContainers().get(1);
        RuntimeContainer firstRunning = Observed.of(pod, "first").running(T0);
        RuntimeContainer firstDone = Observed.of(pod, "first").exited(0, T0, T0.plusSeconds(1));
        RuntimeContainer secondDone = Observed.of(pod, "second").exited(0, T0.plusSeconds(2), T0.plusSeconds(3));

        // when
        List<Action> atStart = Reconciler.plan(List.of(pod), List.of(), Map.of(), NOW);
        List<Action> whileFirstRuns = Reconciler.plan(List.of(pod), List.of(firstRunning), Map.of(), NOW);
        List<Action> afterFirst = Reconciler.plan(List.of(pod), List.of(firstDone), Map.of(), NOW);
        List<Action> afterBoth = Reconciler.plan(List.of(pod), List.of(firstDone, secondDone), Map.of(), NOW);

        // then
        assertThat(atStart).containsExactly(new Action.Create(pod, first));
        assertThat(whileFirstRuns).isEmpty();
        assertThat(afterFirst).containsExactly(new Action.Create(pod, second));
        assertThat(afterBoth).containsExactly(new Action.Create(pod, pod.getSpec().getContainers().get(0)));
    }

    @Test
    void restartsAFailedInitContainerUnlessThePolicyIsNever() {
        // given
        Pod always = withInit(Pods.pod("web").build(), "setup");
        Pod never = withInit(Pods.pod("job").restartPolicy("Never").build(), "setup");

        // when
        List<Action> underAlways = Reconciler.plan(List.of(always),
                List.of(Observed.of(always, "setup").exited(1, T0, T0.plusSeconds(1))), Map.of(), NOW);
        List<Action> underNever = Reconciler.plan(List.of(never),
                List.of(Observed.of(never, "setup").exited(1, T0, T0.plusSeconds(1))), Map.of(), NOW);

        // then
        assertThat(underAlways).singleElement().isInstanceOf(Action.Restart.class)
                .extracting(a -> ((Action.Restart) a).container().getName()).isEqualTo("setup");
        assertThat(underNever).isEmpty();
    }

    @Test
    void keepsCompletedInitContainersOnceTheAppContainersRun() {
        // given: the init container's record is gone, but the app container runs
        Pod pod = withInit(Pods.pod("web").build(), "setup");
        RuntimeContainer main = Observed.of(pod, "main").running(T0);

        // when
        List<Action> actions = Reconciler.plan(List.of(pod), List.of(main), Map.of(), NOW);

        // then
        assertThat(actions).isEmpty();
    }

    @Test
    void killsARunningContainerWhoseLivenessProbeFailedWithThePodsGracePeriod() {
        // given
        Pod pod = Pods.pod("web").gracePeriodSeconds(7).build();
        RuntimeContainer running = Observed.of(pod, "main").running(T0);
        ContainerHealth failed = new ContainerHealth(true, true, "Container main failed liveness probe", null);

        // when
        List<Action> actions = Reconciler.plan(List.of(pod), List.of(running), Map.of(),
                (spec, container) -> failed, NOW);

        // then
        assertThat(actions).containsExactly(new Action.Kill(pod, pod.getSpec().getContainers().get(0), running,
                "Container main failed liveness probe", Duration.ofSeconds(7)));
    }

    static Pod withInit(Pod pod, String... names) {
        List<Container> inits = new ArrayList<>();
        for (String name : names) {
            inits.add(Container.newBuilder().setName(name).setImage(Pods.IMAGE).setCommand(List.of("true")).build());
        }
        pod.getSpec().setInitContainers(inits);
        return pod;
    }
}

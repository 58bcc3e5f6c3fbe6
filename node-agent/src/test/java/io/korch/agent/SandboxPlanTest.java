package io.korch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.agent.Action.Reasons;
import io.korch.agent.probe.Health;
import io.korch.agent.runtime.ContainerLabels;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.api.Pod;
import io.korch.testkit.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reconcile step with pods in sandboxes: pure, no runtime. */
class SandboxPlanTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = T0.plusSeconds(60);

    @Test
    void createsTheContainersOfAPodThatHasNoSandboxYet() {
        // given
        Pod pod = Pods.pod("web").build();

        // when
        List<Action> actions = plan(List.of(pod), List.of());

        // then: the create makes the sandbox first
        assertThat(actions).containsExactly(new Action.Create(pod, pod.getSpec().getContainers().get(0)));
    }

    @Test
    void aRunningSandboxIsNoContainerOfThePodAndIsLeftAlone() {
        // given
        Pod pod = Pods.pod("web").build();
        RuntimeContainer sandbox = Observed.of(pod, ContainerLabels.SANDBOX).running(T0);
        RuntimeContainer main = Observed.of(pod, "main").running(T0);

        // when
        List<Action> actions = plan(List.of(pod), List.of(sandbox, main));

        // then
        assertThat(actions).isEmpty();
    }

    @Test
    void removesTheSandboxOfAPodThatLeftOnlyOnceItsContainersAreGone() {
        // given
        Pod gone = Pods.pod("web").build();
        RuntimeContainer sandbox = Observed.of(gone, ContainerLabels.SANDBOX).running(T0);
        RuntimeContainer main = Observed.of(gone, "main").running(T0);

        // when
        List<Action> first = plan(List.of(), List.of(sandbox, main));
        List<Action> after = plan(List.of(), List.of(sandbox));

        // then
        assertThat(first).extracting(a -> ((Action.Remove) a).container()).containsExactly(main);
        assertThat(after).containsExactly(new Action.Remove(sandbox, Reasons.NOT_ASSIGNED, Duration.ZERO));
    }

    @Test
    void aPodWhoseSandboxDiedHasItsContainersRemovedThenTheSandboxAndWaits() {
        // given
        Pod pod = Pods.pod("web").container("main", "sleep", "1").container("side", "sleep", "1").build();
        RuntimeContainer dead = Observed.of(pod, ContainerLabels.SANDBOX).exited(137, T0, T0.plusSeconds(5));
        RuntimeContainer main = Observed.of(pod, "main").running(T0);
        RuntimeContainer side = Observed.of(pod, "side").exited(1, T0, T0.plusSeconds(5));

        // when
        List<Action> first = plan(List.of(pod), List.of(dead, main, side));
        List<Action> then = plan(List.of(pod), List.of(dead));
        List<Action> last = plan(List.of(pod), List.of());

        // then
        assertThat(first).hasSize(2).allSatisfy(action -> {
            assertThat(action).isInstanceOf(Action.Remove.class);
            assertThat(((Action.Remove) action).reason()).isEqualTo(Reasons.SANDBOX_CHANGED);
        });
        assertThat(first).extracting(a -> ((Action.Remove) a).container()).containsExactlyInAnyOrder(main, side);
        assertThat(then).containsExactly(new Action.Remove(dead, Reasons.SANDBOX_CHANGED, Duration.ZERO));
        assertThat(last).hasSize(2).allMatch(action -> action instanceof Action.Create);
    }

    @Test
    void containersLeftWithoutASandboxAreRemovedSoThePodStartsOverInANewOne() {
        // given: the sandbox was removed under the running container
        Pod pod = Pods.pod("web").build();
        RuntimeContainer main = Observed.of(pod, "main").running(T0);

        // when
        List<Action> actions = plan(List.of(pod), List.of(main));

        // then
        assertThat(actions).containsExactly(new Action.Remove(main, Reasons.SANDBOX_CHANGED, Duration.ofSeconds(30),
                pod.getSpec().getContainers().get(0)));
    }

    @Test
    void keepsTheNewestOfTwoRunningSandboxes() {
        // given
        Pod pod = Pods.pod("web").build();
        RuntimeContainer older = Observed.of(pod, ContainerLabels.SANDBOX).id("old").running(T0);
        RuntimeContainer newer = Observed.of(pod, ContainerLabels.SANDBOX).id("new").createdAt(T0.plusSeconds(1))
                .running(T0.plusSeconds(1));
        RuntimeContainer main = Observed.of(pod, "main").running(T0);

        // when
        List<Action> actions = plan(List.of(pod), List.of(older, newer, main));

        // then
        assertThat(actions).containsExactly(new Action.Remove(older, Reasons.DUPLICATE, Duration.ZERO));
    }

    @Test
    void podsOnTheNodesNetworkNeedNoSandbox() {
        // given
        Pod pod = Pods.pod("web").build();
        RuntimeContainer main = Observed.of(pod, "main").running(T0);

        // when
        List<Action> actions = Reconciler.plan(List.of(pod), List.of(main), Map.of(), Health.NONE, p -> false, NOW);

        // then
        assertThat(actions).isEmpty();
    }

    private static List<Action> plan(List<Pod> desired, List<RuntimeContainer> observed) {
        return Reconciler.plan(desired, observed, Map.of(), Health.NONE, pod -> true, NOW);
    }
}

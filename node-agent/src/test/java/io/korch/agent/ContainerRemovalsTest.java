package io.korch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.agent.runtime.ContainerRuntime;
import io.korch.agent.runtime.ContainerSpec;
import io.korch.agent.runtime.ExecResult;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.api.Pod;
import io.korch.testkit.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Removing containers against a runtime that records its calls: no Kafka, no processes. */
class ContainerRemovalsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LONG_GRACE = Duration.ofMinutes(5);

    private final RecordingRuntime runtime = new RecordingRuntime();
    private final AtomicInteger ended = new AtomicInteger();
    private final ContainerRemovals removals = new ContainerRemovals(Observed.NODE, runtime, ended::incrementAndGet);

    @AfterEach
    void close() {
        removals.close();
    }

    @Test
    void stopsManyContainersAtOnceSoTheyAllGoAfterOneGracePeriod() {
        // given: containers that ignore their stop signal
        Duration grace = Duration.ofSeconds(1);
        List<RuntimeContainer> containers = IntStream.range(0, 3 * ContainerRemovals.WORKERS)
                .mapToObj(i -> Observed.of(pod("web-" + i), "main").running(T0))
                .toList();
        long start = System.nanoTime();

        // when
        containers.forEach(c -> assertThat(removals.remove(c, grace)).isTrue());

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.removed.size() == containers.size());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(runtime.signalled).hasSize(containers.size());
        assertThat(runtime.removedWithGrace.values()).as("killed once the grace period is over")
                .containsOnly(Duration.ZERO);
        assertThat(took).isGreaterThanOrEqualTo(grace).isLessThan(grace.multipliedBy(2));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(removals.ids()).isEmpty();
            assertThat(ended).hasValue(containers.size());
        });
    }

    @Test
    void aStoppedContainerThatIgnoresItsSignalIsKilledAfterItsGracePeriodAndKept() {
        // given: a container that ignores its stop signal, stopped for a restart
        RuntimeContainer container = Observed.of(pod("web"), "main").running(T0);

        // when
        assertThat(removals.stop(container, Duration.ofMillis(200), null)).isTrue();

        // then: killed, not removed, so that it is started again
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.killed.contains(container.id()));
        assertThat(runtime.signalled).containsExactly(container.id());
        assertThat(runtime.removed).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> ended.get() == 1);
    }

    @Test
    void neverStopsAContainerTwiceWhileItsRemovalIsUnderWay() {
        // given
        RuntimeContainer container = Observed.of(pod("web"), "main").running(T0);
        assertThat(removals.remove(container, LONG_GRACE)).isTrue();

        // when: the next passes plan its removal again
        boolean again = removals.remove(container, LONG_GRACE);
        removals.remove(container, Duration.ZERO);

        // then
        assertThat(again).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.signalled.size() == 1);
        assertThat(runtime.removed).isEmpty();
        assertThat(removals.ids()).containsExactly(container.id());
    }

    @Test
    void doesNotRemoveAgainAContainerThatAPassListedJustBeforeItWasRemoved() {
        // given: a pass lists the container, then its removal ends
        RuntimeContainer exited = Observed.of(pod("job"), "main").exited(0, T0, T0.plusSeconds(1));
        removals.observed(List.of(exited));
        removals.remove(exited, LONG_GRACE);
        await().atMost(Duration.ofSeconds(5)).until(() -> removals.ids().isEmpty());

        // when: that pass's plan names it again
        boolean again = removals.remove(exited, LONG_GRACE);

        // then
        assertThat(again).isFalse();
        assertThat(runtime.removed).containsExactly(exited.id());
    }

    @Test
    void removesAContainerOnceAPassSeesItStoppedWithoutWaitingOutTheGracePeriod() {
        // given: a container that got its stop signal
        Pod pod = pod("web");
        RuntimeContainer running = Observed.of(pod, "main").running(T0);
        removals.remove(running, LONG_GRACE);
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.signalled.size() == 1);

        // when: a pass lists it exited
        removals.observed(List.of(Observed.of(pod, "main").exited(143, T0, T0.plusSeconds(1))));

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.removed.contains(running.id()));
        assertThat(removals.ids()).isEmpty();
    }

    @Test
    void keepsWaitingWhileAPassSeesTheContainerStillRunning() {
        // given
        RuntimeContainer running = Observed.of(pod("web"), "main").running(T0);
        removals.remove(running, LONG_GRACE);
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.signalled.size() == 1);

        // when
        removals.observed(List.of(running));

        // then
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> runtime.removed.isEmpty());
        assertThat(removals.ids()).containsExactly(running.id());
    }

    @Test
    void removesAContainerThatIsNotRunningRightAwayWithoutSignallingIt() {
        // given
        RuntimeContainer exited = Observed.of(pod("job"), "main").exited(0, T0, T0.plusSeconds(1));

        // when
        removals.remove(exited, LONG_GRACE);

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.removed.contains(exited.id()));
        assertThat(runtime.signalled).isEmpty();
    }

    @Test
    void forgetsARemovalTheRuntimeRefusedSoALaterPassRetriesIt() {
        // given
        RuntimeContainer running = Observed.of(pod("web"), "main").running(T0);
        runtime.failing = true;
        removals.remove(running, LONG_GRACE);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(removals.ids()).isEmpty();
            assertThat(ended).hasValue(1);
        });

        // when
        runtime.failing = false;
        boolean retried = removals.remove(running, LONG_GRACE);

        // then
        assertThat(retried).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.signalled.contains(running.id()));
    }

    private static Pod pod(String name) {
        return Pods.pod(name).build();
    }

    /** Records stop signals and removals; its containers ignore their stop signal. */
    private static final class RecordingRuntime implements ContainerRuntime {
        final List<String> signalled = new CopyOnWriteArrayList<>();
        final List<String> killed = new CopyOnWriteArrayList<>();
        final List<String> removed = new CopyOnWriteArrayList<>();
        final Map<String, Duration> removedWithGrace = new ConcurrentHashMap<>();
        volatile boolean failing;

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public String version() {
            return "recording://1";
        }

        @Override
        public List<RuntimeContainer> list(String nodeName) {
            return List.of();
        }

        @Override
        public Optional<RuntimeContainer> inspect(String id) {
            return Optional.empty();
        }

        @Override
        public String create(ContainerSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void start(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendStopSignal(String id) {
            if (failing) {
                throw new IllegalStateException("runtime down");
            }
            signalled.add(id);
        }

        @Override
        public void kill(String id) {
            if (failing) {
                throw new IllegalStateException("runtime down");
            }
            killed.add(id);
        }

        @Override
        public void remove(String id, Duration gracePeriod) {
            if (failing) {
                throw new IllegalStateException("runtime down");
            }
            removedWithGrace.put(id, gracePeriod);
            removed.add(id);
        }

        @Override
        public ExecResult execCapture(String id, List<String> command, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> address(String id) {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    }
}

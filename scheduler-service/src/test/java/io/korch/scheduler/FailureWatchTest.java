package io.korch.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

/** How a failure of the Streams client reaches the scheduler's launcher. */
class FailureWatchTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FailureWatch watch = new FailureWatch();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void runsEveryHookOnceOnAThreadOfItsOwnWhenTheClientReachesError() {
        // given
        watch.onFailure(() -> ran.add("first on " + Thread.currentThread().getName()));
        watch.onFailure(() -> ran.add("second"));
        watch.uncaught(new IllegalStateException("boom"));

        // when
        watch.onChange(State.PENDING_ERROR, State.RUNNING);
        watch.onChange(State.ERROR, State.PENDING_ERROR);
        watch.onChange(State.ERROR, State.ERROR);

        // then
        await().atMost(WAIT).until(() -> ran.size() == 2);
        assertThat(ran).containsExactly("first on korch-scheduler-failure", "second");
        assertThat(watch.failed()).isTrue();
        assertThat(watch.cause()).hasMessage("boom");
    }

    @Test
    void runsAHookAddedAfterTheFailureAtOnce() {
        watch.onChange(State.ERROR, State.PENDING_ERROR);

        watch.onFailure(() -> ran.add("late"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(ran).containsExactly("late"));
    }

    @Test
    void runsNoHookWhenTheClientIsClosedOrRebalances() {
        watch.onFailure(() -> ran.add("hook"));

        watch.onChange(State.REBALANCING, State.RUNNING);
        watch.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
        watch.onChange(State.NOT_RUNNING, State.PENDING_SHUTDOWN);

        assertThat(watch.failed()).isFalse();
        assertThat(ran).isEmpty();
    }
}

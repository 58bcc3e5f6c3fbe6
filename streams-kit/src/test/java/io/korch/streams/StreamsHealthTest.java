package io.korch.streams;

import static org.apache.kafka.streams.KafkaStreams.State.CREATED;
import static org.apache.kafka.streams.KafkaStreams.State.ERROR;
import static org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING;
import static org.apache.kafka.streams.KafkaStreams.State.PENDING_ERROR;
import static org.apache.kafka.streams.KafkaStreams.State.PENDING_SHUTDOWN;
import static org.apache.kafka.streams.KafkaStreams.State.REBALANCING;
import static org.apache.kafka.streams.KafkaStreams.State.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** How the state of a Streams client becomes its health and reaches the failure listeners. */
class StreamsHealthTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final StreamsRole ROLE = new StreamsRole("scheduler", "no pod is placed", WAIT, WAIT);

    /** Runs its listeners on the calling thread. */
    private final StreamsHealth health = new StreamsHealth(ROLE, Runnable::run);
    private final AtomicInteger failures = new AtomicInteger();
    /** Runs its listeners on a thread of their own, as in a service. */
    private final StreamsHealth watch = new StreamsHealth(ROLE);
    private final List<String> ran = new CopyOnWriteArrayList<>();

    private void started() {
        health.onChange(REBALANCING, CREATED);
        health.onChange(RUNNING, REBALANCING);
        health.onFailure(failures::incrementAndGet);
    }

    @Test
    void isHealthyWhileRunningOrRebalancing() {
        started();

        assertThat(health.running()).isCompleted();
        assertThat(health.healthy()).isTrue();
        health.onChange(REBALANCING, RUNNING);
        assertThat(health.healthy()).isTrue();
        assertThat(failures).hasValue(0);
    }

    @Test
    void tellsItsListenersOnceWhenTheClientReachesError() {
        // given
        started();

        // when a stream thread dies and the client shuts down to ERROR
        assertThat(health.uncaught(new IllegalStateException("bug")))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        health.onChange(PENDING_ERROR, RUNNING);
        assertThat(health.healthy()).isFalse();
        assertThat(failures).hasValue(0);
        health.onChange(ERROR, PENDING_ERROR);

        // then
        assertThat(failures).hasValue(1);
        assertThat(health.healthy()).isFalse();

        // and a listener added later runs at once; the first runs no more
        AtomicInteger late = new AtomicInteger();
        health.onFailure(late::incrementAndGet);
        health.onChange(ERROR, ERROR);
        assertThat(late).hasValue(1);
        assertThat(failures).hasValue(1);
    }

    @Test
    void tellsItsListenersWhenTheClientShutsDownWithoutBeingClosed() {
        started();

        health.onChange(PENDING_SHUTDOWN, RUNNING);
        assertThat(health.healthy()).isFalse();
        health.onChange(NOT_RUNNING, PENDING_SHUTDOWN);

        assertThat(failures).hasValue(1);
    }

    @Test
    void aCloseIsNoFailure() {
        started();

        health.closing();
        health.onChange(PENDING_SHUTDOWN, RUNNING);
        health.onChange(NOT_RUNNING, PENDING_SHUTDOWN);

        assertThat(failures).hasValue(0);
        assertThat(health.healthy()).isFalse();
    }

    @Test
    void aFailureBeforeRunningFailsTheStart() {
        health.onChange(REBALANCING, CREATED);
        health.uncaught(new IllegalStateException("cannot create changelog topics"));
        health.onChange(PENDING_ERROR, REBALANCING);

        assertThat(health.running()).isCompletedExceptionally();
    }

    @Test
    void runsEveryHookOnceOnAThreadOfItsOwnWhenTheClientReachesError() {
        // given
        watch.onFailure(() -> ran.add("first on " + Thread.currentThread().getName()));
        watch.onFailure(() -> ran.add("second"));
        watch.uncaught(new IllegalStateException("boom"));

        // when
        watch.onChange(PENDING_ERROR, RUNNING);
        watch.onChange(ERROR, PENDING_ERROR);
        watch.onChange(ERROR, ERROR);

        // then
        await().atMost(WAIT).until(() -> ran.size() == 2);
        assertThat(ran).containsExactly("first on korch-scheduler-failure", "second");
        assertThat(watch.failed()).isTrue();
        assertThat(watch.cause()).hasMessage("boom");
    }

    @Test
    void runsAHookAddedAfterTheFailureAtOnce() {
        watch.onChange(ERROR, PENDING_ERROR);

        watch.onFailure(() -> ran.add("late"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(ran).containsExactly("late"));
    }

    @Test
    void runsNoHookWhenTheClientIsClosedOrRebalances() {
        watch.onFailure(() -> ran.add("hook"));

        watch.onChange(REBALANCING, RUNNING);
        watch.closing();
        watch.onChange(PENDING_SHUTDOWN, RUNNING);
        watch.onChange(NOT_RUNNING, PENDING_SHUTDOWN);

        assertThat(watch.failed()).isFalse();
        assertThat(ran).isEmpty();
    }
}

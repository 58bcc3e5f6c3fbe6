package io.korch.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.kafka.streams.KafkaStreams.State.CREATED;
import static org.apache.kafka.streams.KafkaStreams.State.ERROR;
import static org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING;
import static org.apache.kafka.streams.KafkaStreams.State.PENDING_ERROR;
import static org.apache.kafka.streams.KafkaStreams.State.PENDING_SHUTDOWN;
import static org.apache.kafka.streams.KafkaStreams.State.REBALANCING;
import static org.apache.kafka.streams.KafkaStreams.State.RUNNING;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** The state-listener logic of {@link ControllersApp}, with listeners run on the calling thread. */
class StreamsHealthTest {

    private final StreamsHealth health = new StreamsHealth(Runnable::run);
    private final AtomicInteger failures = new AtomicInteger();

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
        assertThat(health.uncaught(new IllegalStateException("bug"))).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
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
}

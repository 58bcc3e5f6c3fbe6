package io.korch.gateway.resource;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests of per-key serialization of writes, with plain Vert.x futures. */
class KeyedQueueTest {

    private final KeyedQueue queue = new KeyedQueue();

    @Test
    void runsOperationsOnOneKeyOneAfterTheOther() {
        List<String> started = new ArrayList<>();
        Promise<String> first = Promise.promise();
        queue.run("k", () -> {
            started.add("first");
            return first.future();
        });
        Future<String> second = queue.run("k", () -> {
            started.add("second");
            return Future.succeededFuture("done");
        });

        assertThat(started).containsExactly("first");
        first.complete("ok");
        assertThat(started).containsExactly("first", "second");
        assertThat(second.result()).isEqualTo("done");
        assertThat(queue.busy("k")).isFalse();
    }

    @Test
    void runsOperationsOnOtherKeysAtOnce() {
        Promise<String> blocked = Promise.promise();
        queue.run("a", blocked::future);

        Future<String> other = queue.run("b", () -> Future.succeededFuture("b"));

        assertThat(other.succeeded()).isTrue();
    }

    @Test
    void aFailedOperationDoesNotStopTheNextOne() {
        Future<String> failed = queue.run("k", () -> {
            throw new IllegalStateException("boom");
        });
        Future<String> next = queue.run("k", () -> Future.succeededFuture("next"));

        assertThat(failed.failed()).isTrue();
        assertThat(next.result()).isEqualTo("next");
    }
}

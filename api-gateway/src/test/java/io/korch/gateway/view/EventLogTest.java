package io.korch.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Event;
import io.korch.model.Events;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Tests of the bounded per-namespace event memory. */
class EventLogTest {

    private static Event event(String namespace, String pod, int second) {
        return Events.of(Events.ref("Pod", namespace, pod, "u"), Events.NORMAL, "Started", "started",
                "agent", "node-1", Instant.ofEpochSecond(second));
    }

    @Test
    void forgetsTheOldestEventsOfANamespaceBeyondItsCapacity() {
        EventLog log = new EventLog(2);
        log.add(event("default", "a", 1));
        log.add(event("default", "b", 2));
        log.add(event("default", "c", 3));
        log.add(event("other", "d", 4));

        assertThat(log.list("default", e -> true)).extracting(e -> e.getInvolvedObject().getName())
                .containsExactly("b", "c");
        assertThat(log.list(null, e -> true)).hasSize(3);
    }

    @Test
    void listsEventsOldestFirstAcrossNamespaces() {
        EventLog log = new EventLog();
        log.add(event("b", "late", 9));
        log.add(event("a", "early", 1));

        assertThat(log.list(null, e -> true)).extracting(e -> e.getInvolvedObject().getName())
                .containsExactly("early", "late");
    }
}

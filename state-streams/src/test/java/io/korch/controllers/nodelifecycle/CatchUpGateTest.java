package io.korch.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CatchUpGateTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(5);

    @Test
    void isClosedAtStart() {
        CatchUpGate gate = new CatchUpGate(GRACE, T0);

        gate.tick(T0.plusSeconds(4));

        assertThat(gate.watchingSince()).isNull();
    }

    @Test
    void opensOnTheFirstFreshHeartbeat() {
        CatchUpGate gate = new CatchUpGate(GRACE, T0);

        gate.heartbeatProcessed(T0.plusSeconds(1), T0.plusSeconds(2));
        gate.heartbeatProcessed(T0.plusSeconds(3), T0.plusSeconds(3));

        assertThat(gate.watchingSince()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void staysClosedWhileReadingABacklog() {
        // given a controller reading heartbeats sent a minute ago
        CatchUpGate gate = new CatchUpGate(GRACE, T0);

        // when it processes them, a little at a time
        for (int i = 0; i < 20; i++) {
            Instant now = T0.plusSeconds(i);
            gate.heartbeatProcessed(now.minusSeconds(60), now);
            gate.tick(now);
        }

        // then
        assertThat(gate.watchingSince()).isNull();
    }

    @Test
    void opensWhenTheInputStaysQuietForTheGracePeriod() {
        CatchUpGate gate = new CatchUpGate(GRACE, T0);
        gate.heartbeatProcessed(T0.minusSeconds(60), T0.plusSeconds(1));

        gate.tick(T0.plusSeconds(5));
        assertThat(gate.watchingSince()).isNull();
        gate.tick(T0.plusSeconds(6));

        assertThat(gate.watchingSince()).isEqualTo(T0.plusSeconds(6));
    }

    @Test
    void closesAgainWhenTheControllerFallsBehind() {
        // given a gate open since T0
        CatchUpGate gate = new CatchUpGate(GRACE, T0);
        gate.heartbeatProcessed(T0, T0);

        // when a heartbeat older than half the grace period is processed
        gate.heartbeatProcessed(T0.plusSeconds(1), T0.plusSeconds(4));

        // then it is closed, and reopens from the next fresh heartbeat
        assertThat(gate.watchingSince()).isNull();
        gate.heartbeatProcessed(T0.plusSeconds(5), T0.plusSeconds(5));
        assertThat(gate.watchingSince()).isEqualTo(T0.plusSeconds(5));
    }
}

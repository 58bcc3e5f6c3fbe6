package io.korch.agent.hollow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How heartbeats are spread over the interval. */
class HollowHeartbeatsTest {

    @Test
    void spreadsEveryNodeOverOneIntervalExactlyOnce() {
        // given: 5,000 nodes at 1 s, ticks of 50 ms
        int slices = HollowHeartbeats.slices(Duration.ofSeconds(1));

        // when
        List<Integer> beaten = new ArrayList<>();
        List<Integer> perTick = new ArrayList<>();
        for (long tick = 100; tick < 100 + slices; tick++) {
            List<Integer> slice = HollowHeartbeats.slice(5_000, slices, tick);
            beaten.addAll(slice);
            perTick.add(slice.size());
        }

        // then
        assertThat(slices).isEqualTo(20);
        assertThat(beaten).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 5_000).boxed().toList());
        assertThat(perTick).containsOnly(250);
    }

    @Test
    void beatsEveryNodeEveryTickWhenTheIntervalIsShorterThanATick() {
        // when
        int slices = HollowHeartbeats.slices(Duration.ofMillis(20));

        // then
        assertThat(slices).isEqualTo(1);
        assertThat(HollowHeartbeats.slice(3, slices, 7)).containsExactly(0, 1, 2);
    }
}

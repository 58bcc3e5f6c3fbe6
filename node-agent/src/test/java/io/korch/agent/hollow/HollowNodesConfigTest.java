package io.korch.agent.hollow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Validation and naming of hollow nodes. */
class HollowNodesConfigTest {

    @Test
    void namesNodesFromOneToCount() {
        // given
        HollowNodesConfig config = HollowNodesConfig.defaults("k:9092", 3);

        // then
        assertThat(config.nodeName(1)).isEqualTo("hollow-1");
        assertThat(config.nodeName(3)).isEqualTo("hollow-3");
    }

    @Test
    void refusesANonPositiveCount() {
        assertThatThrownBy(() -> HollowNodesConfig.defaults("k:9092", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count must be positive: 0");
    }

    @Test
    void refusesAPrefixThatMakesAnInvalidNodeName() {
        assertThatThrownBy(() -> new HollowNodesConfig("k:9092", 2, "Hollow_", 1_000, 1L << 30, 10,
                Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid node name \"Hollow_1\" from prefix \"Hollow_\"");
    }
}

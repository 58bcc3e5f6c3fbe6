package io.korch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.errors.ProcessorStateException;
import org.junit.jupiter.api.Test;

/** Which processing errors a rule lets an application skip. */
class SkipRuleTest {

    @Test
    void skipsOnlyErrorsOfItsProcessors() {
        SkipRule rule = SkipRule.inProcessors("placer");

        assertThat(rule.skips("placer", new IllegalStateException("bug"))).isTrue();
        assertThat(rule.skips("sink", new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void skipsOnlyErrorsOfItsType() {
        SkipRule rule = SkipRule.exceptionsOfType(IllegalArgumentException.class);

        assertThat(rule.skips("any", new IllegalArgumentException("planned"))).isTrue();
        assertThat(rule.skips("any", new IllegalStateException("applied"))).isFalse();
    }

    @Test
    void neverSkipsKafkasOwnErrors() {
        assertThat(SkipRule.inProcessors("placer").skips("placer", new ProcessorStateException("disk"))).isFalse();
        assertThat(SkipRule.exceptionsOfType(RuntimeException.class).skips("any", new ProcessorStateException("disk")))
                .isFalse();
    }
}

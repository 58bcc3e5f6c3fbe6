package io.korch.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which processing errors the controllers skip ({@link ControllersConfig#SKIP_RULE}) and which stop them. */
class ReconcileSkipRuleTest {

    private static final String PROCESSOR = "deployment-controller";

    @Test
    void skipsARecordWhoseStepFailedBeforeItChangedAnything() {
        Exception failure = new ReconcileException("the record at key default/web", new IllegalStateException("bug"));

        assertThat(ControllersConfig.SKIP_RULE.skips(PROCESSOR, failure)).isTrue();
    }

    @Test
    void stopsOnAnyOtherFailureSinceItMayHaveComeHalfwayThroughAStep() {
        assertThat(ControllersConfig.SKIP_RULE.skips(PROCESSOR, new IllegalStateException("while applying"))).isFalse();
        assertThat(ControllersConfig.SKIP_RULE.skips(PROCESSOR, new IllegalStateException("in a punctuator"))).isFalse();
    }
}

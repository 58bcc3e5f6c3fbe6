package io.korch.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which errors the scheduler skips ({@link SchedulerTopology#SKIP_RULE}) and which still fail the task. */
class SchedulingSkipRuleTest {

    private static final boolean SKIP = true;
    private static final boolean FAIL = false;

    static Stream<Arguments> cases() {
        return Stream.of(
                // a computation of the placer or the binder failed: it wrote nothing, skip the record
                Arguments.of(SchedulerTopology.PLACER, new IllegalStateException("bug"), SKIP),
                Arguments.of(SchedulerTopology.PLACER, new NullPointerException(), SKIP),
                Arguments.of(SchedulerTopology.BINDER, new IllegalStateException("bug"), SKIP),
                // a store or sink failed while writing: the step may be half-written, abort
                Arguments.of(SchedulerTopology.PLACER, new ProcessorStateException("disk"), FAIL),
                Arguments.of(SchedulerTopology.PLACER, new StreamsException("send"), FAIL),
                Arguments.of(SchedulerTopology.PLACER, new SerializationException("serde"), FAIL),
                // other nodes make no compute-before-write promise
                Arguments.of(SchedulerTopology.BINDINGS_SINK, new IllegalStateException("bug"), FAIL),
                Arguments.of("korch.pods-tag", new IllegalStateException("bug"), FAIL));
    }

    @ParameterizedTest(name = "{1} in {0} -> skipped: {2}")
    @MethodSource("cases")
    void skipsOnlyComputationErrorsOfTheSchedulingProcessor(String node, Exception error, boolean skipped) {
        assertThat(SchedulerTopology.SKIP_RULE.skips(node, error)).isEqualTo(skipped);
    }
}

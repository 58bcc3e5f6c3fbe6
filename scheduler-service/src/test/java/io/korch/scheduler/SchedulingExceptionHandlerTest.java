package io.korch.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.ProcessingHandlerResponse;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which errors the scheduler skips and which still fail the task. */
class SchedulingExceptionHandlerTest {

    private final SchedulingExceptionHandler handler = new SchedulingExceptionHandler();

    static Stream<Arguments> cases() {
        return Stream.of(
                // a computation of the placer or the binder failed: it wrote nothing, skip the record
                Arguments.of(SchedulerTopology.PLACER, new IllegalStateException("bug"), ProcessingHandlerResponse.CONTINUE),
                Arguments.of(SchedulerTopology.PLACER, new NullPointerException(), ProcessingHandlerResponse.CONTINUE),
                Arguments.of(SchedulerTopology.BINDER, new IllegalStateException("bug"), ProcessingHandlerResponse.CONTINUE),
                // a store or sink failed while writing: the step may be half-written, abort
                Arguments.of(SchedulerTopology.PLACER, new ProcessorStateException("disk"), ProcessingHandlerResponse.FAIL),
                Arguments.of(SchedulerTopology.PLACER, new StreamsException("send"), ProcessingHandlerResponse.FAIL),
                Arguments.of(SchedulerTopology.PLACER, new SerializationException("serde"), ProcessingHandlerResponse.FAIL),
                // other nodes make no compute-before-write promise
                Arguments.of(SchedulerTopology.BINDINGS_SINK, new IllegalStateException("bug"), ProcessingHandlerResponse.FAIL),
                Arguments.of("korch.pods-tag", new IllegalStateException("bug"), ProcessingHandlerResponse.FAIL));
    }

    @ParameterizedTest(name = "{1} in {0} -> {2}")
    @MethodSource("cases")
    void skipsOnlyComputationErrorsOfTheSchedulingProcessor(String node, Exception error,
                                                           ProcessingHandlerResponse expected) {
        assertThat(handler.handle(context(node), new Record<>("default/web", "value", 0L), error)).isEqualTo(expected);
        assertThat(handler.handle(context(node), null, error)).isEqualTo(expected);
    }

    private static ErrorHandlerContext context(String node) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return "korch.pods";
            }

            @Override
            public int partition() {
                return 0;
            }

            @Override
            public long offset() {
                return 42;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return node;
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 0);
            }

            @Override
            public long timestamp() {
                return 0;
            }

            @Override
            public byte[] sourceRawKey() {
                return null;
            }

            @Override
            public byte[] sourceRawValue() {
                return null;
            }
        };
    }
}

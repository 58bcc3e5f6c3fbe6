package io.korch.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.ProcessingHandlerResponse;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class ReconcileExceptionHandlerTest {

    private final ReconcileExceptionHandler handler = new ReconcileExceptionHandler();
    private final Record<String, String> record = new Record<>("default/web", "value", 0L);

    @Test
    void skipsARecordWhoseStepFailedBeforeItChangedAnything() {
        Exception failure = new ReconcileException("the record at key default/web", new IllegalStateException("bug"));

        assertThat(handler.handle(new Context(), record, failure)).isEqualTo(ProcessingHandlerResponse.CONTINUE);
    }

    @Test
    void stopsOnAnyOtherFailureSinceItMayHaveComeHalfwayThroughAStep() {
        assertThat(handler.handle(new Context(), record, new IllegalStateException("while applying")))
                .isEqualTo(ProcessingHandlerResponse.FAIL);
        assertThat(handler.handle(new Context(), null, new IllegalStateException("in a punctuator")))
                .isEqualTo(ProcessingHandlerResponse.FAIL);
    }

    /** The context of a record of korch.deployments at offset 7. */
    private static final class Context implements ErrorHandlerContext {
        @Override
        public String topic() {
            return "korch.deployments";
        }

        @Override
        public int partition() {
            return 0;
        }

        @Override
        public long offset() {
            return 7;
        }

        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "deployment-controller";
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
    }
}

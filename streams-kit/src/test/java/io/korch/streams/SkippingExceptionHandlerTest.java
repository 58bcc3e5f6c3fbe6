package io.korch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.ProcessingHandlerResponse;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** How the handler answers Kafka Streams for a record or a punctuation, by the application's rule. */
class SkippingExceptionHandlerTest {

    private final SkippingExceptionHandler handler = new SkippingExceptionHandler(SkipRule.inProcessors("placer"));
    private final Record<String, String> record = new Record<>("default/web", "value", 0L);

    @Test
    void continuesPastAnErrorTheRuleSkips() {
        assertThat(handler.handle(new Context("placer"), record, new IllegalStateException("bug")))
                .isEqualTo(ProcessingHandlerResponse.CONTINUE);
        assertThat(handler.handle(new Context("placer"), null, new IllegalStateException("in a punctuator")))
                .isEqualTo(ProcessingHandlerResponse.CONTINUE);
    }

    @Test
    void failsOnAnyOtherError() {
        assertThat(handler.handle(new Context("sink"), record, new IllegalStateException("bug")))
                .isEqualTo(ProcessingHandlerResponse.FAIL);
        assertThat(handler.handle(new Context("sink"), null, new IllegalStateException("in a punctuator")))
                .isEqualTo(ProcessingHandlerResponse.FAIL);
    }

    @Test
    void takesItsRuleFromTheStreamsConfiguration() {
        Map<String, Object> configs = new HashMap<>();
        StreamsConfigs.of(new StreamsSettings("127.0.0.1:9", "app", Path.of("state"), SkipRule.inProcessors("binder")))
                .forEach((key, value) -> configs.put(key.toString(), value));
        SkippingExceptionHandler configured = new SkippingExceptionHandler();

        configured.configure(configs);

        assertThat(configured.handle(new Context("binder"), record, new IllegalStateException("bug")))
                .isEqualTo(ProcessingHandlerResponse.CONTINUE);
        assertThat(configured.handle(new Context("placer"), record, new IllegalStateException("bug")))
                .isEqualTo(ProcessingHandlerResponse.FAIL);
    }

    /** The context of a record of korch.pods at offset 7 in processor {@code node}. */
    private record Context(String processorNodeId) implements ErrorHandlerContext {
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
            return 7;
        }

        @Override
        public Headers headers() {
            return new RecordHeaders();
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

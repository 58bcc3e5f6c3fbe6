package io.korch.streams;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens when a processor or punctuator throws, so that one bad object does not stop
 * a whole application: an error its {@link SkipRule} allows is logged and the record (or the
 * punctuation) skipped, and processing goes on with the next one instead of failing on the same
 * record after every restart. Any other error may have come halfway through a step, after some
 * store writes or output records: the task fails and exactly-once processing aborts its open
 * transaction, so none of them is ever committed.
 *
 * <p>Kafka Streams creates the handler from the configuration {@link StreamsConfigs} builds, which
 * carries the application's rule.
 */
public final class SkippingExceptionHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SkippingExceptionHandler.class);

    private SkipRule rule;
    private String application = "";

    /** A handler that Kafka Streams then {@link #configure configures}. */
    public SkippingExceptionHandler() {
    }

    /** A handler applying {@code rule}, as configured. */
    public SkippingExceptionHandler(SkipRule rule) {
        this.rule = rule;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        rule = SkipRule.readFrom(configs);
        Object applicationId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        application = applicationId == null ? "" : applicationId + ": ";
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String trigger = record == null ? "a punctuation" : "the record at key " + record.key();
        if (rule.skips(context.processorNodeId(), exception)) {
            LOG.error("{}processor {} skipped {} of {}-{} offset {} in task {}: {}", application,
                    context.processorNodeId(), trigger, context.topic(), context.partition(), context.offset(),
                    context.taskId(), exception.getMessage(), exception);
            return ProcessingHandlerResponse.CONTINUE;
        }
        LOG.error("{}processor {} failed on {} of {}-{} offset {}, possibly halfway through a step; stopping",
                application, context.processorNodeId(), trigger, context.topic(), context.partition(),
                context.offset(), exception);
        return ProcessingHandlerResponse.FAIL;
    }
}

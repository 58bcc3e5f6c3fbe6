package io.korch.scheduler;

import io.korch.scheduler.placer.PlacerProcessor;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one unexpected error from stopping all placement: when the placer or the binder throws on a
 * record (or the placer in a retry round), the error is logged and the record skipped, so the
 * scheduler goes on with the next one instead of shutting down and failing on the same record after
 * every restart.
 *
 * <p>Skipping is safe only because each processor computes everything that can throw before it
 * writes anything (see its Javadoc): under exactly-once the skipped record's offset commits with
 * whatever the processor wrote, and it wrote nothing for the step that threw. So the handler skips
 * only what that promise covers, and lets the task fail (the transaction aborts, nothing is
 * half-applied) for:
 * <ul>
 *   <li>Kafka's own exceptions ({@link KafkaException}, which includes every {@code StreamsException}):
 *       a store or a sink failed while writing, so the step may be half-written;</li>
 *   <li>any error in another processor node (the input taggers, the sinks), which make no such promise.</li>
 * </ul>
 */
public final class SchedulingExceptionHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulingExceptionHandler.class);

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (!skippable(context.processorNodeId(), exception)) {
            return ProcessingHandlerResponse.FAIL;
        }
        if (record == null) {
            LOG.error("scheduler: a retry round failed in task {} and was cut short; it runs again in {} ms",
                    context.taskId(), PlacerProcessor.RETRY_INTERVAL.toMillis(), exception);
        } else {
            LOG.error("scheduler: skipped the record with key {} ({}-{} offset {}) after an unexpected error;"
                    + " it is not retried",
                    record.key(), context.topic(), context.partition(), context.offset(), exception);
        }
        return ProcessingHandlerResponse.CONTINUE;
    }

    /** True when {@code exception}, thrown in the processor node {@code processorNodeId}, may be skipped. */
    static boolean skippable(String processorNodeId, Exception exception) {
        return (SchedulerTopology.PLACER.equals(processorNodeId) || SchedulerTopology.BINDER.equals(processorNodeId))
                && !(exception instanceof KafkaException);
    }
}

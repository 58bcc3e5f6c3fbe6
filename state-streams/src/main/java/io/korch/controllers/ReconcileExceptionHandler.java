package io.korch.controllers;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens when a controller processor or punctuator throws. A
 * {@link ReconcileException} was raised while a step was planned, before it touched anything: the
 * record is logged and skipped, so one bad object does not stop every controller. Any other
 * exception may have come halfway through applying a step, after some store writes or output
 * records: the application fails, and exactly-once processing aborts its open transaction, so
 * neither those writes nor those records are ever committed.
 */
public final class ReconcileExceptionHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileExceptionHandler.class);

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String trigger = record == null ? "a punctuation" : "the record at key " + record.key();
        if (exception instanceof ReconcileException) {
            LOG.error("processor {} skipped {} of {}-{} offset {}: {}", context.processorNodeId(), trigger,
                    context.topic(), context.partition(), context.offset(), exception.getMessage(), exception);
            return ProcessingHandlerResponse.CONTINUE;
        }
        LOG.error("processor {} failed on {} of {}-{} offset {}, possibly halfway through a step; stopping",
                context.processorNodeId(), trigger, context.topic(), context.partition(), context.offset(), exception);
        return ProcessingHandlerResponse.FAIL;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }
}

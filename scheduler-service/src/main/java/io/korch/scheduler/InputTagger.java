package io.korch.scheduler;

import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Wraps each record of one source topic into its {@link SchedulerInput} kind and forwards it, so
 * one processor can take several topics and still tell their tombstones apart.
 *
 * @param <V> the value type of the source topic
 */
final class InputTagger<V> implements Processor<String, V, String, SchedulerInput> {

    private final Function<V, SchedulerInput> tag;
    private ProcessorContext<String, SchedulerInput> context;

    InputTagger(Function<V, SchedulerInput> tag) {
        this.tag = tag;
    }

    @Override
    public void init(ProcessorContext<String, SchedulerInput> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, V> record) {
        context.forward(record.withValue(tag.apply(record.value())));
    }
}

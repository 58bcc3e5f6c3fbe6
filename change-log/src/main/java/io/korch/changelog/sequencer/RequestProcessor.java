package io.korch.changelog.sequencer;

import io.korch.api.WriteRequest;
import java.time.Clock;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Hands each gateway's {@link WriteRequest} to the {@link Sequencer}. */
public final class RequestProcessor implements Processor<String, WriteRequest, String, Object> {

    private final Clock clock;
    private Sequencer sequencer;

    public RequestProcessor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        sequencer = new Sequencer(context, clock);
    }

    @Override
    public void process(Record<String, WriteRequest> record) {
        if (record.value() != null) {
            sequencer.apply(record.value());
        }
    }
}

package io.korch.changelog.sequencer;

import io.korch.api.ChangeFeedEntry;
import java.time.Clock;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Hands each entry of the change feed to the {@link Sequencer}. */
public final class FeedProcessor implements Processor<String, ChangeFeedEntry, String, Object> {

    private final Clock clock;
    private Sequencer sequencer;

    public FeedProcessor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        sequencer = new Sequencer(context, clock);
    }

    @Override
    public void process(Record<String, ChangeFeedEntry> record) {
        if (record.value() != null) {
            sequencer.recordFeedEntry(record.value());
        }
    }
}

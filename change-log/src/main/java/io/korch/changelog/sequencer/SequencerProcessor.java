package io.korch.changelog.sequencer;

import io.korch.api.ChangeFeedEntry;
import io.korch.api.WriteRequest;
import java.time.Clock;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Hands each record of one of the sequencer's inputs to the {@link Sequencer}: a gateway's
 * {@link WriteRequest} ({@link #requests}) or an entry of the change feed ({@link #feed}).
 *
 * @param <V> the input's value type
 */
public final class SequencerProcessor<V> implements Processor<String, V, String, Object> {

    private final Clock clock;
    private final BiConsumer<Sequencer, V> handle;
    private Sequencer sequencer;

    private SequencerProcessor(Clock clock, BiConsumer<Sequencer, V> handle) {
        this.clock = clock;
        this.handle = handle;
    }

    /** The processor of the gateways' write requests. */
    public static SequencerProcessor<WriteRequest> requests(Clock clock) {
        return new SequencerProcessor<>(clock, Sequencer::apply);
    }

    /** The processor of the change feed. */
    public static SequencerProcessor<ChangeFeedEntry> feed(Clock clock) {
        return new SequencerProcessor<>(clock, Sequencer::recordFeedEntry);
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        sequencer = new Sequencer(context, clock);
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.value() != null) {
            handle.accept(sequencer, record.value());
        }
    }
}

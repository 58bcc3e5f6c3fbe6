package io.korch.changelog.feed;

import io.korch.api.ChangeFeedEntry;
import io.korch.api.Event;
import io.korch.api.EventSource;
import io.korch.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the events of {@link Topics#EVENTS} to the change log, as the API serves them: each
 * occurrence a component writes is folded into the event it repeats ({@link EventSeries}), and
 * the event as it is then — new, or with its count and last time raised — goes on under the
 * event's own key, {@code namespace/name}, as a change of the event; an event forgotten (its
 * group full, or its last occurrence older than the occurrences are kept) goes on as a deletion.
 * Every occurrence is a change, as every update of an event is a new resourceVersion in Kubernetes.
 * The processor also reads {@link Topics#NAMESPACES}, partitioned like the events: a namespace's
 * deletion deletes the events listed in it.
 */
public final class EventFeedProcessor implements Processor<String, byte[], String, ChangeFeedEntry> {

    /** Events kept per group by default: per namespace, and per cluster-wide object. */
    public static final int CAPACITY = EventSeries.CAPACITY;
    /** How often events past their time to live are looked for. */
    static final Duration EXPIRY_INTERVAL = Duration.ofMinutes(1);
    /** Who deletes an event past its time to live, forgotten to make room, or of a deleted namespace. */
    static final String EXPIRING_ACTOR = "change-log";

    private static final Logger LOG = LoggerFactory.getLogger(EventFeedProcessor.class);

    private final int capacity;
    private ProcessorContext<String, ChangeFeedEntry> context;
    private EventSeries series;

    /** A feed keeping at most {@code capacity} events per group. */
    public EventFeedProcessor(int capacity) {
        this.capacity = capacity;
    }

    /** A feed keeping at most {@link EventSeries#CAPACITY} events per group. */
    public EventFeedProcessor() {
        this(EventSeries.CAPACITY);
    }

    /** The names of the stores the processor needs: events, their order, the size of each group. */
    public static String[] stores() {
        return new String[] {EventSeries.EVENTS_STORE, EventSeries.ORDER_STORE, EventSeries.COUNT_STORE};
    }

    @Override
    public void init(ProcessorContext<String, ChangeFeedEntry> context) {
        this.context = context;
        this.series = new EventSeries(context.getStateStore(EventSeries.EVENTS_STORE),
                context.getStateStore(EventSeries.ORDER_STORE), context.getStateStore(EventSeries.COUNT_STORE), capacity);
        context.schedule(EXPIRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
            for (String key : series.expire(Instant.ofEpochMilli(now).minus(EventSeries.TTL))) {
                forget(key, now);
            }
        });
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (context.recordMetadata().map(RecordMetadata::topic).filter(Topics.NAMESPACES.name()::equals).isPresent()) {
            if (record.value() == null) {
                series.forgetNamespace(record.key()).forEach(key -> forget(key, record.timestamp()));
            }
            return;
        }
        if (record.value() == null) {
            return;
        }
        Event occurrence;
        try {
            occurrence = Topics.EVENTS.valueSerde().deserializer().deserialize(Topics.EVENTS.name(), record.value());
        } catch (SerializationException e) {
            LOG.warn("skipping an undecodable event of {}: {}", record.key(), e.getMessage());
            return;
        }
        EventSeries.Folded folded = series.add(occurrence);
        context.forward(new Record<>(folded.key(), entry(folded.key(), EventSeries.encode(folded.event()),
                record.timestamp(), actorOf(occurrence)), record.timestamp()));
        folded.forgotten().forEach(key -> forget(key, record.timestamp()));
    }

    private void forget(String key, long millis) {
        context.forward(new Record<>(key, entry(key, null, millis, EXPIRING_ACTOR), millis));
    }

    private static ChangeFeedEntry entry(String key, byte[] value, long millis, String actor) {
        return ChangeFeedEntry.newBuilder()
                .setTopic(Topics.EVENTS.name())
                .setKey(key)
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setTime(Instant.ofEpochMilli(millis))
                .setActor(actor)
                .build();
    }

    /** The component that saw the event, with its host: {@code scheduler}, {@code agent/node-1}. */
    private static String actorOf(Event occurrence) {
        EventSource source = occurrence.getSource();
        if (source == null || source.getComponent() == null) {
            return "any";
        }
        return source.getHost() == null ? source.getComponent() : source.getComponent() + "/" + source.getHost();
    }
}

package io.korch.gateway.history;

import io.korch.api.Change;
import io.korch.gateway.kafka.KafkaSettings;
import io.korch.topics.Revisions;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the change log ({@link Topics#CHANGES}) from a revision or a moment on, in order. Each
 * record's timestamp is its revision's millisecond, so a revision is found with Kafka's time index
 * and the few earlier changes of that millisecond are skipped. Not thread-safe: one reader per
 * replay.
 */
public final class ChangeLogReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeLogReader.class);
    private static final TopicPartition CHANGES = new TopicPartition(Topics.CHANGES.name(), 0);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;

    private ChangeLogReader(Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
        consumer.assign(List.of(CHANGES));
    }

    /** A reader of the change log on {@code bootstrapServers}. */
    public static ChangeLogReader open(String bootstrapServers) {
        return new ChangeLogReader(new KafkaConsumer<>(KafkaSettings.viewConsumer(bootstrapServers)));
    }

    /**
     * The revision before which the log may have lost changes to its retention: that of its first
     * retained change when older ones were deleted; empty when it still holds every change.
     */
    public OptionalLong retainedFrom() {
        long start = consumer.beginningOffsets(List.of(CHANGES)).get(CHANGES);
        if (start == 0) {
            return OptionalLong.empty();
        }
        consumer.seek(CHANGES, start);
        long end = consumer.endOffsets(List.of(CHANGES)).get(CHANGES);
        while (consumer.position(CHANGES) < end) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                Change change = decode(record);
                if (change != null) {
                    return OptionalLong.of(change.getRevision());
                }
            }
        }
        return OptionalLong.of(Long.MAX_VALUE);
    }

    /**
     * Reads, in order, every change after {@code revision} up to {@code upTo} (or the log's end as
     * of now), handing each to {@code each} until it answers false.
     */
    public void read(long revision, long upTo, Predicate<Change> each) {
        long millis = Revisions.millisOf(revision);
        OffsetAndTimestamp from = consumer.offsetsForTimes(Map.of(CHANGES, millis)).get(CHANGES);
        long end = consumer.endOffsets(List.of(CHANGES)).get(CHANGES);
        if (from == null) {
            return;
        }
        consumer.seek(CHANGES, from.offset());
        while (consumer.position(CHANGES) < end) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                Change change = decode(record);
                if (change == null || change.getRevision() <= revision) {
                    continue;
                }
                if (change.getRevision() > upTo || !each.test(change)) {
                    return;
                }
            }
        }
    }

    private static Change decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return Topics.CHANGES.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            LOG.warn("skipping undecodable change at offset {}: {}", record.offset(), e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        consumer.close(KafkaSettings.CONSUMER_CLOSE);
    }
}

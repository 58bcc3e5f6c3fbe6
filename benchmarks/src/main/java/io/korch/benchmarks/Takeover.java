package io.korch.benchmarks;

import io.korch.benchmarks.StreamsApp.Members;
import io.korch.benchmarks.StreamsApp.Task;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Times how one Streams application takes over the tasks of a member killed with SIGKILL, as the
 * broker sees it, in three steps from the kill: <b>detection</b>, the dead member no longer in the
 * group; <b>reassignment</b>, every partition assigned before the kill assigned again, to live
 * members; <b>processing</b>, on every task the dead member held, the first record written after
 * the kill to one of its input partitions processed, that is the group's committed offset past it
 * (committed offsets of an exactly-once application become visible with its transaction).
 *
 * <p>It is built right after the kill, with the group as described before it: it takes the end
 * offsets of the moved partitions then, and reads on from there (committed records only) to find
 * the first record of each. {@link #poll} is called repeatedly, from one thread, until {@link #done}.
 */
final class Takeover implements AutoCloseable {

    private static final long CALL_TIMEOUT_SECONDS = 30;

    private final StreamsApp app;
    private final String dead;
    private final long killedAt;
    private final Set<TopicPartition> before;
    private final Map<TopicPartition, Task> moved;
    private final KafkaConsumer<byte[], byte[]> reader;
    private final Map<TopicPartition, Long> firstRecord = new HashMap<>();
    /** When each partition's first record was written, on the {@link System#nanoTime} scale of the kill. */
    private final Map<TopicPartition, Long> firstRecordWrittenAt = new HashMap<>();
    /** Per task, the partition whose first record was processed first, and when. */
    private final Map<Task, TopicPartition> processedRecord = new HashMap<>();
    private final long killedAtMillis;
    private final Map<Task, Long> processedAt = new HashMap<>();
    private long detectedAt = -1;
    private long reassignedAt = -1;

    /**
     * @param dead     the killed member's identity
     * @param before   the group as described before the kill
     * @param killedAt when it was killed ({@link System#nanoTime})
     */
    Takeover(Admin admin, String bootstrapServers, StreamsApp app, String dead, Members before, long killedAt) {
        this.app = app;
        this.dead = dead;
        this.killedAt = killedAt;
        this.killedAtMillis = System.currentTimeMillis() - Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
        this.before = before.assigned();
        this.moved = before.of(dead).stream().filter(partition -> app.task(partition) != null)
                .collect(Collectors.toMap(partition -> partition, app::task));
        this.reader = reader(bootstrapServers);
        reader.assign(moved.keySet());
        endOffsets(admin, moved.keySet()).forEach(reader::seek);
    }

    /** The tasks the dead member held. */
    Set<Task> movedTasks() {
        return Set.copyOf(moved.values());
    }

    StreamsApp app() {
        return app;
    }

    /** Looks at the group, the moved partitions and the committed offsets once; returns {@link #done}. */
    boolean poll(Admin admin) {
        if (done()) {
            return true;
        }
        Members members = app.describe(admin);
        long now = System.nanoTime();
        if (detectedAt < 0 && !members.has(dead)) {
            detectedAt = now;
        }
        if (detectedAt >= 0 && reassignedAt < 0 && members.assigned().containsAll(before)) {
            reassignedAt = now;
        }
        readFirstRecords();
        if (!firstRecord.isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(admin);
            long at = System.nanoTime();
            firstRecord.forEach((partition, offset) -> {
                OffsetAndMetadata position = committed.get(partition);
                if (position != null && position.offset() > offset
                        && processedAt.putIfAbsent(moved.get(partition), at) == null) {
                    processedRecord.put(moved.get(partition), partition);
                }
            });
        }
        return done();
    }

    /** Whether all three steps were seen. */
    boolean done() {
        return detectedAt >= 0 && reassignedAt >= 0 && processedAt.keySet().containsAll(moved.values());
    }

    /** From the kill to the dead member's leaving the group, or null if not seen yet. */
    Duration detection() {
        return since(detectedAt);
    }

    /** From the kill to every partition assigned to a live member, or null if not seen yet. */
    Duration reassignment() {
        return since(reassignedAt);
    }

    /** From the kill to a post-kill record processed on every moved task, or null if not seen yet. */
    Duration processing() {
        if (!processedAt.keySet().containsAll(moved.values())) {
            return null;
        }
        return since(processedAt.values().stream().mapToLong(Long::longValue).max().orElse(killedAt));
    }

    /**
     * The longest a moved task's first record waited to be processed: from the kill, or from when it was
     * written if that was later, to its processing. A record written at once (the creates right after the
     * kill) waits the whole takeover; one that reached its task only later (after upstream hops that were
     * themselves taken over, say) waits only for the task to see it. Null if not seen yet.
     */
    Duration longestWait() {
        if (!processedAt.keySet().containsAll(moved.values())) {
            return null;
        }
        return Duration.ofNanos(processedAt.entrySet().stream()
                .mapToLong(entry -> entry.getValue() - Math.max(killedAt, firstRecordWrittenAt.get(processedRecord.get(entry.getKey()))))
                .max().orElse(0));
    }

    /** The moved task processed last: its first record's partition, when it was written and processed; or "". */
    String lastProcessed() {
        return processedAt.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(entry -> {
                    TopicPartition partition = processedRecord.get(entry.getKey());
                    return String.format("task %s, first record on %s written %.2f s, processed %.2f s after the kill",
                            entry.getKey(), partition, (firstRecordWrittenAt.get(partition) - killedAt) / 1e9,
                            (entry.getValue() - killedAt) / 1e9);
                })
                .orElse("");
    }

    private Duration since(long at) {
        return at < 0 ? null : Duration.ofNanos(at - killedAt);
    }

    private void readFirstRecords() {
        if (firstRecord.size() == moved.size()) {
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(20))) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (firstRecord.putIfAbsent(partition, record.offset()) == null) {
                firstRecordWrittenAt.put(partition, killedAt + (record.timestamp() - killedAtMillis) * 1_000_000);
                reader.pause(List.of(partition));
            }
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets(Admin admin) {
        try {
            return admin.listConsumerGroupOffsets(app.applicationId()).partitionsToOffsetAndMetadata()
                    .get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of " + app.applicationId() + ": " + e, e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, Set<TopicPartition> partitions) {
        try {
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
                    .all().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read end offsets: " + e, e);
        }
    }

    private static KafkaConsumer<byte[], byte[]> reader(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        reader.close();
    }
}

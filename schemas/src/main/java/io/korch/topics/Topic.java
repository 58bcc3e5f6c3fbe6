package io.korch.topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic, declared once with its key and value serdes so that a name can never be
 * paired with the wrong serde.
 *
 * @param name          the topic name
 * @param keySerde      serde of the record keys
 * @param valueSerde    serde of the record values
 * @param cleanupPolicy {@link CleanupPolicy#COMPACT} for current state, {@link CleanupPolicy#DELETE} for history
 * @param writer        the one kind of component allowed to write it
 * @param partitioning  how a key maps to a partition; every writer routes by it ({@link KorchPartitioner})
 * @param retention     how long a time-retained topic keeps its records, or null for its policy's default
 * @param <K>           key type
 * @param <V>           value type
 */
public record Topic<K, V>(
        String name, Serde<K> keySerde, Serde<V> valueSerde, CleanupPolicy cleanupPolicy, Writer writer,
        Partitioning partitioning, Duration retention) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(partitioning, "partitioning");
        if (retention != null && (cleanupPolicy != CleanupPolicy.DELETE || retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("a retention is a positive duration of a time-retained topic: " + name);
        }
    }

    /** A topic whose records are kept as its cleanup policy says by default. */
    public Topic(String name, Serde<K> keySerde, Serde<V> valueSerde, CleanupPolicy cleanupPolicy, Writer writer,
                 Partitioning partitioning) {
        this(name, keySerde, valueSerde, cleanupPolicy, writer, partitioning, null);
    }

    /** This time-retained topic, keeping its records for {@code period} instead of its policy's default. */
    public Topic<K, V> retainedFor(Duration period) {
        return new Topic<>(name, keySerde, valueSerde, cleanupPolicy, writer, partitioning, period);
    }

    /** The configs the topic is created with: its cleanup policy's, with its own retention if it has one. */
    public Map<String, String> configs() {
        if (retention == null) {
            return cleanupPolicy.configs();
        }
        Map<String, String> configs = new HashMap<>(cleanupPolicy.configs());
        configs.put("retention.ms", String.valueOf(retention.toMillis()));
        return Map.copyOf(configs);
    }

    /** The partition of {@code key} on this topic when it has {@code partitions} partitions. */
    public int partition(String key, int partitions) {
        return partitioning.partition(key, partitions);
    }

    /** How Kafka retains the records of a topic. */
    public enum CleanupPolicy {
        /** Latest value per key; a null value (tombstone) deletes the key. */
        COMPACT,
        /** Time-retained, append-only history. */
        DELETE;

        /** The value of the topic's {@code cleanup.policy} config. */
        public String configValue() {
            return name().toLowerCase();
        }

        /**
         * The topic configs of this policy. Compacted topics roll a segment every ten minutes and
         * clean at a low dirty ratio, so a topic rewritten every second (heartbeats, assignments,
         * pod status) stays small and a restarting component replays little; tombstones stay an
         * hour, long enough for any consumer that was briefly away to see the deletion.
         */
        public Map<String, String> configs() {
            if (this == DELETE) {
                return Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(7L * 24 * 3600 * 1000));
            }
            return Map.of(
                    "cleanup.policy", "compact",
                    "segment.ms", String.valueOf(10 * 60 * 1000),
                    "min.cleanable.dirty.ratio", "0.1",
                    "delete.retention.ms", String.valueOf(60 * 60 * 1000));
        }
    }

    /** The kind of component that owns a topic: one writer per topic keeps the log easy to replay. */
    public enum Writer {
        GATEWAY, CONTROLLERS, SCHEDULER, AGENTS, ANY,
        /** The change log: it applies the gateways' write requests and records every change in one order. */
        CHANGE_LOG
    }

    /** How many partitions this topic gets on a cluster whose topics have {@code clusterPartitions}. */
    public int partitionsOn(int clusterPartitions) {
        return partitioning == Partitioning.SINGLE ? 1 : clusterPartitions;
    }
}

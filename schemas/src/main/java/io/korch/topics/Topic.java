package io.korch.topics;

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
 * @param <K>           key type
 * @param <V>           value type
 */
public record Topic<K, V>(
        String name, Serde<K> keySerde, Serde<V> valueSerde, CleanupPolicy cleanupPolicy, Writer writer) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        Objects.requireNonNull(writer, "writer");
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
    }

    /** The kind of component that owns a topic: one writer per topic keeps the log easy to replay. */
    public enum Writer {
        GATEWAY, CONTROLLERS, SCHEDULER, AGENTS, ANY
    }
}

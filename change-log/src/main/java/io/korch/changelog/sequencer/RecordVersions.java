package io.korch.changelog.sequencer;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The latest version of every live record the change log recorded, keyed {@code topic:key}: its
 * revision, for the preconditions of requests, and its value, which the next change of the record
 * carries as its previous value. Stored as the revision's 8 bytes followed by the value.
 */
final class RecordVersions {

    /** A record's latest version. */
    record Version(long revision, byte[] value) {
    }

    private final KeyValueStore<String, byte[]> store;

    RecordVersions(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** The latest version of {@code key}; empty when the record does not exist. */
    Optional<Version> get(String key) {
        byte[] stored = store.get(key);
        if (stored == null) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        long revision = buffer.getLong();
        byte[] value = new byte[buffer.remaining()];
        buffer.get(value);
        return Optional.of(new Version(revision, value));
    }

    /** The revision of {@code key}, 0 when it does not exist. */
    long revisionOf(String key) {
        return get(key).map(Version::revision).orElse(0L);
    }

    /** Records that {@code key} became {@code value} (null: deleted) at {@code revision}. */
    void put(String key, long revision, byte[] value) {
        if (value == null) {
            store.delete(key);
            return;
        }
        store.put(key, ByteBuffer.allocate(Long.BYTES + value.length).putLong(revision).put(value).array());
    }

    /** The revision of some live record whose key starts with {@code prefix}. */
    Optional<Long> anyUnder(String prefix) {
        try (KeyValueIterator<String, byte[]> under = store.prefixScan(prefix, new StringSerializer())) {
            return under.hasNext() ? Optional.of(ByteBuffer.wrap(under.next().value).getLong()) : Optional.empty();
        }
    }
}

package io.korch.serde;

import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * The process-wide catalogue of writer schemas, keyed by their 64-bit CRC fingerprint (the one
 * single-object encoding puts in every message).
 *
 * <p>Every schema of this build registers itself when its {@link AvroSerde} is created; schemas
 * written by other versions are looked up through an optional fallback, normally a
 * {@link KafkaSchemaStore} reading the {@code korch.schemas} topic.
 */
public final class WriterSchemas {

    private static final Map<Long, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static final List<LongFunction<Schema>> FALLBACKS = new CopyOnWriteArrayList<>();
    private static final SchemaStore STORE = WriterSchemas::find;

    private WriterSchemas() {
    }

    /** Adds a schema to the catalogue. */
    public static void register(Schema schema) {
        SCHEMAS.putIfAbsent(fingerprint(schema), schema);
    }

    /** Adds a lookup used for fingerprints this process does not know, e.g. a {@link KafkaSchemaStore}. */
    public static void addFallback(LongFunction<Schema> fallback) {
        FALLBACKS.add(fallback);
    }

    /** The schema with this fingerprint, or null when nobody knows it. */
    public static Schema find(long fingerprint) {
        Schema schema = SCHEMAS.get(fingerprint);
        if (schema != null) {
            return schema;
        }
        for (LongFunction<Schema> fallback : FALLBACKS) {
            schema = fallback.apply(fingerprint);
            if (schema != null) {
                SCHEMAS.put(fingerprint, schema);
                return schema;
            }
        }
        return null;
    }

    /** Every schema registered in this process. */
    public static Collection<Schema> known() {
        return List.copyOf(SCHEMAS.values());
    }

    /** The catalogue as an Avro {@link SchemaStore}, for message decoders. */
    public static SchemaStore store() {
        return STORE;
    }

    /** The CRC-64-AVRO fingerprint single-object encoding uses. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The fingerprint as 16 hex digits: the key of a schema in the {@code korch.schemas} topic. */
    public static String fingerprintKey(long fingerprint) {
        return HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(8).putLong(fingerprint).array());
    }
}

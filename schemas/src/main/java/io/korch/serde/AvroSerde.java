package io.korch.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record class, in Avro's single-object encoding: each message
 * starts with the 64-bit fingerprint of its writer schema, which {@link WriterSchemas} resolves
 * (from this build, or from the {@code korch.schemas} topic for schemas written by other
 * versions). A null value is a tombstone and stays null.
 *
 * @param <T> the record type
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroSerde(Class<T> type) {
        this.type = type;
        Schema schema = SpecificData.get().getSchema(type);
        SpecificData model = SpecificData.getForClass(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(new ListDecodingModel(model), schema, WriterSchemas.store());
        WriterSchemas.register(schema);
    }

    /** The serde of {@code type}. */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type);
    }

    /** The record class this serde reads and writes. */
    public Class<T> type() {
        return type;
    }

    /** The schema this serde writes with. */
    public Schema schema() {
        return SpecificData.get().getSchema(type);
    }

    /** Encodes one record; null stays null. */
    public byte[] encode(T value) {
        if (value == null) {
            return null;
        }
        try {
            ByteBuffer buffer = encoder.encode(value);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes one record; null stays null. */
    public T decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> encode(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> decode(bytes);
    }

    /**
     * The record class's model, decoding lists as {@link ArrayList}s instead of Avro arrays. An Avro array
     * compares its elements through Avro's shared generic model, which does not know {@code Instant}s: the
     * {@code equals} of a decoded record with a time in a list ({@code managedFields[].time}) would throw
     * "Unknown datum type java.time.Instant". An {@code ArrayList} compares its elements by their own
     * {@code equals}, which uses the generated class's model, conversions included.
     */
    private static final class ListDecodingModel extends SpecificData {

        ListDecodingModel(SpecificData model) {
            super(model.getClassLoader());
            model.getConversions().forEach(this::addLogicalTypeConversion);
        }

        @Override
        public Object newArray(Object old, int size, Schema schema) {
            if (old instanceof Collection<?> reused) {
                reused.clear();
                return reused;
            }
            return new ArrayList<>(size);
        }
    }
}

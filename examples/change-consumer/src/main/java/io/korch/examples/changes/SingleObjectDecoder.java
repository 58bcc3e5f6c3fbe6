package io.korch.examples.changes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes the values of korch's topics: Avro single-object encoding, read with the schema it was
 * written with, into a {@link GenericRecord}. No reader schema and no generated classes are needed:
 * fields are read by name ({@code change.get("revision")}).
 *
 * <pre>
 *  C3 01 | fingerprint of the writer schema, 8 bytes little-endian | the record, Avro binary
 * </pre>
 *
 * <p>The writer schema is looked up by its fingerprint (CRC-64-AVRO of its parsing canonical form),
 * normally in {@link WriterSchemaCache}. The same decoder reads the {@code value} and
 * {@code previousValue} bytes of a change: they are single-object encoded as well. One thread
 * uses a decoder.
 */
public final class SingleObjectDecoder {

    private static final int HEADER_LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private final LongFunction<Schema> writerSchemas;
    private final Map<Long, GenericDatumReader<GenericRecord>> readers = new HashMap<>();

    /** A decoder finding writer schemas with {@code writerSchemas}, which returns null for an unknown fingerprint. */
    public SingleObjectDecoder(LongFunction<Schema> writerSchemas) {
        this.writerSchemas = writerSchemas;
    }

    /**
     * The record {@code message} holds.
     *
     * @throws IllegalArgumentException when it is not single-object encoded, its writer schema is
     *                                  unknown, or its datum does not match that schema
     */
    public GenericRecord decode(byte[] message) {
        if (message.length < HEADER_LENGTH || message[0] != MARKER_0 || message[1] != MARKER_1) {
            throw new IllegalArgumentException("not Avro single-object encoding (no C3 01 marker)");
        }
        long fingerprint = ByteBuffer.wrap(message, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        GenericDatumReader<GenericRecord> reader = readerOf(fingerprint);
        BinaryDecoder datum = DecoderFactory.get().binaryDecoder(message, HEADER_LENGTH, message.length - HEADER_LENGTH, null);
        try {
            return reader.read(null, datum);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot decode a record of writer schema "
                    + String.format("%016x", fingerprint) + ": " + e.getMessage(), e);
        }
    }

    /** {@link #decode(byte[])} of the bytes in {@code buffer}, as Avro gives a {@code bytes} field; null for null. */
    public GenericRecord decode(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] message = new byte[buffer.remaining()];
        buffer.duplicate().get(message);
        return decode(message);
    }

    private GenericDatumReader<GenericRecord> readerOf(long fingerprint) {
        GenericDatumReader<GenericRecord> reader = readers.get(fingerprint);
        if (reader == null) {
            Schema writer = writerSchemas.apply(fingerprint);
            if (writer == null) {
                throw new IllegalArgumentException("no writer schema with fingerprint "
                        + String.format("%016x", fingerprint) + " is known");
            }
            reader = new GenericDatumReader<>(writer);
            readers.put(fingerprint, reader);
        }
        return reader;
    }
}

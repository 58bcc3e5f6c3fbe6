package io.korch.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Whether two records of one generated class hold the same values, compared by their binary encodings.
 *
 * <p>Use it instead of {@code equals} for records that may come from a decoder: a decoded list is an Avro
 * array, whose {@code equals} compares its elements through Avro's shared generic model, which does not know
 * {@code Instant}s and throws on the timestamp branch of a union ({@code managedFields[].time}:
 * "Unknown datum type java.time.Instant"). Registering the conversion on that shared model would change what
 * every generic reader in the same process decodes, so korch does not.
 */
public final class SameRecord {

    private SameRecord() {
    }

    /** Whether {@code a} and {@code b} encode alike; false when either is null, unless both are. */
    public static boolean of(SpecificRecordBase a, SpecificRecordBase b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.getClass() == b.getClass() && Arrays.equals(encoded(a), encoded(b));
    }

    private static byte[] encoded(SpecificRecordBase record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            @SuppressWarnings("unchecked")
            DatumWriter<SpecificRecordBase> writer = (DatumWriter<SpecificRecordBase>) record.getSpecificData()
                    .createDatumWriter(record.getSchema());
            writer.write(record, encoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

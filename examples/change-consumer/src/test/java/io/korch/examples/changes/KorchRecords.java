package io.korch.examples.changes;

import io.korch.serde.AvroSerde;
import io.korch.serde.WriterSchemas;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * Records encoded as korch encodes them ({@link AvroSerde}), and a decoder that knows their writer
 * schemas as {@code korch.schemas} would give them: parsed from their JSON.
 */
final class KorchRecords {

    private final Map<Long, Schema> published = new ConcurrentHashMap<>();
    private final SingleObjectDecoder decoder = new SingleObjectDecoder(published::get);

    /** {@code record} as korch writes it to a topic. */
    @SuppressWarnings("unchecked")
    <T extends SpecificRecord> byte[] encode(T record) {
        AvroSerde<T> serde = AvroSerde.of((Class<T>) record.getClass());
        published.put(WriterSchemas.fingerprint(serde.schema()), new Schema.Parser().parse(serde.schema().toString()));
        return serde.encode(record);
    }

    /** {@code record} as the example reads it. */
    GenericRecord decoded(SpecificRecord record) {
        return decoder.decode(encode(record));
    }

    SingleObjectDecoder decoder() {
        return decoder;
    }
}

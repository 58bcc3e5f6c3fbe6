package io.korch.examples.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.api.Change;
import io.korch.api.Namespace;
import io.korch.api.ObjectMeta;
import io.korch.serde.AvroSerde;
import io.korch.serde.WriterSchemas;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class SingleObjectDecoderTest {

    private final KorchRecords korch = new KorchRecords();

    @Test
    void decodesAKorchRecordWithItsWriterSchemaAlone() {
        byte[] encoded = korch.encode(namespace("shop"));

        GenericRecord decoded = korch.decoder().decode(encoded);

        assertThat(decoded.getSchema().getFullName()).isEqualTo("io.korch.api.Namespace");
        assertThat(((GenericRecord) decoded.get("metadata")).get("name")).hasToString("shop");
    }

    @Test
    void decodesTheRecordInsideAChangeWithTheSameDecoder() {
        byte[] namespace = korch.encode(namespace("shop"));
        Change change = Change.newBuilder().setRevision(1_700_000_000_000_001L).setKind("Namespace")
                .setObjectKey("shop").setTopic("korch.namespaces").setKey("shop").setValue(ByteBuffer.wrap(namespace))
                .setTime(Instant.ofEpochMilli(1_700_000_000_000L)).setActor("gateway/gw-1").build();

        GenericRecord decodedChange = korch.decoded(change);
        GenericRecord value = korch.decoder().decode((ByteBuffer) decodedChange.get("value"));

        assertThat(((GenericRecord) value.get("metadata")).get("name")).hasToString("shop");
        assertThat(korch.decoder().decode((ByteBuffer) decodedChange.get("previousValue"))).isNull();
    }

    @Test
    void refusesBytesWithoutTheSingleObjectMarker() {
        byte[] plainAvro = {0x02, 0x61, 0, 0, 0, 0, 0, 0, 0, 0, 0};

        assertThatThrownBy(() -> korch.decoder().decode(plainAvro))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("C3 01");
    }

    @Test
    void refusesARecordWhoseWriterSchemaIsUnknownNamingItsFingerprint() {
        byte[] encoded = AvroSerde.of(Namespace.class).encode(namespace("shop"));
        SingleObjectDecoder knowsNothing = new SingleObjectDecoder(fingerprint -> null);
        String fingerprint = WriterSchemas.fingerprintKey(WriterSchemas.fingerprint(Namespace.getClassSchema()));

        assertThatThrownBy(() -> knowsNothing.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(fingerprint);
    }

    private static Namespace namespace(String name) {
        return Namespace.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).build()).build();
    }
}

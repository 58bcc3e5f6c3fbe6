package io.korch.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.api.Container;
import io.korch.api.ManagedFieldsEntry;
import io.korch.api.NodeHealth;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.PodSpec;
import io.korch.api.ResourceRequirements;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private final AvroSerde<Pod> pods = AvroSerde.of(Pod.class);

    @Test
    void roundTripsARecordInSingleObjectEncoding() {
        Container container = Container.newBuilder().setName("main").setImage("korch/busybox:latest")
                .setResources(ResourceRequirements.newBuilder().setRequests(Map.of("cpu", "250m")).build()).build();
        Pod pod = Pod.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("web-1").setNamespace("default").setUid("web-1-uid")
                        .setLabels(Map.of("app", "web")).build())
                .setSpec(PodSpec.newBuilder().setContainers(List.of(container)).build())
                .build();

        byte[] bytes = pods.encode(pod);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3); // single-object encoding marker
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(pods.decode(bytes)).isEqualTo(pod);
    }

    @Test
    void comparesDecodedRecordsWhoseManagedFieldsHaveTimes() {
        ManagedFieldsEntry entry = ManagedFieldsEntry.newBuilder().setManager("kubectl").setOperation("Apply")
                .setApiVersion("v1").setTime(Instant.parse("2026-12-03T12:00:00Z")).setFieldsType("FieldsV1")
                .setFieldsV1("{\"f:spec\":{}}").build();
        Pod pod = Pod.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("web-1").setNamespace("default")
                        .setManagedFields(List.of(entry)).build())
                .setSpec(PodSpec.newBuilder().setContainers(List.of()).build())
                .build();
        Pod later = Pod.newBuilder(pod).setMetadata(ObjectMeta.newBuilder(pod.getMetadata())
                .setManagedFields(List.of(ManagedFieldsEntry.newBuilder(entry)
                        .setTime(Instant.parse("2026-12-03T12:00:01Z")).build())).build()).build();

        Pod decoded = pods.decode(pods.encode(pod));

        assertThat(decoded.equals(pods.decode(pods.encode(pod)))).isTrue();
        assertThat(decoded.equals(pod)).isTrue();
        assertThat(decoded.equals(pods.decode(pods.encode(later)))).isFalse();
        assertThat(decoded.equals(null)).isFalse();
    }

    @Test
    void tombstonesStayNull() {
        assertThat(pods.encode(null)).isNull();
        assertThat(pods.decode(null)).isNull();
    }

    @Test
    void readsDataWrittenWithAnOlderSchemaFoundInTheCatalogue() throws Exception {
        Schema older = SchemaBuilder.record("NodeHealth").namespace("io.korch.api").fields()
                .requiredString("nodeName")
                .requiredBoolean("ready")
                .requiredString("reason")
                .name("lastTransitionTime").type(SchemaBuilder.builder().longType()).noDefault()
                .endRecord();
        WriterSchemas.register(older);
        GenericRecord old = new GenericData.Record(older);
        old.put("nodeName", "node-1");
        old.put("ready", false);
        old.put("reason", "NodeStatusUnknown");
        old.put("lastTransitionTime", 1_000L);
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old).array();

        NodeHealth health = AvroSerde.of(NodeHealth.class).decode(bytes);

        assertThat(health.getNodeName()).isEqualTo("node-1");
        assertThat(health.getMessage()).isNull();
        assertThat(health.getLastTransitionTime()).isEqualTo(Instant.ofEpochMilli(1_000));
    }

    @Test
    void refusesBytesWithAnUnknownFingerprint() {
        byte[] garbage = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0};

        assertThatThrownBy(() -> pods.decode(garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot decode Pod");
    }
}

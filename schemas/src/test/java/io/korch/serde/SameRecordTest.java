package io.korch.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.ManagedFieldsEntry;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.PodSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SameRecordTest {

    private final AvroSerde<Pod> pods = AvroSerde.of(Pod.class);

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

        // decoded lists are Avro arrays, which compare their elements through Avro's generic model
        Pod decoded = pods.decode(pods.encode(pod));

        assertThat(SameRecord.of(decoded, pods.decode(pods.encode(pod)))).isTrue();
        assertThat(SameRecord.of(decoded, pod)).isTrue();
        assertThat(SameRecord.of(decoded, pods.decode(pods.encode(later)))).isFalse();
        assertThat(SameRecord.of(decoded, null)).isFalse();
    }
}

package io.korch.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.ConfigMap;
import io.korch.api.ManagedFieldsEntry;
import io.korch.api.ObjectMeta;
import io.korch.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigSourceTest {

    @Test
    void aConfigMapWithManagedFieldsChangesTheViewOnlyWhenItDiffers() {
        ConfigSource source = new ConfigSource();

        assertThat(source.put(configMap("busy"))).isTrue();
        assertThat(source.put(configMap("busy"))).as("the same again").isFalse();
        assertThat(source.put(configMap("idle"))).isTrue();
        assertThat(source.configMap("shop", "mode")).map(ConfigMap::getData).isEqualTo(Optional.of(Map.of("mode", "idle")));
    }

    /**
     * A ConfigMap as applied and as the agent reads it from its topic: with a managedFields entry, whose
     * time is an Instant in a union, in the array Avro's decoder makes.
     */
    private static ConfigMap configMap(String mode) {
        ManagedFieldsEntry applied = ManagedFieldsEntry.newBuilder().setManager("kubectl").setOperation("Apply")
                .setApiVersion("v1").setTime(Instant.parse("2026-12-03T08:00:00Z")).build();
        ConfigMap declared = ConfigMap.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("mode").setNamespace("shop")
                        .setManagedFields(List.of(applied)).build())
                .setData(Map.of("mode", mode))
                .build();
        byte[] written = Topics.CONFIGMAPS.valueSerde().serializer().serialize(Topics.CONFIGMAPS.name(), declared);
        return Topics.CONFIGMAPS.valueSerde().deserializer().deserialize(Topics.CONFIGMAPS.name(), written);
    }
}

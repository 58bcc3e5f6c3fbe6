package io.korch.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.serde.AvroSerde;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicHasADistinctName() {
        assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates().allMatch(n -> n.startsWith("korch."));
    }

    @Test
    void onlyTheEventLogIsTimeRetained() {
        assertThat(Topics.ALL).filteredOn(t -> t.cleanupPolicy() == Topic.CleanupPolicy.DELETE)
                .containsExactly(Topics.EVENTS);
    }

    @Test
    void everyObjectTopicCarriesAvroValues() {
        assertThat(Topics.ALL).filteredOn(t -> t != Topics.SCHEMAS)
                .allMatch(t -> t.valueSerde() instanceof AvroSerde<?>);
    }

    @Test
    void keysJoinNamespaceAndName() {
        String key = Keys.of("default", "web");

        assertThat(key).isEqualTo("default/web");
        assertThat(Keys.namespace(key)).isEqualTo("default");
        assertThat(Keys.name(key)).isEqualTo("web");
    }
}

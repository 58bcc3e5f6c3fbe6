package io.korch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.topics.Keys;
import io.korch.topics.Topics;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicSinksTest {

    @Test
    void routesANamespacedRecordByItsNamespace() {
        var partitioner = TopicSinks.partitioner(Topics.OWNED_PODS);

        assertThat(partitioner.partitions(Topics.OWNED_PODS.name(), Keys.of("shop", "web-1"), null, 6))
                .isEqualTo(Optional.of(Set.of(Topics.DEPLOYMENTS.partition(Keys.of("shop", "web"), 6))));
    }

    @Test
    void routesANodeRecordByItsNodeName() {
        var partitioner = TopicSinks.partitioner(Topics.NODE_HEALTH);

        assertThat(partitioner.partitions(Topics.NODE_HEALTH.name(), "node-9", null, 6))
                .isEqualTo(Optional.of(Set.of(Topics.NODES.partition("node-9", 6))));
    }
}

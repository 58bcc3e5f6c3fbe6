package io.korch.agent.hollow;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.agent.HostInfo;
import io.korch.agent.NodeRecords;
import io.korch.api.Node;
import io.korch.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one Node record hollow nodes re-address for each heartbeat. */
class NodeTemplateTest {

    private static final HostInfo HOST = new HostInfo(2, 4L << 30, "linux", "amd64");
    private static final Instant REGISTERED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = REGISTERED.plusSeconds(42);

    private final HollowNodesConfig config = new HollowNodesConfig("k:9092", 10, "hollow-", 4_000, 16L << 30, 50,
            Duration.ofSeconds(1));

    @Test
    void givesEachNodeTheRecordARealAgentWouldWriteForIt() {
        // given
        NodeTemplate template = new NodeTemplate(config, HOST, REGISTERED);
        template.of("hollow-3", NodeRecords.uid("hollow-3"), REGISTERED);

        // when
        Node node = template.of("hollow-7", NodeRecords.uid("hollow-7"), NOW);

        // then
        Node expected = NodeRecords.node("hollow-7", Map.of(), NodeRecords.capacity(4_000, 16L << 30, 50), HOST,
                NodeTemplate.RUNTIME_VERSION, REGISTERED, null, REGISTERED, NOW);
        assertThat(node).isEqualTo(expected);
        assertThat(node.getStatus().getCapacity()).containsEntry("cpu", "4").containsEntry("pods", "50");
        assertThat(node.getStatus().getConditions().get(0).getStatus()).isEqualTo("True");
    }

    @Test
    void serializesEachNodeUnderItsOwnName() {
        // given: a record is serialized before the template is re-addressed, as the publisher does
        NodeTemplate template = new NodeTemplate(config, HOST, REGISTERED);
        byte[] first = serialize(template.of("hollow-1", NodeRecords.uid("hollow-1"), NOW));

        // when
        byte[] second = serialize(template.of("hollow-2", NodeRecords.uid("hollow-2"), NOW));

        // then
        assertThat(deserialize(first).getMetadata().getName()).isEqualTo("hollow-1");
        assertThat(deserialize(second).getMetadata().getName()).isEqualTo("hollow-2");
        assertThat(deserialize(first).getMetadata().getLabels()).containsEntry(NodeRecords.HOSTNAME_LABEL, "hollow-1");
    }

    private static byte[] serialize(Node node) {
        return Topics.NODES.valueSerde().serializer().serialize(Topics.NODES.name(), node);
    }

    private static Node deserialize(byte[] bytes) {
        return Topics.NODES.valueSerde().deserializer().deserialize(Topics.NODES.name(), bytes);
    }
}

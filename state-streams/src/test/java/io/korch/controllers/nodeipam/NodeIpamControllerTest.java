package io.korch.controllers.nodeipam;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Event;
import io.korch.api.Node;
import io.korch.api.NodePodCidrs;
import io.korch.controllers.ControllersConfig;
import io.korch.controllers.NetworkTopology;
import io.korch.controllers.testing.SequentialIds;
import io.korch.model.Cidr;
import io.korch.model.EventReasons;
import io.korch.streams.StreamsConfigs;
import io.korch.testkit.Nodes;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node IPAM controller in the network controllers' topology on a {@link TopologyTestDriver},
 * its requests crossing the single-partition repartition topic: this test plays the agents
 * (registrations and heartbeats) and users deleting nodes, and reads the shares it hands out.
 */
class NodeIpamControllerTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Node> nodes;
    private TestInputTopic<String, Node> nodeSpecs;
    private TestOutputTopic<String, NodePodCidrs> cidrTopic;
    private TestOutputTopic<String, Event> events;
    private final Map<String, NodePodCidrs> cidrs = new HashMap<>();
    private final List<KeyValue<String, NodePodCidrs>> written = new ArrayList<>();

    private void start(String clusterCidr) {
        ControllersConfig config = new ControllersConfig("127.0.0.1:1", "ipam-test", stateDir, Duration.ofSeconds(5))
                .withClusterCidr(Cidr.parse(clusterCidr));
        driver = new TopologyTestDriver(NetworkTopology.topology(config, new SequentialIds()),
                StreamsConfigs.of(config.networkStreams()), T0);
        nodes = input(Topics.NODES);
        nodeSpecs = input(Topics.NODE_SPECS);
        cidrTopic = driver.createOutputTopic(Topics.NODE_POD_CIDRS.name(), Topics.NODE_POD_CIDRS.keySerde().deserializer(),
                Topics.NODE_POD_CIDRS.valueSerde().deserializer());
        events = driver.createOutputTopic(Topics.EVENTS.name(), Topics.EVENTS.keySerde().deserializer(),
                Topics.EVENTS.valueSerde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private Map<String, NodePodCidrs> cidrs() {
        for (KeyValue<String, NodePodCidrs> record : cidrTopic.readKeyValuesToList()) {
            written.add(record);
            if (record.value == null) {
                cidrs.remove(record.key);
            } else {
                cidrs.put(record.key, record.value);
            }
        }
        return cidrs;
    }

    private List<String> shareOf(String node) {
        return cidrs().get(node).getPodCIDRs();
    }

    private void heartbeat(String node, Instant at) {
        nodes.pipeInput(node, Nodes.heartbeat(node, at), at);
    }

    @Test
    void givesEachNodeItsOwnLowestFreeShareOnceWhateverItsHeartbeats() {
        start("10.244.0.0/16");

        for (int i = 0; i < 40; i++) {
            heartbeat("node-" + i, T0);
        }
        for (int i = 0; i < 40; i++) {
            heartbeat("node-" + i, T0.plusSeconds(1));
        }

        assertThat(cidrs()).hasSize(40);
        assertThat(written).hasSize(40);
        assertThat(cidrs().values()).flatExtracting(NodePodCidrs::getPodCIDRs).doesNotHaveDuplicates().hasSize(40);
        assertThat(shareOf("node-0")).containsExactly("10.244.0.0/24");
        assertThat(shareOf("node-1")).containsExactly("10.244.1.0/24");
        assertThat(shareOf("node-39")).containsExactly("10.244.39.0/24");
    }

    @Test
    void aDeletedNodesShareIsReleasedAndTheNodeRegistersAnewWhenItHeartbeatsAfter() {
        start("10.244.0.0/16");
        heartbeat("node-a", T0);
        heartbeat("node-b", T0);
        assertThat(shareOf("node-a")).containsExactly("10.244.0.0/24");

        // when node-a is deleted
        nodeSpecs.pipeInput("node-a", Nodes.declared("node-a").deleted(T0.plusSeconds(5)).build(), T0.plusSeconds(5));

        // then its record is tombstoned and its share goes to the next new node
        assertThat(cidrs()).containsOnlyKeys("node-b");
        assertThat(written.get(written.size() - 1)).isEqualTo(new KeyValue<>("node-a", (NodePodCidrs) null));
        heartbeat("node-c", T0.plusSeconds(6));
        assertThat(shareOf("node-c")).containsExactly("10.244.0.0/24");

        // and a heartbeat of node-a sent before the deletion changes nothing; one after registers it anew
        heartbeat("node-a", T0.plusSeconds(4));
        assertThat(cidrs()).containsOnlyKeys("node-b", "node-c");
        heartbeat("node-a", T0.plusSeconds(7));
        assertThat(shareOf("node-a")).containsExactly("10.244.2.0/24");
    }

    @Test
    void whenNoShareIsLeftANodeIsToldOnceAndGetsTheNextReleasedShare() {
        // a /22 holds four /24 shares
        start("10.100.0.0/22");
        for (int i = 0; i < 4; i++) {
            heartbeat("node-" + i, T0);
        }
        heartbeat("node-4", T0);
        heartbeat("node-4", T0.plusSeconds(1));
        heartbeat("node-4", T0.plusSeconds(2));

        NodePodCidrs none = cidrs().get("node-4");
        assertThat(none.getPodCIDRs()).isEmpty();
        assertThat(none.getMessage()).isEqualTo(CidrAllocatorProcessor.NO_CIDR_LEFT);
        assertThat(events.readValuesToList()).singleElement().satisfies(event -> {
            assertThat(event.getReason()).isEqualTo(EventReasons.CIDR_NOT_AVAILABLE);
            assertThat(event.getMessage()).isEqualTo("Node node-4 status is now: CIDRNotAvailable");
            assertThat(event.getInvolvedObject().getKind()).isEqualTo("Node");
            assertThat(event.getInvolvedObject().getName()).isEqualTo("node-4");
        });

        nodeSpecs.pipeInput("node-2", Nodes.declared("node-2").deleted(T0.plusSeconds(3)).build(), T0.plusSeconds(3));

        assertThat(shareOf("node-4")).containsExactly("10.100.2.0/24");
        assertThat(cidrs()).doesNotContainKey("node-2");
    }

    @Test
    void anAgentThatRestartsKeepsItsShare() {
        start("10.244.0.0/16");
        heartbeat("node-a", T0);
        heartbeat("node-b", T0);
        List<String> before = shareOf("node-b");

        // the agent of node-b restarts: it registers again with a fresh record
        nodes.pipeInput("node-b", Nodes.node("node-b").uid("node-b-second-run").heartbeat(T0.plusSeconds(60)).build(),
                T0.plusSeconds(60));

        assertThat(shareOf("node-b")).isEqualTo(before);
        assertThat(written).hasSize(2);
    }
}

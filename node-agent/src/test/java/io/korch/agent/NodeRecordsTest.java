package io.korch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Node;
import io.korch.api.NodeCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Node record of each heartbeat. */
class NodeRecordsTest {

    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = STARTED.plusSeconds(10);
    private static final HostInfo HOST = new HostInfo(4, 8L * 1024 * 1024 * 1024, "linux", "amd64");

    @Test
    void labelsTheNodeWithItsHostnameAndTheConfiguredLabels() {
        // given
        AgentConfig config = new AgentConfig("k:9092", "node-1", Map.of("zone", "a"), null, null, Duration.ofSeconds(1));

        // when
        Node node = NodeRecords.node(config, HOST, "docker://20.10.24", STARTED, null, STARTED, NOW);

        // then
        assertThat(node.getMetadata().getName()).isEqualTo("node-1");
        assertThat(node.getMetadata().getLabels())
                .containsExactlyInAnyOrderEntriesOf(Map.of("zone", "a", "kubernetes.io/hostname", "node-1"));
    }

    @Test
    void takesCapacityFromTheHostUnlessConfigured() {
        // given
        AgentConfig fromHost = AgentConfig.defaults("k:9092", "node-1");
        AgentConfig configured = new AgentConfig("k:9092", "node-1", Map.of(), 1500L, 512L * 1024 * 1024,
                Duration.ofSeconds(1));

        // when
        Node hostNode = NodeRecords.node(fromHost, HOST, "docker://x", STARTED, null, STARTED, NOW);
        Node configuredNode = NodeRecords.node(configured, HOST, "docker://x", STARTED, null, STARTED, NOW);

        // then
        assertThat(hostNode.getStatus().getCapacity())
                .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", "4", "memory", "8Gi", "pods", "110"));
        assertThat(configuredNode.getStatus().getCapacity())
                .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", "1500m", "memory", "512Mi", "pods", "110"));
        assertThat(configuredNode.getStatus().getAllocatable()).isEqualTo(configuredNode.getStatus().getCapacity());
    }

    @Test
    void reportsReadyWithTheHeartbeatTimeAndNodeInfo() {
        // when
        Node node = NodeRecords.node(AgentConfig.defaults("k:9092", "node-1"), HOST, "docker://20.10.24", STARTED,
                null, STARTED, NOW);

        // then
        NodeCondition ready = node.getStatus().getConditions().get(0);
        assertThat(ready.getType()).isEqualTo("Ready");
        assertThat(ready.getStatus()).isEqualTo("True");
        assertThat(ready.getReason()).isEqualTo("KubeletReady");
        assertThat(ready.getLastHeartbeatTime()).isEqualTo(NOW);
        assertThat(ready.getLastTransitionTime()).isEqualTo(STARTED);
        assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("korch-0.1.0");
        assertThat(node.getStatus().getNodeInfo().getContainerRuntimeVersion()).isEqualTo("docker://20.10.24");
        assertThat(node.getStatus().getNodeInfo().getOperatingSystem()).isEqualTo("linux");
        assertThat(node.getStatus().getNodeInfo().getArchitecture()).isEqualTo("amd64");
        assertThat(node.getStatus().getAddresses()).extracting(a -> a.getType() + "=" + a.getAddress())
                .containsExactly("InternalIP=127.0.0.1", "Hostname=node-1");
    }

    @Test
    void reportsNotReadyWhileTheContainerRuntimeIsDown() {
        // when
        Node node = NodeRecords.node(AgentConfig.defaults("k:9092", "node-1"), HOST, "docker://x", STARTED,
                "connection refused", NOW, NOW);

        // then
        NodeCondition ready = node.getStatus().getConditions().get(0);
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("ContainerRuntimeDown");
        assertThat(ready.getMessage()).contains("connection refused");
        assertThat(ready.getLastTransitionTime()).isEqualTo(NOW);
    }

    @Test
    void keepsTheSameUidAcrossAgentRestarts() {
        assertThat(NodeRecords.uid("node-1")).isEqualTo(NodeRecords.uid("node-1")).isNotEqualTo(NodeRecords.uid("node-2"));
    }

    @Test
    void spellsJavaArchitecturesTheKubernetesWay() {
        assertThat(HostInfo.architecture("x86_64")).isEqualTo("amd64");
        assertThat(HostInfo.architecture("aarch64")).isEqualTo("arm64");
    }

    @Test
    void registersTheAgentServerPortAsTheKubeletEndpoint() {
        Node node = NodeRecords.node(AgentConfig.defaults("k:9092", "node-1"), HOST, "docker://x", STARTED,
                null, STARTED, STARTED);

        Node registered = NodeRecords.withKubeletPort(node, 43123);

        assertThat(registered.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort()).isEqualTo(43123);
        assertThat(registered.getStatus().getAddresses().get(0).getAddress()).isEqualTo("127.0.0.1");
        assertThat(node.getStatus().getDaemonEndpoints()).isNull();
    }
}

package io.korch.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.api.Event;
import io.korch.api.ObjectReference;
import io.korch.model.EventReasons;
import io.korch.model.Events;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every topic's partitioning rule, and the co-partitioning it gives a namespace's object graph. */
class PartitioningTest {

    static List<Arguments> rules() {
        return List.of(
                Arguments.of(Topics.NAMESPACES, "default", "default"),
                Arguments.of(Topics.DEPLOYMENTS, "default/web", "default"),
                Arguments.of(Topics.REPLICASETS, "team-a/web-5d8f", "team-a"),
                Arguments.of(Topics.PODS, "default/web-5d8f-x2k9q", "default"),
                Arguments.of(Topics.POD_DELETIONS, "default/web-5d8f-x2k9q", "default"),
                Arguments.of(Topics.OWNED_REPLICASETS, "default/web-5d8f", "default"),
                Arguments.of(Topics.OWNED_PODS, "default/web-5d8f-x2k9q", "default"),
                Arguments.of(Topics.DEPLOYMENT_STATUS, "default/web", "default"),
                Arguments.of(Topics.REPLICASET_STATUS, "default/web-5d8f", "default"),
                Arguments.of(Topics.BINDINGS, "default/web-5d8f-x2k9q", "default"),
                Arguments.of(Topics.POD_STATUS, "default/web-5d8f-x2k9q/7a1e-uid", "default"),
                Arguments.of(Topics.EVENTS, "default/web-5d8f-x2k9q", "default"),
                Arguments.of(Topics.EVENTS, "default/node-1", "default"),
                Arguments.of(Topics.NODES, "node-1", "node-1"),
                Arguments.of(Topics.NODE_SPECS, "node-1", "node-1"),
                Arguments.of(Topics.NODE_HEALTH, "node-1", "node-1"),
                Arguments.of(Topics.POD_ASSIGNMENTS, "node-1/default/web-1", "node-1"),
                Arguments.of(Topics.BIND_REQUESTS, "node-1/default/web-1", "node-1"),
                Arguments.of(Topics.BIND_OUTCOMES, "default/web-1/node-1", "default"),
                Arguments.of(Topics.SCHEMAS, "8f3a0c1d22e4b6a7", "8f3a0c1d22e4b6a7"));
    }

    @ParameterizedTest(name = "{0} routes {1} by {2}")
    @MethodSource("rules")
    void everyTopicRoutesItsKeyByItsRule(Topic<?, ?> topic, String key, String routingKey) {
        assertThat(topic.partitioning().routingKey(key)).isEqualTo(routingKey);
        for (int partitions : new int[] {1, 3, 7, 64}) {
            assertThat(topic.partition(key, partitions))
                    .isEqualTo(kafkaDefaultPartition(routingKey, partitions))
                    .isBetween(0, partitions - 1);
        }
    }

    @Test
    void aNamespacesWholeObjectGraphSharesOnePartition() {
        String namespace = "shop";
        List<Map.Entry<Topic<?, ?>, String>> graph = List.of(
                Map.entry(Topics.NAMESPACES, namespace),
                Map.entry(Topics.DEPLOYMENTS, Keys.of(namespace, "web")),
                Map.entry(Topics.OWNED_REPLICASETS, Keys.of(namespace, "web-7c9d")),
                Map.entry(Topics.REPLICASET_STATUS, Keys.of(namespace, "web-7c9d")),
                Map.entry(Topics.OWNED_PODS, Keys.of(namespace, "web-7c9d-abcde")),
                Map.entry(Topics.BINDINGS, Keys.of(namespace, "web-7c9d-abcde")),
                Map.entry(Topics.POD_STATUS, Keys.of(namespace, "web-7c9d-abcde")),
                Map.entry(Topics.EVENTS, Keys.of(namespace, "web-7c9d-abcde")),
                Map.entry(Topics.BIND_OUTCOMES, Keys.outcome(Keys.of(namespace, "web-7c9d-abcde"), "node-3")),
                Map.entry(Topics.DEPLOYMENT_STATUS, Keys.of(namespace, "web")));

        Set<Integer> partitions = graph.stream()
                .map(entry -> entry.getKey().partition(entry.getValue(), 12))
                .collect(Collectors.toSet());

        assertThat(partitions).hasSize(1);
    }

    @Test
    void anEventAboutANodeListedInANamespaceSharesTheNamespacesPartition() {
        Event event = Events.of(ObjectReference.newBuilder().setKind("Node").setName("node-17").build(),
                Events.WARNING, EventReasons.NODE_NOT_READY, "Node node-17 status is now: NodeNotReady",
                "node-controller", null, Instant.EPOCH);
        event.getMetadata().setNamespace("shop");

        for (int partitions : new int[] {3, 7, 12, 64}) {
            assertThat(Topics.EVENTS.partition(Events.key(event), partitions))
                    .isEqualTo(Topics.NAMESPACES.partition("shop", partitions));
        }
    }

    @Test
    void aNodesRecordsShareOnePartition() {
        Set<Integer> partitions = List.of(
                        Topics.NODES.partition("node-17", 12),
                        Topics.NODE_SPECS.partition("node-17", 12),
                        Topics.NODE_HEALTH.partition("node-17", 12),
                        Topics.POD_ASSIGNMENTS.partition(Keys.onNode("node-17", "default/web-1"), 12),
                        Topics.BIND_REQUESTS.partition(Keys.onNode("node-17", "shop/api-2"), 12))
                .stream().collect(Collectors.toSet());

        assertThat(partitions).hasSize(1);
    }

    @Test
    void namespacesSpreadOverThePartitions() {
        Set<Integer> used = IntStream.range(0, 100)
                .mapToObj(i -> Topics.PODS.partition(Keys.of("ns-" + i, "pod"), 3))
                .collect(Collectors.toSet());

        assertThat(used).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void theProducerPartitionerFollowsTheTopicsRule() {
        KorchPartitioner partitioner = new KorchPartitioner();
        Cluster cluster = cluster(Topics.PODS.name(), 5);
        byte[] key = "team-b/web-1".getBytes(StandardCharsets.UTF_8);

        assertThat(partitioner.partition(Topics.PODS.name(), "team-b/web-1", key, null, null, cluster))
                .isEqualTo(Topics.PODS.partition("team-b/web-2", 5));
    }

    @Test
    void theProducerPartitionerHashesWholeKeysOfTopicsKorchDoesNotDeclare() {
        Cluster cluster = cluster("other", 5);
        byte[] key = "team-b/web-1".getBytes(StandardCharsets.UTF_8);

        assertThat(new KorchPartitioner().partition("other", "team-b/web-1", key, null, null, cluster))
                .isEqualTo(kafkaDefaultPartition("team-b/web-1", 5));
    }

    @Test
    void refusesAPartitionCountBelowOne() {
        assertThatThrownBy(() -> Partitioning.BY_NAMESPACE.partition("default/web", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a topic has at least 1 partition, not 0");
    }

    /** Where Kafka's own default partitioner puts a record keyed {@code key}. */
    private static int kafkaDefaultPartition(String key, int partitions) {
        return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
    }

    private static Cluster cluster(String topic, int partitions) {
        Node broker = new Node(1, "127.0.0.1", 9092);
        List<PartitionInfo> infos = IntStream.range(0, partitions)
                .mapToObj(p -> new PartitionInfo(topic, p, broker, new Node[] {broker}, new Node[] {broker}))
                .toList();
        return new Cluster("test", List.of(broker), infos, Set.of(), Set.of());
    }
}

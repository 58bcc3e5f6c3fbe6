package io.korch.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.korch.agent.hollow.HollowNodes;
import io.korch.agent.hollow.HollowNodesConfig;
import io.korch.api.Pod;
import io.korch.api.PodAssignment;
import io.korch.api.PodBinding;
import io.korch.cli.client.ApiClient;
import io.korch.cli.dev.DevCluster;
import io.korch.cli.dev.DevClusterOptions;
import io.korch.cli.process.KorchProcess;
import io.korch.model.Quantity;
import io.korch.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane as consumer groups on a real broker with 3 partitions: 3 controller and 2
 * scheduler processes share the work for 200 hollow nodes that the Deployments of 20 namespaces
 * nearly fill. Mid-way one controller and one scheduler are killed (SIGKILL); their partitions
 * move to the others, and exactly-once holds across the move: every Deployment converges to
 * exactly its replicas, no pod is created twice, and no node is given more cpu than it has.
 */
class ControllersAndSchedulersScaleOutTest {

    private static final int NODES = 200;
    private static final int NAMESPACES = 20;
    private static final int REPLICAS = 19;
    /** 200 nodes of 1 cpu, 380 pods of 500m: 95 % of the cluster's cpu. */
    private static final long NODE_CPU_MILLIS = 1000;
    private static final String POD_CPU = "500m";
    private static final Duration CONVERGE = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Small, quick-starting child JVMs: five of them share the machine with the test. */
    private static final List<String> CHILD_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    @TempDir
    static Path dataDir;

    private static DevCluster cluster;
    private static HollowNodes hollow;
    private static final List<KorchProcess> services = new ArrayList<>();
    private static ApiClient api;

    @BeforeAll
    static void startControlPlane() {
        // Kafka and the gateway in this process, no controller, scheduler or agent
        cluster = DevCluster.start(DevClusterOptions.ephemeral(dataDir).withNodes(0).withPartitions(3)
                .withInstances(0, 0), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        api = new ApiClient(cluster.apiUrl());
        String kafka = cluster.bootstrapServers();
        for (int i = 1; i <= 3; i++) {
            services.add(KorchProcess.start("controllers-" + i, dataDir.resolve("logs"), "384m", CHILD_JVM,
                    "controllers", "--kafka", kafka, "--data-dir", dataDir.resolve("controllers-" + i).toString()));
        }
        for (int i = 1; i <= 2; i++) {
            services.add(KorchProcess.start("scheduler-" + i, dataDir.resolve("logs"), "384m", CHILD_JVM,
                    "scheduler", "--kafka", kafka, "--data-dir", dataDir.resolve("scheduler-" + i).toString()));
        }
        hollow = HollowNodes.start(new HollowNodesConfig(kafka, NODES, "hollow-", NODE_CPU_MILLIS, 4L << 30, 110,
                Duration.ofSeconds(1)));
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(services)
                .allSatisfy(service -> assertThat(service.announcedRunning()).as(service + ":\n" + service.logText())
                        .isTrue()));
    }

    @AfterAll
    static void stopAll() {
        services.forEach(KorchProcess::close);
        if (hollow != null) {
            hollow.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void convergesExactlyWhileAControllerAndASchedulerAreKilledMidWay() {
        // given the Deployments of 20 namespaces are created
        for (int i = 1; i <= NAMESPACES; i++) {
            api.post("/api/v1/namespaces", json("""
                    {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "%s"}}""".formatted(namespace(i))));
            api.post("/apis/apps/v1/namespaces/" + namespace(i) + "/deployments", deployment(namespace(i)));
        }

        // when a third of the pods are bound, one controller and one scheduler die
        await().atMost(CONVERGE).until(() -> boundPods() >= NAMESPACES * REPLICAS / 3);
        services.get(0).kill();
        services.get(3).kill();

        // then every Deployment has exactly its replicas, all ready
        await().atMost(CONVERGE).untilAsserted(() -> {
            for (int i = 1; i <= NAMESPACES; i++) {
                JsonNode status = api.get("/apis/apps/v1/namespaces/" + namespace(i) + "/deployments/web").path("status");
                assertThat(status.path("readyReplicas").asInt()).as(namespace(i)).isEqualTo(REPLICAS);
            }
        });
        assertThat(services.get(0).alive()).isFalse();
        assertThat(services.get(3).alive()).isFalse();

        // and no pod was ever created twice or beyond the replicas: every committed pod record is one of them
        TopicSnapshot<Pod> pods = TopicSnapshot.read(cluster.bootstrapServers(), Topics.OWNED_PODS);
        Map<String, String> uidByName = new HashMap<>();
        for (ConsumerRecord<String, Pod> record : pods.records()) {
            if (record.value() != null) {
                String previous = uidByName.putIfAbsent(record.key(), record.value().getMetadata().getUid());
                assertThat(previous).as("uid of %s", record.key()).isIn(null, record.value().getMetadata().getUid());
            }
        }
        assertThat(uidByName).hasSize(NAMESPACES * REPLICAS);
        assertThat(pods.latest()).hasSize(NAMESPACES * REPLICAS);
        assertThat(pods.latest().keySet().stream().collect(Collectors.groupingBy(key -> key.split("/")[0],
                Collectors.counting()))).hasSize(NAMESPACES).allSatisfy((ns, count) -> assertThat(count).isEqualTo(REPLICAS));

        // and no node was given more cpu than it has
        Map<String, Long> cpuByNode = new HashMap<>();
        TopicSnapshot.read(cluster.bootstrapServers(), Topics.POD_ASSIGNMENTS).latest().values()
                .forEach(assignment -> cpuByNode.merge(assignment.getNodeName(), cpu(assignment), Long::sum));
        assertThat(cpuByNode.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(NAMESPACES * REPLICAS * Quantity.parseMillis(POD_CPU));
        assertThat(cpuByNode).allSatisfy((node, cpu) -> assertThat(cpu).as(node).isLessThanOrEqualTo(NODE_CPU_MILLIS));

        // and no healthy node was declared NotReady on the way, failover included
        assertThat(TopicSnapshot.read(cluster.bootstrapServers(), Topics.NODE_HEALTH).records())
                .allSatisfy(record -> assertThat(record.value() == null || record.value().getReady())
                        .as("verdict %s", record.value()).isTrue());
    }

    private static long boundPods() {
        return TopicSnapshot.read(cluster.bootstrapServers(), Topics.BINDINGS).latest().values().stream()
                .map(PodBinding::getNodeName).filter(Objects::nonNull).count();
    }

    private static long cpu(PodAssignment assignment) {
        return assignment.getPod().getSpec().getContainers().stream()
                .map(container -> container.getResources() == null ? null
                        : container.getResources().getRequests().get("cpu"))
                .filter(Objects::nonNull)
                .mapToLong(Quantity::parseMillis)
                .sum();
    }

    private static String namespace(int i) {
        return "team-" + i;
    }

    private static JsonNode deployment(String namespace) {
        return json("""
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "web", "namespace": "%s"},
                 "spec": {"replicas": %d, "selector": {"matchLabels": {"app": "web"}},
                  "template": {"metadata": {"labels": {"app": "web"}},
                   "spec": {"containers": [{"name": "web", "image": "korch/busybox:latest",
                     "command": ["sleep", "3600"], "resources": {"requests": {"cpu": "%s"}}}]}}}}
                """.formatted(namespace, REPLICAS, POD_CPU));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

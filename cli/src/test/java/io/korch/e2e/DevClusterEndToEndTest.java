package io.korch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.cli.dev.DevCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole spine on real components: a dev cluster (embedded KRaft broker, gateway,
 * controllers, scheduler and two agents) running real Docker containers of the local busybox
 * image, driven through the REST API and checked with the {@code docker} command.
 */
class DevClusterEndToEndTest {

    private static final Duration CONVERGE = Duration.ofSeconds(60);
    /** A lost node's pods must be back within seconds: the grace period plus a few reconcile rounds. */
    private static final Duration RESCHEDULE = DevClusterFixture.NODE_GRACE_PERIOD.plusSeconds(20);

    @TempDir
    static Path dataDir;

    private static DevCluster cluster;
    private static Api api;
    private static String namespace;
    private static String node1;
    private static String node2;

    @BeforeAll
    static void startCluster() {
        Docker.require();
        String prefix = "e2e" + UUID.randomUUID().toString().substring(0, 6) + "-";
        node1 = prefix + "node-1";
        node2 = prefix + "node-2";
        namespace = prefix + "ns";
        cluster = DevClusterFixture.start(dataDir, prefix, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        api = new Api(cluster.apiUrl());
        assertThat(api.post("/api/v1/namespaces", """
                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "%s"}}""".formatted(namespace))
                .status()).isEqualTo(201);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (namespace != null) {
            Docker.removeAll("io.korch.pod.namespace=" + namespace);
        }
    }

    @Test
    void deploymentRunsSpreadsScalesHealsReplacesMovesOffALostNodeAndCleansUp() {
        // given a Deployment of three replicas of the local image
        assertThat(api.post(deployments(), deployment("web", 3)).status()).isEqualTo(201);

        // then three containers run, on both nodes
        await().atMost(CONVERGE).until(() -> containers().size() == 3);
        assertThat(nodesOf(containers())).containsExactlyInAnyOrder(node1, node2);
        await().atMost(CONVERGE).until(() -> runningPods().size() == 3);

        // when scaled to five, then to one
        scale("web", 5);
        await().atMost(CONVERGE).until(() -> containers().size() == 5);
        scale("web", 1);
        await().atMost(CONVERGE).until(() -> containers().size() == 1 && pods().size() == 1);

        // when its container is killed, the agent restarts it
        String killed = containers().get(0);
        Docker.kill(killed);
        await().atMost(CONVERGE).until(() -> restarts(pods().get(0)) >= 1 && containers().size() == 1);

        // when its pod is deleted, the ReplicaSet replaces it with a new one
        String deleted = pods().get(0).at("/metadata/name").asText();
        assertThat(api.delete("/api/v1/namespaces/" + namespace + "/pods/" + deleted).status()).isEqualTo(200);
        await().atMost(CONVERGE).until(() -> {
            List<JsonNode> running = runningPods();
            return running.size() == 1 && !running.get(0).at("/metadata/name").asText().equals(deleted)
                    && pods().size() == 1 && containers().size() == 1;
        });

        // when a node is lost, its pods come back on the other node
        scale("web", 3);
        await().atMost(CONVERGE).until(() -> runningPods().size() == 3);
        cluster.stopAgent(node1);
        await().atMost(RESCHEDULE).until(() -> {
            List<JsonNode> running = runningPods();
            return running.size() == 3 && running.stream().allMatch(p -> node2.equals(nodeOf(p)));
        });
        assertThat(nodeReady(node1)).isEqualTo("False");

        // when the lost node is deleted, it is gone from the cluster
        assertThat(api.delete("/api/v1/nodes/" + node1).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/nodes/" + node1).status()).isEqualTo(404);

        // when the Deployment is deleted and the lost node's agent comes back, the node registers
        // again and no container is left
        assertThat(api.delete(deployments() + "/web").status()).isEqualTo(200);
        cluster.startAgent(node1);
        await().atMost(CONVERGE).until(() -> api.get("/api/v1/nodes/" + node1).status() == 200);
        await().atMost(CONVERGE).until(() -> Docker.allContainers("io.korch.pod.namespace=" + namespace).isEmpty());
        await().atMost(CONVERGE).until(() -> pods().isEmpty());
    }

    @Test
    void podAskingForMoreCpuThanAnyNodeHasStaysPendingWithTheReason() {
        // given a pod that asks for 1000 CPUs
        assertThat(api.post("/api/v1/namespaces/" + namespace + "/pods", """
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "too-big"},
                 "spec": {"containers": [{"name": "main", "image": "%s", "command": ["sleep", "3600"],
                          "resources": {"requests": {"cpu": "1000"}}}]}}""".formatted(Docker.IMAGE))
                .status()).isEqualTo(201);

        // then it stays Pending and says why
        String path = "/api/v1/namespaces/" + namespace + "/pods/too-big";
        await().atMost(CONVERGE).until(() -> scheduledCondition(api.get(path).body()).path("reason").asText()
                .equals("Unschedulable"));
        JsonNode pod = api.get(path).body();
        assertThat(pod.at("/status/phase").asText()).isEqualTo("Pending");
        assertThat(scheduledCondition(pod).path("message").asText())
                .contains("0/2 nodes are available").contains("Insufficient cpu");
        assertThat(Docker.allContainers("io.korch.pod.name=too-big", "io.korch.pod.namespace=" + namespace)).isEmpty();

        assertThat(api.delete(path).status()).isEqualTo(200);
    }

    private static String deployments() {
        return "/apis/apps/v1/namespaces/" + namespace + "/deployments";
    }

    private static String deployment(String name, int replicas) {
        return """
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "%1$s", "labels": {"app": "%1$s"}},
                 "spec": {"replicas": %2$d,
                          "selector": {"matchLabels": {"app": "%1$s"}},
                          "template": {"metadata": {"labels": {"app": "%1$s"}},
                                       "spec": {"containers": [{"name": "main", "image": "%3$s",
                                                "command": ["sh", "-c", "sleep 3600"],
                                                "resources": {"requests": {"cpu": "10m", "memory": "8Mi"}}}]}}}}
                """.formatted(name, replicas, Docker.IMAGE);
    }

    private static void scale(String name, int replicas) {
        String path = deployments() + "/" + name + "/scale";
        Api.Response response = api.put(path, """
                {"apiVersion": "autoscaling/v1", "kind": "Scale",
                 "metadata": {"name": "%s", "namespace": "%s"}, "spec": {"replicas": %d}}"""
                .formatted(name, namespace, replicas));
        assertThat(response.status()).as("scale: %s", response.body()).isEqualTo(200);
    }

    private static List<String> containers() {
        return Docker.runningContainers("io.korch.pod.namespace=" + namespace);
    }

    private static Set<String> nodesOf(List<String> containerIds) {
        return containerIds.stream().map(id -> Docker.label(id, "io.korch.node")).collect(Collectors.toSet());
    }

    private static List<JsonNode> pods() {
        return api.items("/api/v1/namespaces/" + namespace + "/pods");
    }

    private static List<JsonNode> runningPods() {
        return pods().stream().filter(p -> p.at("/status/phase").asText().equals("Running")).toList();
    }

    private static String nodeOf(JsonNode pod) {
        return pod.at("/spec/nodeName").asText();
    }

    private static int restarts(JsonNode pod) {
        return pod.at("/status/containerStatuses/0/restartCount").asInt();
    }

    private static JsonNode scheduledCondition(JsonNode pod) {
        for (JsonNode condition : pod.at("/status/conditions")) {
            if (condition.path("type").asText().equals("PodScheduled")) {
                return condition;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String nodeReady(String node) {
        for (JsonNode condition : api.get("/api/v1/nodes/" + node).body().at("/status/conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition.path("status").asText();
            }
        }
        return "Unknown";
    }
}

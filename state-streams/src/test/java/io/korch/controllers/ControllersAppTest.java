package io.korch.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.api.Deployment;
import io.korch.api.DeploymentStatus;
import io.korch.api.Event;
import io.korch.api.NodeHealth;
import io.korch.api.Pod;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import io.korch.controllers.testing.TopicViews;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.topics.Keys;
import io.korch.testkit.Deployments;
import io.korch.testkit.Nodes;
import io.korch.testkit.PodReports;
import io.korch.topics.KorchPartitioner;
import io.korch.topics.Topic;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controllers application against a real broker: this test plays the gateway (deployments),
 * the scheduler (bindings) and two agents (heartbeats and pod reports), and reads what the
 * controllers write back.
 */
class ControllersAppTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofSeconds(2);

    @TempDir
    static Path stateDir;

    private static EmbeddedKafkaBroker kafka;
    private static ControllersApp controllers;
    private static KafkaProducer<String, byte[]> producer;
    private static TopicViews views;
    private static ScheduledExecutorService heartbeats;
    private static final Set<String> aliveNodes = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafkaBroker.builder().build().start();
        TopicAdmin.createTopics(kafka.bootstrapServers(), 1, (short) 1);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        KorchPartitioner.use(props);
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        views = new TopicViews(kafka.bootstrapServers(), List.of(Topics.OWNED_REPLICASETS, Topics.OWNED_PODS,
                Topics.DEPLOYMENT_STATUS, Topics.REPLICASET_STATUS, Topics.NODE_HEALTH));
        heartbeats = Executors.newSingleThreadScheduledExecutor();
        heartbeats.scheduleAtFixedRate(() -> aliveNodes.forEach(node ->
                publish(Topics.NODES, node, Nodes.heartbeat(node, Instant.now()))), 0, 300, TimeUnit.MILLISECONDS);
        controllers = ControllersApp.start(new ControllersConfig(
                kafka.bootstrapServers(), "controllers-app-test", stateDir, GRACE));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (heartbeats != null) {
            heartbeats.shutdownNow();
            heartbeats.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (controllers != null) {
            controllers.close();
        }
        if (views != null) {
            views.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> void publish(Topic<String, V> topic, String key, V value) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value)))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic.name(), e);
        }
    }

    private static Map<String, Pod> pods() {
        return views.table(Topics.OWNED_PODS);
    }

    @Test
    void drivesADeploymentThroughItsWholeLife() {
        // given two nodes heartbeating
        aliveNodes.addAll(List.of("node-1", "node-2"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(views.table(Topics.NODE_HEALTH))
                .containsOnlyKeys("node-1", "node-2")
                .allSatisfy((node, health) -> assertThat(health.getReady()).isTrue()));

        // when a Deployment of 3 replicas is declared
        publish(Topics.DEPLOYMENTS, "default/web", Deployments.deployment("web").replicas(3).build());

        // then it owns one ReplicaSet and three pods
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(views.table(Topics.OWNED_REPLICASETS)).hasSize(1);
            assertThat(pods()).hasSize(3);
            assertThat(views.table(Topics.DEPLOYMENT_STATUS).get("default/web"))
                    .extracting(DeploymentStatus::getReplicas).isEqualTo(3);
        });

        // when scaled to 5, then to 1
        publish(Topics.DEPLOYMENTS, "default/web", Deployments.deployment("web").replicas(5).generation(2).build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(pods()).hasSize(5));
        publish(Topics.DEPLOYMENTS, "default/web", Deployments.deployment("web").replicas(1).generation(3).build());
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(pods()).hasSize(1);
            assertThat(views.table(Topics.DEPLOYMENT_STATUS).get("default/web"))
                    .extracting(DeploymentStatus::getReplicas, DeploymentStatus::getObservedGeneration)
                    .containsExactly(1, 3L);
        });

        // when scaled back to 3, and the pods are bound (one to node-1, two to node-2) and reported ready
        publish(Topics.DEPLOYMENTS, "default/web", Deployments.deployment("web").replicas(3).generation(4).build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(pods()).hasSize(3));
        List<String> podKeys = new ArrayList<>(pods().keySet());
        podKeys.sort(null);
        Map<String, Pod> bound = new HashMap<>(pods());
        for (int i = 0; i < podKeys.size(); i++) {
            String node = i == 0 ? "node-1" : "node-2";
            Pod pod = bound.get(podKeys.get(i));
            publish(Topics.BINDINGS, podKeys.get(i), PodReports.binding(pod, node));
            publish(Topics.POD_STATUS, Keys.podStatus(podKeys.get(i), pod.getMetadata().getUid()),
                    PodReports.runningReady(pod, node));
        }

        // then the ReplicaSet and the Deployment count 3 ready pods, and the Deployment is Available
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(views.table(Topics.REPLICASET_STATUS).values())
                    .singleElement().extracting(ReplicaSetStatus::getReadyReplicas).isEqualTo(3);
            DeploymentStatus status = views.table(Topics.DEPLOYMENT_STATUS).get("default/web");
            assertThat(status.getAvailableReplicas()).isEqualTo(3);
            assertThat(status.getConditions().get(0).getStatus()).isEqualTo("True");
        });

        // when node-2 stops heartbeating
        aliveNodes.remove("node-2");

        // then it is declared NotReady and its two pods are replaced; the pod on node-1 stays
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(views.table(Topics.NODE_HEALTH).get("node-2").getReady()).isFalse();
            assertThat(views.table(Topics.NODE_HEALTH).get("node-1").getReady()).isTrue();
            assertThat(pods()).hasSize(3).containsKey(podKeys.get(0))
                    .doesNotContainKeys(podKeys.get(1), podKeys.get(2));
        });
        assertThat(views.events()).extracting(Event::getReason)
                .contains("NodeReady", "NodeNotReady", "ScalingReplicaSet", "SuccessfulCreate", "SuccessfulDelete");

        // when the controllers restart
        Map<String, Pod> beforeRestart = pods();
        controllers.close();
        controllers = ControllersApp.start(new ControllersConfig(
                kafka.bootstrapServers(), "controllers-app-test", stateDir, GRACE));

        // then they pick up where they stopped: no pod is created or replaced and node-1 stays Ready
        await().during(GRACE.plusSeconds(2)).atMost(WAIT).untilAsserted(() -> {
            assertThat(pods()).isEqualTo(beforeRestart);
            assertThat(views.table(Topics.NODE_HEALTH).get("node-1").getReady()).isTrue();
        });

        // when the Deployment is deleted
        publish(Topics.DEPLOYMENTS, "default/web", null);

        // then everything it owned is tombstoned
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(views.table(Topics.OWNED_REPLICASETS)).isEmpty();
            assertThat(pods()).isEmpty();
            assertThat(views.table(Topics.REPLICASET_STATUS)).isEmpty();
            assertThat(views.table(Topics.DEPLOYMENT_STATUS)).isEmpty();
        });
    }
}

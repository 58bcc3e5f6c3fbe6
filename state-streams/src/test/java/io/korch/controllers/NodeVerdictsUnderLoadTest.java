package io.korch.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.api.Event;
import io.korch.api.NodeHealth;
import io.korch.controllers.testing.TopicViews;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.testkit.Deployments;
import io.korch.testkit.Nodes;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node verdicts against a real broker while the other controllers work through a backlog: 200
 * simulated nodes heartbeat every second from this test, and thousands of Deployments are declared
 * at once. The bounds on waiting are generous, for a busy two-core machine; what is asserted is what
 * the controller decided and on what evidence, never how fast it ran.
 */
class NodeVerdictsUnderLoadTest {

    private static final int NODES = 200;
    private static final int DEPLOYMENTS = 2_000;
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(180);

    @TempDir
    Path stateDir;

    private EmbeddedKafkaBroker kafka;
    private KafkaProducer<String, byte[]> producer;
    private ControllersApp controllers;
    private TopicViews views;
    private ScheduledExecutorService heartbeats;
    private final Set<String> alive = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    /** While true, no node's heartbeat reaches the log, as when the writers' side of the network fails. */
    private volatile boolean writersCutOff;

    @BeforeEach
    void start() {
        kafka = EmbeddedKafkaBroker.builder().build().start();
        TopicAdmin.createTopics(kafka.bootstrapServers(), 1, (short) 1);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // a two-core machine running the broker, the controllers and this load can stall a batch for minutes:
        // the heartbeats retry through such a stall instead of being dropped
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WAIT.multipliedBy(3).toMillis());
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        views = new TopicViews(kafka.bootstrapServers(), List.of(Topics.NODE_HEALTH, Topics.OWNED_PODS));
        IntStream.range(0, NODES).forEach(i -> alive.add(String.format("node-%03d", i)));
        heartbeats = Executors.newSingleThreadScheduledExecutor();
        heartbeats.scheduleAtFixedRate(() -> alive.stream().filter(node -> !writersCutOff).forEach(node -> send(Topics.NODES.name(), node,
                Topics.NODES.valueSerde().serializer().serialize(Topics.NODES.name(),
                        Nodes.heartbeat(node, Instant.now())))), 0, 1, TimeUnit.SECONDS);
        controllers = ControllersApp.start(new ControllersConfig(
                kafka.bootstrapServers(), "node-verdicts-test", stateDir, GRACE));
    }

    @AfterEach
    void stop() throws InterruptedException {
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

    private void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            if (error != null) {
                sendFailure.compareAndSet(null, error);
            }
        });
    }

    private List<NodeHealth> notReadyVerdicts() {
        return views.history(Topics.NODE_HEALTH).stream().filter(health -> !health.getReady()).toList();
    }

    @Test
    void healthyNodesStayReadyWhileTheControllersWorkThroughABacklogAndALostNodeIsNotReadyOnItsOwnEvidence() {
        // given 200 nodes heartbeating every second, all Ready
        await().atMost(WAIT).untilAsserted(() -> assertThat(views.table(Topics.NODE_HEALTH)).hasSize(NODES)
                .allSatisfy((node, health) -> assertThat(health.getReady()).isTrue()));

        // when thousands of Deployments are declared at once, and the controllers create a pod for each
        for (int i = 0; i < DEPLOYMENTS; i++) {
            String name = "load-" + i;
            send(Topics.DEPLOYMENTS.name(), "default/" + name, Topics.DEPLOYMENTS.valueSerde().serializer()
                    .serialize(Topics.DEPLOYMENTS.name(), Deployments.deployment(name).replicas(1).build()));
        }
        producer.flush();
        await().atMost(WAIT).untilAsserted(() -> assertThat(views.table(Topics.OWNED_PODS)).hasSize(DEPLOYMENTS));

        // then no node was ever declared NotReady, and it is not now, a grace period after the backlog
        await().during(GRACE.plusSeconds(1)).atMost(WAIT).untilAsserted(() -> assertThat(notReadyVerdicts()).isEmpty());
        assertThat(views.events()).extracting(Event::getReason).doesNotContain("NodeNotReady");
        assertThat(sendFailure.get()).isNull();

        // when one node stops heartbeating
        alive.remove("node-042");

        // then it alone is declared NotReady, on the evidence of its own last heartbeat: the partition had been
        // read up to more than the grace period, and at most a second more, after it
        await().atMost(WAIT).untilAsserted(() -> assertThat(notReadyVerdicts()).isNotEmpty());
        NodeHealth verdict = notReadyVerdicts().get(0);
        assertThat(verdict.getNodeName()).isEqualTo("node-042");
        assertThat(verdict.getReason()).isEqualTo("NodeStatusUnknown");
        Duration silence = Duration.between(verdict.getLastHeartbeatTime(), verdict.getReadUpTo());
        assertThat(silence).isGreaterThan(GRACE).isLessThanOrEqualTo(GRACE.plusSeconds(1));
        assertThat(verdict.getHeartbeatOffset()).isNotNull();
        assertThat(verdict.getReadOffset()).isGreaterThan(verdict.getHeartbeatOffset());
        assertThat(verdict.getMessage()).contains("Last heartbeat at " + verdict.getLastHeartbeatTime(),
                "(korch.nodes-0@" + verdict.getHeartbeatOffset() + ")", "offset " + verdict.getReadOffset());
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(views.table(Topics.NODE_HEALTH).get("node-042").getEvictPods()).isTrue();
            assertThat(views.events()).filteredOn(event -> event.getReason().equals("NodeNotReady"))
                    .singleElement().satisfies(event -> assertThat(event.getMessage())
                            .contains("node-042", "(korch.nodes-0@" + verdict.getHeartbeatOffset() + ")"));
        });
        assertThat(notReadyVerdicts()).extracting(NodeHealth::getNodeName).containsOnly("node-042");
    }

    @Test
    void noNodeIsDeclaredNotReadyWhileNoHeartbeatAtAllReachesTheLogNorRightAfterItComesBack() {
        // given 200 nodes heartbeating every second, all Ready
        await().atMost(WAIT).untilAsserted(() -> assertThat(views.table(Topics.NODE_HEALTH)).hasSize(NODES)
                .allSatisfy((node, health) -> assertThat(health.getReady()).isTrue()));

        // when no heartbeat at all reaches the log for longer than the grace period
        writersCutOff = true;

        // then no node is declared NotReady meanwhile: a log nobody can write to says nothing about the nodes
        await().during(GRACE.plusSeconds(3)).atMost(WAIT).untilAsserted(() -> assertThat(notReadyVerdicts()).isEmpty());

        // and none once heartbeats come back, each node being judged from when the log resumed
        writersCutOff = false;
        await().during(GRACE.plusSeconds(2)).atMost(WAIT).untilAsserted(() -> assertThat(notReadyVerdicts()).isEmpty());
        assertThat(sendFailure.get()).isNull();
    }
}

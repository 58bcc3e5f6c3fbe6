package io.korch.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.korch.api.Node;
import io.korch.api.Pod;
import io.korch.api.PodAssignment;
import io.korch.api.PodBinding;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.prometheus.MetricsServer;
import io.korch.scheduler.placer.PlacerProcessor;
import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;
import io.korch.testkit.PrometheusText;
import io.korch.topics.KorchPartitioner;
import io.korch.topics.Topic;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler against a real broker: from nodes and pods in Kafka to bindings and assignments in Kafka. */
class SchedulerAppIntegrationTest {

    /** Several partitions, so that placers and binders run as separate tasks. */
    private static final int PARTITIONS = 3;

    private static final Duration WAIT = Duration.ofSeconds(60);

    private EmbeddedKafkaBroker kafka;

    @TempDir
    Path stateDir;

    @BeforeEach
    void startKafka() {
        kafka = EmbeddedKafkaBroker.builder().build().start();
        TopicAdmin.createTopics(kafka.bootstrapServers(), PARTITIONS, (short) 1);
    }

    @AfterEach
    void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void placesAPodByALabelUsersDeclaredOnTheNode() {
        // given a node registered without the label a pod selects, and a declaration adding it
        try (SchedulerApp scheduler = SchedulerApp.start(SchedulerConfig.defaults(kafka.bootstrapServers(), stateDir));
             KafkaProducer<byte[], byte[]> producer = producer()) {
            send(producer, Topics.NODES, "node-1", Nodes.node("node-1").build());
            send(producer, Topics.NODE_SPECS, "node-1", Nodes.declared("node-1").label("disk", "ssd").build());
            Pods db = Pods.pod("db").nodeSelector("disk", "ssd");
            send(producer, Topics.PODS, db.key(), db.build());
            producer.flush();

            // when / then, in whichever order the three records are read
            try (Latest<PodBinding> bindings = new Latest<>(Topics.BINDINGS)) {
                await().atMost(WAIT).untilAsserted(() ->
                        assertThat(bindings.poll().get(db.key())).extracting(PodBinding::getNodeName).isEqualTo("node-1"));
            }
        }
    }

    @Test
    void bindsReplicasOnBothNodesAndExplainsAPodThatFitsNowhere() {
        // given two nodes of 2 cpu, three replicas of one owner and one pod asking for 16 cpu
        try (SchedulerApp scheduler = SchedulerApp.start(SchedulerConfig.defaults(kafka.bootstrapServers(), stateDir));
             KafkaProducer<byte[], byte[]> producer = producer()) {
            send(producer, Topics.NODES, "node-1", Nodes.node("node-1").cpu("2").build());
            send(producer, Topics.NODES, "node-2", Nodes.node("node-2").cpu("2").build());
            for (int i = 1; i <= 3; i++) {
                Pods replica = Pods.pod("web-" + i).cpu("250m").owner("rs-web");
                send(producer, Topics.OWNED_PODS, replica.key(), replica.build());
            }
            Pods huge = Pods.pod("huge").cpu("16");
            send(producer, Topics.PODS, huge.key(), huge.build());
            producer.flush();

            // when / then
            try (Latest<PodBinding> bindings = new Latest<>(Topics.BINDINGS);
                 Latest<PodAssignment> assignments = new Latest<>(Topics.POD_ASSIGNMENTS)) {
                await().atMost(WAIT).untilAsserted(() -> {
                    Map<String, PodBinding> bound = bindings.poll();
                    assertThat(bound).containsKeys("default/web-1", "default/web-2", "default/web-3", "default/huge");
                    assertThat(List.of(bound.get("default/web-1"), bound.get("default/web-2"), bound.get("default/web-3")))
                            .extracting(PodBinding::getNodeName).contains("node-1", "node-2");
                    PodBinding unschedulable = bound.get("default/huge");
                    assertThat(unschedulable.getNodeName()).isNull();
                    assertThat(unschedulable.getReason()).isEqualTo(PlacerProcessor.UNSCHEDULABLE);
                    assertThat(unschedulable.getMessage()).isEqualTo("0/2 nodes are available: 2 Insufficient cpu.");

                    assertThat(listedPods(assignments.poll())).containsExactlyInAnyOrder(
                            "web-1@" + bound.get("default/web-1").getNodeName(),
                            "web-2@" + bound.get("default/web-2").getNodeName(),
                            "web-3@" + bound.get("default/web-3").getNodeName());
                });
            }
        }
    }

    @Test
    void countsItsAttemptsByResultAndItsPendingPodsInItsMetrics() {
        // given a scheduler serving its metrics, one node of 2 cpu
        try (SchedulerApp scheduler = SchedulerApp.start(SchedulerConfig.defaults(kafka.bootstrapServers(), stateDir));
             MetricsServer metrics = MetricsServer.start("127.0.0.1", 0, scheduler.meters());
             KafkaProducer<byte[], byte[]> producer = producer()) {
            send(producer, Topics.NODES, "node-1", Nodes.node("node-1").cpu("2").build());

            // when a pod that fits and one that fits nowhere arrive
            send(producer, Topics.PODS, "default/small", Pods.pod("small").cpu("250m").build());
            send(producer, Topics.PODS, "default/huge", Pods.pod("huge").cpu("16").build());
            producer.flush();

            // then
            await().atMost(WAIT).untilAsserted(() -> {
                PrometheusText text = PrometheusText.scrape(metrics.url());
                assertThat(text.type("korch_scheduler_schedule_attempts_total")).isEqualTo("counter");
                assertThat(text.sum("korch_scheduler_schedule_attempts_total", Map.of("result", "scheduled")))
                        .isGreaterThanOrEqualTo(1);
                assertThat(text.sum("korch_scheduler_schedule_attempts_total", Map.of("result", "unschedulable")))
                        .isGreaterThanOrEqualTo(1);
                assertThat(text.type("korch_scheduler_scheduling_attempt_duration_seconds")).isEqualTo("histogram");
                assertThat(text.sum("korch_scheduler_scheduling_attempt_duration_seconds_count",
                        Map.of("result", "scheduled"))).isGreaterThanOrEqualTo(1);
                assertThat(text.sum("korch_scheduler_pending_pods", Map.of())).isEqualTo(1.0);
                assertThat(text.sum("korch_streams_healthy",
                        Map.of("application", SchedulerConfig.DEFAULT_APPLICATION_ID))).isEqualTo(1.0);
                assertThat(text.has("korch_streams_consumer_lag_records",
                        Map.of("application", SchedulerConfig.DEFAULT_APPLICATION_ID))).isTrue();
            });
        }
    }

    @Test
    void resumesFromItsChangelogAfterARestartWithoutOvercommittingANode(@TempDir Path otherStateDir) {
        // given a first scheduler placed one 1500m pod on each of two 2-cpu nodes
        try (KafkaProducer<byte[], byte[]> producer = producer();
             Latest<PodBinding> bindings = new Latest<>(Topics.BINDINGS)) {
            try (SchedulerApp first = SchedulerApp.start(SchedulerConfig.defaults(kafka.bootstrapServers(), stateDir))) {
                send(producer, Topics.NODES, "node-1", Nodes.node("node-1").cpu("2").build());
                send(producer, Topics.NODES, "node-2", Nodes.node("node-2").cpu("2").build());
                send(producer, Topics.PODS, "default/a", Pods.pod("a").cpu("1500m").build());
                send(producer, Topics.PODS, "default/b", Pods.pod("b").cpu("1500m").build());
                producer.flush();
                await().atMost(WAIT).untilAsserted(() -> assertThat(bindings.poll().values())
                        .extracting(PodBinding::getNodeName).containsExactlyInAnyOrder("node-1", "node-2"));
            }
            Map<String, PodBinding> before = bindings.poll();

            // when a second scheduler with an empty state dir (so it restores from the changelog) gets two more pods
            try (SchedulerApp second = SchedulerApp.start(
                    SchedulerConfig.defaults(kafka.bootstrapServers(), otherStateDir))) {
                send(producer, Topics.PODS, "default/c", Pods.pod("c").cpu("500m").build());
                send(producer, Topics.PODS, "default/d", Pods.pod("d").cpu("1").build());
                producer.flush();

                // then the first two stay where they were, c fits beside one of them, d fits nowhere
                await().atMost(WAIT).untilAsserted(() -> {
                    Map<String, PodBinding> bound = bindings.poll();
                    assertThat(bound).containsKeys("default/c", "default/d");
                    assertThat(bound.get("default/a")).isEqualTo(before.get("default/a"));
                    assertThat(bound.get("default/b")).isEqualTo(before.get("default/b"));
                    assertThat(bound.get("default/c").getNodeName()).isIn("node-1", "node-2");
                    assertThat(bound.get("default/d").getMessage())
                            .isEqualTo("0/2 nodes are available: 2 Insufficient cpu.");
                });
            }
        }
    }

    @Test
    void refusesToStartWhenItsTopicsAreNotCoPartitioned(@TempDir Path otherStateDir) throws Exception {
        // given a cluster whose korch.bind-requests has more partitions than the other topics
        try (EmbeddedKafkaBroker other = EmbeddedKafkaBroker.builder().build().start()) {
            TopicAdmin.createTopics(other.bootstrapServers(), PARTITIONS, (short) 1);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, other.bootstrapServers()))) {
                admin.createPartitions(Map.of(Topics.BIND_REQUESTS.name(), NewPartitions.increaseTo(PARTITIONS + 2)))
                        .all().get(30, TimeUnit.SECONDS);
                await().atMost(WAIT).until(() -> admin.describeTopics(List.of(Topics.BIND_REQUESTS.name()))
                        .allTopicNames().get(30, TimeUnit.SECONDS).get(Topics.BIND_REQUESTS.name()).partitions().size()
                        == PARTITIONS + 2);
            }

            // when / then
            assertThatThrownBy(() -> SchedulerApp.start(SchedulerConfig.defaults(other.bootstrapServers(), otherStateDir)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the topics of the scheduler must be co-partitioned")
                    .hasMessageContaining("korch.bind-requests has 5 partitions");
        }
    }

    @Test
    void reportsAFailureAfterStartAndRunsTheFailureHook() {
        // given a running scheduler whose clock can be made to fail like a store or sink write would
        BreakableClock clock = new BreakableClock();
        CountDownLatch hookRan = new CountDownLatch(1);
        try (SchedulerApp scheduler = SchedulerApp.start(
                SchedulerConfig.defaults(kafka.bootstrapServers(), stateDir), clock, new Random(0));
             KafkaProducer<byte[], byte[]> producer = producer()) {
            scheduler.onFailure(hookRan::countDown);
            assertThat(scheduler.healthy()).isTrue();

            // when binding a pod fails with a Kafka exception, which the processing handler does not skip
            clock.broken = true;
            send(producer, Topics.NODES, "node-1", Nodes.node("node-1").build());
            send(producer, Topics.PODS, "default/web", Pods.pod("web").build());
            producer.flush();

            // then the scheduler says it is unhealthy and the hook runs
            await().atMost(WAIT).until(() -> hookRan.getCount() == 0);
            assertThat(scheduler.healthy()).isFalse();
            assertThat(scheduler.state()).isEqualTo(KafkaStreams.State.ERROR);
        }
    }

    /** A clock that throws, as a failing write does, while {@link #broken}. */
    private static final class BreakableClock extends Clock {

        volatile boolean broken;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            if (broken) {
                throw new StreamsException("injected write failure");
            }
            return Instant.now();
        }
    }

    private static List<String> listedPods(Map<String, PodAssignment> assignments) {
        return assignments.values().stream()
                .filter(Objects::nonNull)
                .map(assignment -> assignment.getPod().getMetadata().getName() + "@" + assignment.getNodeName())
                .toList();
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        KorchPartitioner.use(props);
        return new KafkaProducer<>(props, (topic, data) -> data, (topic, data) -> data);
    }

    private static <V> void send(KafkaProducer<byte[], byte[]> producer, Topic<String, V> topic, String key, V value) {
        producer.send(new ProducerRecord<>(topic.name(),
                topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), value)));
    }

    /** The latest committed value per key of one topic, read from its beginning. */
    private final class Latest<V> implements AutoCloseable {

        private final Topic<String, V> topic;
        private final KafkaConsumer<String, V> consumer;
        private final Map<String, V> latest = new HashMap<>();

        Latest(Topic<String, V> topic) {
            this.topic = topic;
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            this.consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        Map<String, V> poll() {
            for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.value() == null) {
                    latest.remove(record.key());
                } else {
                    latest.put(record.key(), record.value());
                }
            }
            return Map.copyOf(latest);
        }

        @Override
        public void close() {
            consumer.close();
        }

        @Override
        public String toString() {
            return topic.name() + latest.keySet();
        }
    }
}

package io.korch.controllers.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.controllers.ControllersApp;
import io.korch.controllers.ControllersConfig;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.prometheus.MetricsServer;
import io.korch.testkit.Deployments;
import io.korch.testkit.Nodes;
import io.korch.testkit.PrometheusText;
import io.korch.topics.KorchPartitioner;
import io.korch.topics.Topic;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
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
 * The controllers' meters, scraped over real HTTP from a controllers instance on a real broker:
 * each controller's reconciles are counted and timed, and each of the three streams applications
 * shows its consumer lag and health.
 */
class ControllersMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String APPLICATION_ID = "controllers-metrics-test";

    @TempDir
    static Path stateDir;

    private static EmbeddedKafkaBroker kafka;
    private static ControllersApp controllers;
    private static MetricsServer metrics;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafkaBroker.builder().build().start();
        TopicAdmin.createTopics(kafka.bootstrapServers(), 1, (short) 1);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        KorchPartitioner.use(props);
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        controllers = ControllersApp.start(new ControllersConfig(kafka.bootstrapServers(), APPLICATION_ID, stateDir,
                Duration.ofSeconds(2)));
        metrics = MetricsServer.start("127.0.0.1", 0, controllers.meters());
    }

    @AfterAll
    static void stop() {
        if (metrics != null) {
            metrics.close();
        }
        if (controllers != null) {
            controllers.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void countsAndTimesTheReconcilesOfEveryController() throws Exception {
        // given
        double deploymentsBefore = reconciles(PrometheusText.scrape(metrics.url()), "deployment");

        // when a node registers and a Deployment is declared
        publish(Topics.NODES, "node-1", Nodes.heartbeat("node-1", Instant.now()));
        publish(Topics.DEPLOYMENTS, "default/web", Deployments.deployment("web").replicas(2).build());

        // then each controller counts its steps: the Deployment's, its ReplicaSet's, its pods' endpoints,
        // the node's verdicts and its pod CIDR
        await().atMost(WAIT).untilAsserted(() -> {
            PrometheusText text = PrometheusText.scrape(metrics.url());
            assertThat(text.type("korch_controller_reconcile_total")).isEqualTo("counter");
            assertThat(reconciles(text, "deployment")).isGreaterThan(deploymentsBefore);
            for (String controller : List.of("replicaset", "endpoints", "node-lifecycle", "nodeipam")) {
                assertThat(reconciles(text, controller)).as(controller).isPositive();
            }
            assertThat(text.type("korch_controller_reconcile_duration_seconds")).isEqualTo("histogram");
            assertThat(text.sum("korch_controller_reconcile_duration_seconds_count", Map.of("controller", "deployment")))
                    .isGreaterThan(deploymentsBefore);
            assertThat(text.has("korch_controller_reconcile_total",
                    Map.of("controller", "deployment", "result", "error"))).isTrue();
        });
    }

    @Test
    void showsTheLagAndHealthOfEachStreamsApplication() {
        PrometheusText text = PrometheusText.scrape(metrics.url());

        for (String application : List.of(APPLICATION_ID, APPLICATION_ID + ControllersConfig.NODE_LIFECYCLE_SUFFIX,
                APPLICATION_ID + ControllersConfig.NETWORK_SUFFIX)) {
            Map<String, String> labels = Map.of("application", application);
            assertThat(text.has("korch_streams_consumer_lag_records", labels)).as(application).isTrue();
            assertThat(text.has("korch_streams_consumer_max_lag_records", labels)).as(application).isTrue();
            assertThat(text.sum("korch_streams_healthy", labels)).as(application).isEqualTo(1.0);
        }
    }

    private static double reconciles(PrometheusText text, String controller) {
        return text.sum("korch_controller_reconcile_total", Map.of("controller", controller, "result", "success"));
    }

    private static <V extends SpecificRecord> void publish(Topic<String, V> topic, String key, V value) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value)))
                .get(30, TimeUnit.SECONDS);
    }
}

package io.korch.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.korch.api.Deployment;
import io.korch.controllers.testing.FailingIds;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.testkit.Deployments;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the controllers application starts, fails and tells about it, each test on a broker of its own. */
class ControllersAppLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    private EmbeddedKafkaBroker kafka;
    private ControllersApp controllers;

    @BeforeEach
    void startBroker() {
        kafka = EmbeddedKafkaBroker.builder().build().start();
        TopicAdmin.createTopics(kafka.bootstrapServers(), 1, (short) 1);
    }

    @AfterEach
    void stop() {
        if (controllers != null) {
            controllers.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private ControllersConfig config() {
        return new ControllersConfig(kafka.bootstrapServers(), "controllers-lifecycle-test", stateDir,
                ControllersConfig.DEFAULT_NODE_GRACE_PERIOD);
    }

    @Test
    void refusesToStartWhenItsInputTopicsAreNotCoPartitioned() throws Exception {
        // given korch.bindings with 3 partitions
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.createPartitions(Map.of(Topics.BINDINGS.name(), NewPartitions.increaseTo(3)))
                    .all().get(30, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> admin.describeTopics(List.of(Topics.BINDINGS.name())).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.BINDINGS.name()).partitions().size() == 3);
        }

        // then the controllers refuse to start, naming it and the others
        assertThatThrownBy(() -> controllers = ControllersApp.start(config()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("controllers")
                .hasMessageContaining("korch.bindings has 3 partitions")
                .hasMessageContaining("korch.deployments");
    }

    @Test
    void tellsItsFailureListenerOnceWhenABugKillsItsStreamThread() throws Exception {
        // given running controllers with a failure listener
        FailingIds ids = new FailingIds();
        controllers = ControllersApp.start(config(), ids);
        AtomicInteger failures = new AtomicInteger();
        controllers.onFailure(failures::incrementAndGet);
        assertThat(controllers.healthy()).isTrue();

        // when the reconcile of a new Deployment meets a fatal error
        ids.failNext(new AssertionError("injected bug"));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, Deployment> producer = new KafkaProducer<>(props,
                Topics.DEPLOYMENTS.keySerde().serializer(), Topics.DEPLOYMENTS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.DEPLOYMENTS.name(), "default/web",
                    Deployments.deployment("web").build())).get(30, TimeUnit.SECONDS);
        }

        // then the application ends in ERROR, is no longer healthy, and its listener ran once
        await().atMost(WAIT).untilAsserted(() -> assertThat(failures).hasValue(1));
        assertThat(controllers.state()).isEqualTo(KafkaStreams.State.ERROR);
        assertThat(controllers.healthy()).isFalse();
        await().during(Duration.ofSeconds(1)).atMost(WAIT).untilAsserted(() -> assertThat(failures).hasValue(1));
    }
}

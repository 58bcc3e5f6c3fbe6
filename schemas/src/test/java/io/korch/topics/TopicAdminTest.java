package io.korch.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.serde.AvroSerde;
import io.korch.serde.KafkaSchemaStore;
import io.korch.serde.WriterSchemas;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Topic creation, partition checks and schema publication against a real broker. */
class TopicAdminTest {

    private static EmbeddedKafkaBroker kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafkaBroker.builder().build().start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void createsEveryTopicWithItsPolicyAndIsSafeToRunAgain() throws Exception {
        TopicAdmin.createTopics(kafka.bootstrapServers(), 1, (short) 1);
        TopicAdmin.createTopics(kafka.bootstrapServers(), 1, (short) 1);

        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .containsAll(Topics.ALL.stream().map(Topic::name).toList());
            Config nodes = config(admin, Topics.NODES.name());
            assertThat(nodes.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(nodes.get("segment.ms").value()).isEqualTo("600000");
            assertThat(config(admin, Topics.EVENTS.name()).get("cleanup.policy").value()).isEqualTo("delete");
            Config podMetrics = config(admin, Topics.POD_METRICS.name());
            assertThat(podMetrics.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(podMetrics.get("retention.ms").value()).isEqualTo("3600000");
        }
    }

    @Test
    void publishedSchemasCanBeFoundByAnotherProcessFromTheTopic() {
        TopicAdmin.createTopics(kafka.bootstrapServers(), 1, (short) 1);
        KafkaSchemaStore.publishAndInstall(kafka.bootstrapServers());
        long fingerprint = WriterSchemas.fingerprint(((AvroSerde<?>) Topics.PODS.valueSerde()).schema());

        KafkaSchemaStore reader = new KafkaSchemaStore(kafka.bootstrapServers());

        assertThat(reader.apply(fingerprint)).isNotNull();
        assertThat(reader.apply(fingerprint).getFullName()).isEqualTo("io.korch.api.Pod");
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(props);
    }

    private static Config config(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS);
        return configs.get(resource);
    }

    @Test
    void createsTopicsWithTheChosenPartitionCountAndAcceptsThemAsCoPartitioned() {
        try (EmbeddedKafkaBroker own = EmbeddedKafkaBroker.builder().build().start()) {
            TopicAdmin.createTopics(own.bootstrapServers(), 3, (short) 1);

            assertThat(TopicAdmin.requireCoPartitioned(own.bootstrapServers(), Topics.ALL, "controllers")).isEqualTo(3);
        }
    }

    @Test
    void givesTheChangeLogOnePartitionAndTheRetentionAsked() throws Exception {
        try (EmbeddedKafkaBroker own = EmbeddedKafkaBroker.builder().build().start()) {
            TopicAdmin.createTopics(own.bootstrapServers(), 3, (short) 1, java.time.Duration.ofDays(2));
            TopicAdmin.createTopics(own.bootstrapServers(), 3, (short) 1);

            try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", own.bootstrapServers()))) {
                var changes = admin.describeTopics(List.of(Topics.CHANGES.name())).allTopicNames().get(10, TimeUnit.SECONDS);
                assertThat(changes.get(Topics.CHANGES.name()).partitions()).hasSize(1);
                var resource = new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.CHANGES.name());
                var config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
                assertThat(config.get("retention.ms").value()).isEqualTo(String.valueOf(2L * 24 * 3600 * 1000));
            }
            TopicAdmin.createTopics(own.bootstrapServers(), 3, (short) 1, java.time.Duration.ofHours(5));
            try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", own.bootstrapServers()))) {
                var resource = new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.CHANGES.name());
                var config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
                assertThat(config.get("retention.ms").value()).isEqualTo(String.valueOf(5L * 3600 * 1000));
            }
        }
    }

    @Test
    void refusesTopicsWithMismatchedPartitionCountsNamingThem() throws Exception {
        TopicAdmin.createTopics(kafka.bootstrapServers(), 1, (short) 1);
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("wide", 3, (short) 1), new NewTopic("wider", 3, (short) 1)))
                    .all().get(10, TimeUnit.SECONDS);
        }
        Topic<String, String> wide = topic("wide");
        Topic<String, String> wider = topic("wider");

        assertThatThrownBy(() -> TopicAdmin.requireCoPartitioned(kafka.bootstrapServers(),
                List.of(Topics.PODS, wide, Topics.BINDINGS, wider), "scheduler"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the topics of the scheduler must be co-partitioned (have one partition count), but "
                        + "korch.pods, korch.bindings have 1 partition; wide, wider have 3 partitions;"
                        + " recreate them with one count (--partitions N)");
    }

    @Test
    void givesTopicsAddedToAnExistingClusterThePartitionCountOfTheOthers() throws Exception {
        try (EmbeddedKafkaBroker own = EmbeddedKafkaBroker.builder().build().start()) {
            // given a cluster whose korch topics have 2 partitions, one of them missing
            TopicAdmin.createTopics(own.bootstrapServers(), 2, (short) 1);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, own.bootstrapServers()))) {
                admin.deleteTopics(List.of(Topics.POD_ASSIGNMENTS.name())).all().get(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics()
                        .names().get(10, TimeUnit.SECONDS).contains(Topics.POD_ASSIGNMENTS.name()));
            }

            // when topics are created with another count
            TopicAdmin.createTopics(own.bootstrapServers(), 5, (short) 1);

            // then the new one has the count of the others
            assertThat(TopicAdmin.requireCoPartitioned(own.bootstrapServers(), Topics.ALL, "gateway")).isEqualTo(2);
        }
    }

    @Test
    void refusesToCreateTopicsWithoutPartitions() {
        assertThatThrownBy(() -> TopicAdmin.createTopics(kafka.bootstrapServers(), 0, (short) 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--partitions must be at least 1, not 0");
    }

    @Test
    void namesTheMissingTopicWhenItCannotDescribeIt() {
        assertThatThrownBy(() -> TopicAdmin.requireCoPartitioned(kafka.bootstrapServers(),
                List.of(topic("absent")), "gateway"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot describe the topics of the gateway");
    }

    private static Topic<String, String> topic(String name) {
        return new Topic<>(name, Serdes.String(), Serdes.String(), Topic.CleanupPolicy.COMPACT, Topic.Writer.ANY,
                Partitioning.BY_KEY);
    }
}

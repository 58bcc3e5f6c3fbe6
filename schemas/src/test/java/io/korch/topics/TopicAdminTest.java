package io.korch.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.serde.AvroSerde;
import io.korch.serde.KafkaSchemaStore;
import io.korch.serde.WriterSchemas;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Topic creation and schema publication against a real broker. */
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
    void refusesTopicsWithMoreThanOnePartitionNamingThem() throws Exception {
        TopicAdmin.createTopics(kafka.bootstrapServers(), 1, (short) 1);
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("wide", 3, (short) 1)))
                    .all().get(10, TimeUnit.SECONDS);
        }
        Topic<String, String> wide = new Topic<>("wide", org.apache.kafka.common.serialization.Serdes.String(),
                org.apache.kafka.common.serialization.Serdes.String(), Topic.CleanupPolicy.COMPACT, Topic.Writer.ANY);

        TopicAdmin.requireSinglePartition(kafka.bootstrapServers(), List.of(Topics.PODS), "scheduler");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        TopicAdmin.requireSinglePartition(kafka.bootstrapServers(), List.of(Topics.PODS, wide), "scheduler"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the scheduler needs each of its input topics to have exactly 1 partition")
                .hasMessageContaining("but wide has 3 partitions; recreate them with one partition");
    }
}

package io.korch.kafka.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** Runs a real broker: the client tests share one, the lifecycle tests start their own. */
class EmbeddedKafkaBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static EmbeddedKafkaBroker shared;

    @BeforeAll
    static void startSharedBroker() {
        shared = EmbeddedKafkaBroker.builder().build().start();
    }

    @AfterAll
    static void closeSharedBroker() {
        shared.close();
    }

    @Test
    void producesAndConsumesARecordOnANewTopic() throws Exception {
        String topic = "greetings";
        createTopic(shared, topic);

        produce(shared, topic, "k", "hello");

        assertThat(shared.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(consume(shared, topic, IsolationLevel.READ_UNCOMMITTED, 1))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(tuple("k", "hello"));
    }

    @Test
    void committedTransactionIsVisibleToReadCommittedConsumers() throws Exception {
        String topic = "transactional";
        createTopic(shared, topic);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, shared.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID()),
                new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed"));
            producer.commitTransaction();
        }

        assertThat(consume(shared, topic, IsolationLevel.READ_COMMITTED, 1))
                .extracting(ConsumerRecord::value)
                .containsExactly("committed");
    }

    @Test
    void kafkaStreamsAppWithExactlyOnceV2ProcessesRecords(@TempDir Path stateDir) throws Exception {
        String input = "words";
        String output = "shouted-words";
        createTopic(shared, input);
        createTopic(shared, output);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> value.toUpperCase())
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "shouter");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, shared.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());

        try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
            streams.start();
            produce(shared, input, "k", "hello");

            assertThat(consume(shared, output, IsolationLevel.READ_COMMITTED, 1))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("HELLO");
            streams.close(WAIT);
        }
    }

    @Test
    void restartOnTheSameDataDirKeepsTopicsAndRecords(@TempDir Path dataDir) throws Exception {
        String topic = "durable";
        String clusterId;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().dataDir(dataDir).build().start()) {
            clusterId = clusterId(first);
            createTopic(first, topic);
            produce(first, topic, "k", "kept");
        }
        assertThat(dataDir).isDirectory();

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().dataDir(dataDir).build().start()) {
            assertThat(second.dataDir()).isEqualTo(dataDir);
            assertThat(clusterId(second)).isEqualTo(clusterId);
            assertThat(consume(second, topic, IsolationLevel.READ_UNCOMMITTED, 1))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("kept");
        }
    }

    @Test
    void closeIsIdempotentAndDeletesTheTemporaryDataDir() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
        Path dataDir = broker.dataDir();
        assertThat(dataDir).isDirectory();

        broker.close();
        broker.close();

        assertThat(Files.exists(dataDir)).isFalse();
        assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingABrokerThatNeverStartedDoesNothing() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build();

        broker.close();

        assertThatThrownBy(broker::bootstrapServers).isInstanceOf(IllegalStateException.class);
    }

    private static void createTopic(EmbeddedKafkaBroker broker, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all()
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static String clusterId(EmbeddedKafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.describeCluster().clusterId().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void produce(EmbeddedKafkaBroker broker, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Reads {@code topic} from the beginning until {@code count} records arrived, at most {@link #WAIT}. */
    private static List<ConsumerRecord<String, String>> consume(
            EmbeddedKafkaBroker broker, String topic, IsolationLevel isolation, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString()),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records;
    }
}

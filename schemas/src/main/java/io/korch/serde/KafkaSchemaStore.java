package io.korch.serde;

import io.korch.topics.KorchPartitioner;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps writer schemas in Kafka itself: {@link #publish} writes every schema this process knows to
 * the compacted {@code korch.schemas} topic (keyed by fingerprint), and {@link #apply} finds a
 * schema written by another version by reading that topic. No separate registry service exists.
 */
public final class KafkaSchemaStore implements LongFunction<Schema> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStore.class);

    private static final Set<String> INSTALLED = ConcurrentHashMap.newKeySet();

    private final String bootstrapServers;
    private static final long RELOAD_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Map<Long, Schema> loaded = new ConcurrentHashMap<>();
    private final AtomicLong lastReload =
            new AtomicLong(System.nanoTime() - RELOAD_INTERVAL_NANOS);

    public KafkaSchemaStore(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Publishes every writer schema of this build and installs a store reading
     * {@code bootstrapServers} as the catalogue's fallback — once per cluster and process, so the
     * components sharing a JVM ({@code korch dev}) do not each publish again.
     */
    public static void publishAndInstall(String bootstrapServers) {
        synchronized (INSTALLED) {
            if (INSTALLED.contains(bootstrapServers)) {
                return;
            }
            KafkaSchemaStore store = new KafkaSchemaStore(bootstrapServers);
            store.publish();
            WriterSchemas.addFallback(store);
            INSTALLED.add(bootstrapServers);
        }
    }

    /**
     * Writes every schema of {@link WriterSchemas#known()} to the schemas topic; idempotent.
     *
     * @throws IllegalStateException when a schema could not be written
     */
    public void publish() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // A schema written twice is harmless (the topic is compacted by fingerprint), so no idempotence. With it,
        // the first writes to a topic just created were answered NOT_LEADER_OR_FOLLOWER, and the retry of a batch
        // the broker had appended meanwhile was refused as out of sequence until the delivery timeout: 15 s
        // of a fresh cluster's start. One request at a time keeps the order all the same.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        // fail within seconds, not a minute, when no broker answers
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        KorchPartitioner.use(props);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Schema schema : WriterSchemas.known()) {
                String key = WriterSchemas.fingerprintKey(WriterSchemas.fingerprint(schema));
                sent.add(producer.send(new ProducerRecord<>(Topics.SCHEMAS.name(), key, schema.toString())));
            }
            producer.flush();
            for (Future<RecordMetadata> one : sent) {
                one.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the writer schemas", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write the writer schemas to " + Topics.SCHEMAS.name() + " on "
                    + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public Schema apply(long fingerprint) {
        Schema schema = loaded.get(fingerprint);
        if (schema == null && reloadAllowed()) {
            reload();
            schema = loaded.get(fingerprint);
        }
        return schema;
    }

    /** Rereads the topic at most once per {@link #RELOAD_INTERVAL_NANOS}, so a stream of undecodable records cannot stall readers. */
    private boolean reloadAllowed() {
        long now = System.nanoTime();
        long last = lastReload.get();
        return now - last >= RELOAD_INTERVAL_NANOS && lastReload.compareAndSet(last, now);
    }

    private synchronized void reload() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCHEMAS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        Schema schema = new Schema.Parser().parse(record.value());
                        loaded.put(WriterSchemas.fingerprint(schema), schema);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot read writer schemas from {}: {}", Topics.SCHEMAS.name(), e.getMessage());
        }
    }
}

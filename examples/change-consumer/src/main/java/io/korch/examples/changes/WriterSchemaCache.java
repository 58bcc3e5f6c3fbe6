package io.korch.examples.changes;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The writer schemas of a korch cluster, read from its compacted topic {@code korch.schemas}:
 * every korch component publishes there, when it starts and before it writes anything, every
 * schema of its version. A record's key is the schema's fingerprint as 16 hex digits ({@code %016x} of the 64-bit
 * CRC-64-AVRO fingerprint), its value the schema's JSON.
 *
 * <p>A consumer without group reads every partition from the beginning. When a fingerprint is not
 * known, {@link #find} reads on to the current end of the topic first, so schemas published since
 * — by a newer version of a component — are found too. One thread uses a cache.
 */
public final class WriterSchemaCache implements AutoCloseable {

    /** The topic of the writer schemas. */
    public static final String TOPIC = "korch.schemas";

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions;
    private final Map<Long, Schema> schemas = new HashMap<>();

    /** A cache of the schemas of the cluster at {@code bootstrapServers}; reads nothing yet. */
    public WriterSchemaCache(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // no group.id: partitions are assigned by hand and no offsets are committed
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        partitions = consumer.partitionsFor(TOPIC).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * The schema with {@code fingerprint}, or null when {@code korch.schemas} does not hold it.
     *
     * @throws IllegalStateException when the topic could not be read to its end within 30 s
     */
    public Schema find(long fingerprint) {
        Schema schema = schemas.get(fingerprint);
        if (schema == null) {
            readToEnd();
            schema = schemas.get(fingerprint);
        }
        return schema;
    }

    /** Reads what was published since the last read, up to the end of every partition as of now. */
    private void readToEnd() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(TOPIC + " was not read to its end within " + READ_TIMEOUT.toSeconds() + " s");
            }
            for (ConsumerRecord<String, String> record : consumer.poll(POLL_TIMEOUT)) {
                if (record.value() != null) {
                    // one parser per schema: a parser refuses a second definition of a name it knows
                    schemas.put(Long.parseUnsignedLong(record.key(), 16), new Schema.Parser().parse(record.value()));
                }
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}

package io.korch.benchmarks;

import io.korch.api.NodeHealth;
import io.korch.api.PodBinding;
import io.korch.api.PodStatusReport;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every partition of every korch topic from the beginning (committed records only, as every korch
 * reader), on its own thread, and keeps what {@link ClusterScale} reports: per topic the records, their key
 * and value bytes and the largest record; when each pod of the benchmark namespaces was first bound to a
 * node ({@code korch.bindings}) and first reported Running ({@code korch.status.pods}); and every NotReady
 * verdict of {@code korch.node-health}, with its time.
 */
final class ClusterLog implements AutoCloseable {

    /** Records and bytes (serialized key plus value, without batch overhead) of one topic. */
    static final class TopicBytes {
        final AtomicLong records = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong largest = new AtomicLong();
    }

    /** One NotReady verdict, at the time it was read. */
    record NotReady(String node, long readAtNanos, String message) {
    }

    private final String namespacePrefix;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean closed;
    final Map<String, TopicBytes> topics = new ConcurrentHashMap<>();
    final Map<String, Long> boundAt = new ConcurrentHashMap<>();
    final Map<String, Long> runningAt = new ConcurrentHashMap<>();
    final Map<String, Long> readyNodes = new ConcurrentHashMap<>();
    final List<NotReady> notReady = new java.util.concurrent.CopyOnWriteArrayList<>();

    ClusterLog(String bootstrapServers, String namespacePrefix) {
        this.namespacePrefix = namespacePrefix;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = Topics.ALL.stream()
                .flatMap(topic -> consumer.partitionsFor(topic.name()).stream())
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "benchmark-cluster-log");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    read(record, System.nanoTime());
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void read(ConsumerRecord<String, byte[]> record, long now) {
        TopicBytes counted = topics.computeIfAbsent(record.topic(), name -> new TopicBytes());
        long size = Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
        counted.records.incrementAndGet();
        counted.bytes.addAndGet(size);
        counted.largest.accumulateAndGet(size, Math::max);
        if (record.value() == null) {
            return;
        }
        String topic = record.topic();
        if (topic.equals(Topics.BINDINGS.name()) && record.key().startsWith(namespacePrefix)) {
            PodBinding binding = Topics.BINDINGS.valueSerde().deserializer().deserialize(topic, record.value());
            if (binding.getNodeName() != null) {
                boundAt.putIfAbsent(record.key(), now);
            }
        } else if (topic.equals(Topics.POD_STATUS.name()) && record.key().startsWith(namespacePrefix)) {
            PodStatusReport report = Topics.POD_STATUS.valueSerde().deserializer().deserialize(topic, record.value());
            if ("Running".equals(report.getStatus().getPhase())) {
                runningAt.putIfAbsent(Keys.podOfStatus(record.key()), now);
            }
        } else if (topic.equals(Topics.NODE_HEALTH.name())) {
            NodeHealth health = Topics.NODE_HEALTH.valueSerde().deserializer().deserialize(topic, record.value());
            if (health.getReady()) {
                readyNodes.put(record.key(), now);
            } else {
                readyNodes.remove(record.key());
                notReady.add(new NotReady(record.key(), now, health.getMessage()));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

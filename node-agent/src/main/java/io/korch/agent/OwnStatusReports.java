package io.korch.agent;

import io.korch.api.PodStatusReport;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, once at start, the pod status reports whose latest value this node wrote, from the compacted
 * {@code korch.status.pods}. A restarted agent uses them to keep restart counts and start times of the
 * containers it adopts, and to tombstone the reports of pods it no longer runs.
 */
final class OwnStatusReports {

    private static final Logger LOG = LoggerFactory.getLogger(OwnStatusReports.class);

    private OwnStatusReports() {
    }

    /**
     * The latest report per pod key, for keys whose latest report names {@code nodeName}.
     *
     * @throws IllegalStateException if the topic does not exist or could not be read within {@code timeout}
     */
    static Map<String, PodStatusReport> load(String bootstrapServers, String nodeName, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "korch-agent-reports-" + nodeName);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, byte[]> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.POD_STATUS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + Topics.POD_STATUS.name() + " does not exist on "
                        + bootstrapServers + "; create the korch topics first (TopicAdmin.createTopics)");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + Topics.POD_STATUS.name() + " from "
                            + bootstrapServers + " within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(record.key(), record.value());
                }
            }
        }
        Map<String, PodStatusReport> own = new HashMap<>();
        latest.forEach((key, value) -> {
            if (value != null) {
                try {
                    PodStatusReport report = Topics.POD_STATUS.valueSerde().deserializer()
                            .deserialize(Topics.POD_STATUS.name(), value);
                    if (nodeName.equals(report.getNodeName())) {
                        own.put(key, report);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("node {}: skipping unreadable status report of {}: {}", nodeName, key, e.getMessage());
                }
            }
        });
        return own;
    }
}

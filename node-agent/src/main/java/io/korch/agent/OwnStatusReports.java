package io.korch.agent;

import io.korch.api.PodStatusReport;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code korch.status.pods} once at start (through a {@link TopicFollower}, committed records only,
 * up to the end offsets found then) and keeps the reports whose latest value this node wrote. A restarted
 * agent uses them to keep restart counts and start times of the containers it adopts, and to tombstone the
 * reports of pods it no longer runs. Reports are keyed {@code namespace/name/uid} and only the node running
 * a pod uid writes its key, so the latest report of a key naming this node is this node's for good.
 */
final class OwnStatusReports {

    private static final Logger LOG = LoggerFactory.getLogger(OwnStatusReports.class);

    private final String nodeName;
    /** Touched by the follower's thread until it caught up, then read once by {@link #read}. */
    private final Map<String, PodStatusReport> own = new HashMap<>();

    private OwnStatusReports(String nodeName) {
        this.nodeName = nodeName;
    }

    /**
     * The latest report per pod key, for the keys whose latest report names {@code nodeName}.
     *
     * @throws IllegalStateException if the topic does not exist or could not be read within {@code timeout}
     */
    static Map<String, PodStatusReport> read(String bootstrapServers, String nodeName, Duration timeout) {
        OwnStatusReports reports = new OwnStatusReports(nodeName);
        try (TopicFollower follower = new TopicFollower(bootstrapServers, Topics.POD_STATUS,
                "korch-agent-reports-" + nodeName, reports::onPoll)) {
            follower.start(timeout);
        }
        return Map.copyOf(reports.own);
    }

    private void onPoll(ConsumerRecords<String, byte[]> records, boolean caughtUp) {
        if (caughtUp) {
            return;
        }
        for (ConsumerRecord<String, byte[]> record : records) {
            PodStatusReport report = record.value() == null ? null : read(record);
            if (report != null && nodeName.equals(report.getNodeName())) {
                own.put(record.key(), report);
            } else {
                own.remove(record.key());
            }
        }
    }

    private PodStatusReport read(ConsumerRecord<String, byte[]> record) {
        try {
            return Topics.POD_STATUS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("node {}: cannot read the status report of {} at {}-{}@{}: {}", nodeName, record.key(),
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return null;
        }
    }
}

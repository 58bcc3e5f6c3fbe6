package io.korch.agent;

import io.korch.api.PodStatusReport;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code korch.status.pods} (through a {@link TopicFollower}, committed records only) and keeps who
 * wrote the latest record of each pod key this node reports on, so the {@link StatusReporter} tombstones a
 * report only while it is still this node's, and notices when another writer erased a report of a pod this
 * node runs.
 *
 * <p>A key is kept from the moment a report of this node is read under it until the reporter
 * {@link #forget forgets} it, so memory is bounded by this node's pods, not by every pod ever reported.
 *
 * <p>At start it also keeps the full reports whose latest value this node wrote: a restarted agent uses them
 * to keep restart counts and start times of the containers it adopts, and to tombstone the reports of pods
 * it no longer runs.
 */
final class LatestStatusReports implements AutoCloseable {

    /**
     * The latest record of one pod key.
     *
     * @param offset    its offset in its partition (every record of a key is in the same partition)
     * @param tombstone whether it is a tombstone
     * @param nodeName  the node whose report it is; null for a tombstone or a report that cannot be read
     * @param podUid    the pod uid it reports on; null for a tombstone or a report that cannot be read
     */
    record Latest(long offset, boolean tombstone, String nodeName, String podUid) {

        static Latest report(long offset, String nodeName, String podUid) {
            return new Latest(offset, false, nodeName, podUid);
        }

        static Latest tombstone(long offset) {
            return new Latest(offset, true, null, null);
        }

        /** Whether it is a report {@code node} wrote. */
        boolean reportOf(String node) {
            return !tombstone && node.equals(nodeName);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LatestStatusReports.class);

    private final String nodeName;
    private final TopicFollower follower;
    private final Map<String, Latest> latest = new ConcurrentHashMap<>();
    /** Touched by the follower thread until caught up, then read once by {@link #start}. */
    private final Map<String, PodStatusReport> ownAtStart = new HashMap<>();

    private LatestStatusReports(String bootstrapServers, String nodeName) {
        this.nodeName = nodeName;
        this.follower = new TopicFollower(bootstrapServers, Topics.POD_STATUS, "korch-agent-reports-" + nodeName,
                this::onPoll);
    }

    /**
     * Starts following and waits until the reports present at start are read.
     *
     * @throws IllegalStateException if the topic does not exist or could not be read within {@code timeout}
     */
    static LatestStatusReports start(String bootstrapServers, String nodeName, Duration timeout) {
        LatestStatusReports reports = new LatestStatusReports(bootstrapServers, nodeName);
        reports.follower.start(timeout);
        return reports;
    }

    /** The latest report per pod key as of {@link #start}, for the keys whose latest report names this node. */
    Map<String, PodStatusReport> ownAtStart() {
        return Map.copyOf(ownAtStart);
    }

    /**
     * The latest record read for {@code key}, or null if none was read since a report of this node was read
     * under it (or since it was forgotten).
     */
    Latest latest(String key) {
        return latest.get(key);
    }

    /** Stops keeping {@code key}, until a report of this node is read under it again. */
    void forget(String key) {
        latest.remove(key);
    }

    private void onPoll(ConsumerRecords<String, byte[]> records, boolean caughtUp) {
        for (ConsumerRecord<String, byte[]> record : records) {
            PodStatusReport report = record.value() == null ? null : read(record);
            if (report != null && nodeName.equals(report.getNodeName())) {
                latest.put(record.key(), Latest.report(record.offset(), nodeName, report.getPodUid()));
            } else if (record.value() == null) {
                latest.computeIfPresent(record.key(), (key, was) -> Latest.tombstone(record.offset()));
            } else {
                // an unreadable report counts as nobody's: this node never erases what it cannot read
                latest.computeIfPresent(record.key(), (key, was) -> Latest.report(record.offset(),
                        report == null ? null : report.getNodeName(), report == null ? null : report.getPodUid()));
            }
            if (!caughtUp) {
                if (report != null && nodeName.equals(report.getNodeName())) {
                    ownAtStart.put(record.key(), report);
                } else {
                    ownAtStart.remove(record.key());
                }
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

    /** Stops following. */
    @Override
    public void close() {
        follower.close();
    }
}

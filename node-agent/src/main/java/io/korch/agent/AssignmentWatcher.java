package io.korch.agent;

import io.korch.api.Pod;
import io.korch.api.PodAssignment;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code korch.pod-assignments} for one node and keeps its latest desired set of pods.
 *
 * <p>The scheduler's binder writes one record per bound pod, keyed {@code node/namespace/name} and
 * partitioned by node name, so a {@link TopicFollower} reads only the one partition that holds this
 * node, from the beginning, committed transactions only (the binder writes exactly-once, so an
 * assignment of an aborted transaction never reaches the node). This class keeps the latest value of
 * every key of its node (a tombstone unassigns that pod): a restarted agent rebuilds its desired set
 * from the topic alone, and no record grows with the number of pods on the node. {@link #start}
 * returns once the assignments present at start are known; until then no desired set is known, so
 * nothing is removed by mistake. After that, every change of the node's keys calls {@code onChange}.
 */
final class AssignmentWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentWatcher.class);

    private final String nodeName;
    private final String keyPrefix;
    private final Runnable onChange;
    private final TopicFollower follower;
    /** Pod key → its assigned record; written by the follower thread only. */
    private final Map<String, Pod> assigned = new TreeMap<>();
    private volatile List<Pod> desired = List.of();

    AssignmentWatcher(String bootstrapServers, String nodeName, Runnable onChange) {
        this.nodeName = nodeName;
        this.keyPrefix = Keys.onNode(nodeName, "");
        this.onChange = onChange;
        this.follower = new TopicFollower(bootstrapServers, Topics.POD_ASSIGNMENTS,
                "korch-agent-assignments-" + nodeName, this::onPoll, nodeName);
    }

    /**
     * Starts following and waits until the node's current assignments are known.
     *
     * @throws IllegalStateException if the topic does not exist or the end was not reached within {@code timeout}
     */
    void start(Duration timeout) {
        follower.start(timeout);
        LOG.info("node {}: {} pods assigned at start", nodeName, desired.size());
    }

    /** The pods currently assigned to the node, in key order; empty before the first assignment. */
    List<Pod> desired() {
        return desired;
    }

    private void onPoll(ConsumerRecords<String, byte[]> records, boolean caughtUp) {
        boolean changed = false;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.key() != null && record.key().startsWith(keyPrefix)) {
                changed |= update(Keys.podOf(record.key()), record);
            }
        }
        if (changed) {
            desired = List.copyOf(assigned.values());
            if (caughtUp) {
                onChange.run();
            }
        }
    }

    private boolean update(String podKey, ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return assigned.remove(podKey) != null;
        }
        try {
            PodAssignment assignment = Topics.POD_ASSIGNMENTS.valueSerde().deserializer()
                    .deserialize(record.topic(), record.value());
            assigned.put(podKey, assignment.getPod());
            return true;
        } catch (RuntimeException e) {
            LOG.error("node {}: cannot read the assignment of {} at {}-{}@{}, keeping the previous one: {}", nodeName,
                    podKey, record.topic(), record.partition(), record.offset(), e.getMessage());
            return false;
        }
    }

    /** Stops following; waits briefly for the consumer thread to end. */
    @Override
    public void close() {
        follower.close();
    }
}

package io.korch.agent;

import io.korch.api.NodeAssignment;
import io.korch.api.Pod;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code korch.assignments} for one node and keeps its latest desired set of pods.
 *
 * <p>A {@link TopicFollower} reads the compacted topic from the beginning, committed transactions only (the
 * scheduler writes it exactly-once, so an assignment of an aborted transaction never reaches the node), and
 * this class keeps the latest value of the node's key (a tombstone means nothing is assigned): a restarted
 * agent rebuilds its desired set from the topic alone. {@link #start} returns once the assignment present
 * at start is known; until then no desired set is known, so nothing is removed by mistake. After that,
 * every new value of the node's key calls {@code onChange}.
 */
final class AssignmentWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentWatcher.class);

    private final String nodeName;
    private final Runnable onChange;
    private final TopicFollower follower;
    private volatile List<Pod> desired = List.of();

    AssignmentWatcher(String bootstrapServers, String nodeName, Runnable onChange) {
        this.nodeName = nodeName;
        this.onChange = onChange;
        this.follower = new TopicFollower(bootstrapServers, Topics.ASSIGNMENTS, "korch-agent-assignments-" + nodeName,
                this::onPoll);
    }

    /**
     * Starts following and waits until the node's current assignment is known.
     *
     * @throws IllegalStateException if the topic does not exist or the end was not reached within {@code timeout}
     */
    void start(Duration timeout) {
        follower.start(timeout);
        LOG.info("node {}: {} pods assigned at start", nodeName, desired.size());
    }

    /** The pods currently assigned to the node; empty before the first assignment. */
    List<Pod> desired() {
        return desired;
    }

    private void onPoll(ConsumerRecords<String, byte[]> records, boolean caughtUp) {
        boolean changed = false;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (nodeName.equals(record.key())) {
                changed |= update(record);
            }
        }
        if (changed && caughtUp) {
            onChange.run();
        }
    }

    private boolean update(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            desired = List.of();
            return true;
        }
        try {
            NodeAssignment assignment = Topics.ASSIGNMENTS.valueSerde().deserializer()
                    .deserialize(record.topic(), record.value());
            desired = List.copyOf(assignment.getPods());
            return true;
        } catch (RuntimeException e) {
            LOG.error("node {}: cannot read assignment at {}-{}@{}, keeping the previous one: {}", nodeName,
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return false;
        }
    }

    /** Stops following; waits briefly for the consumer thread to end. */
    @Override
    public void close() {
        follower.close();
    }
}

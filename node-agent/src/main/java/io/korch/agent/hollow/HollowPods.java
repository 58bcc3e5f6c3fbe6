package io.korch.agent.hollow;

import io.korch.agent.RecordPublisher;
import io.korch.agent.TopicFollower;
import io.korch.api.PodAssignment;
import io.korch.api.PodStatusReport;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pods of the hollow nodes, which is to say it pretends to: it follows every partition of
 * {@code korch.pod-assignments} with one {@link TopicFollower} (from the beginning, committed records only),
 * keeps the keys ({@code node/namespace/name}) whose node is a hollow node, reports each assigned pod
 * Running right away ({@link RunningStatus}) and tombstones the report once the pod is unassigned.
 *
 * <p>A report is keyed {@code namespace/name/uid} ({@link Keys#podStatus}): a pod's uid is bound to one
 * node, so only the hollow node that runs it writes the key, and its tombstone never erases the report of
 * a pod of the same name on another node.
 *
 * <p>Per pod only its uid is kept, not the pod: memory grows with the pods bound to hollow nodes, about
 * 200 bytes each. Its maps are touched by the follower thread only.
 */
final class HollowPods implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HollowPods.class);

    private final Set<String> nodes;
    private final RecordPublisher publisher;
    private final Clock clock;
    private final TopicFollower follower;
    /** Assignment key → the uid of the pod assigned under it. */
    private final Map<String, String> assigned = new HashMap<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile int running;

    HollowPods(String bootstrapServers, Set<String> nodes, RecordPublisher publisher, Clock clock) {
        this.nodes = Set.copyOf(nodes);
        this.publisher = publisher;
        this.clock = clock;
        this.follower = new TopicFollower(bootstrapServers, Topics.POD_ASSIGNMENTS, "korch-hollow-assignments",
                this::onPoll);
    }

    /**
     * Starts following and waits until the assignments present at start are read (and reported).
     *
     * @throws IllegalStateException if the topic does not exist or could not be read within {@code timeout}
     */
    void start(Duration timeout) {
        follower.start(timeout);
    }

    /** How many pods the hollow nodes currently run. */
    int running() {
        return running;
    }

    private void onPoll(ConsumerRecords<String, byte[]> records, boolean caughtUp) {
        for (ConsumerRecord<String, byte[]> record : records) {
            String key = record.key();
            if (key == null || key.indexOf('/') < 0 || !nodes.contains(Keys.nodeOf(key))) {
                continue;
            }
            if (record.value() == null) {
                unassigned(key);
            } else {
                assigned(record);
            }
        }
        running = assigned.size();
    }

    private void assigned(ConsumerRecord<String, byte[]> record) {
        PodAssignment assignment;
        try {
            assignment = Topics.POD_ASSIGNMENTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            LOG.error("cannot read the assignment {} at {}-{}@{}, skipped: {}", record.key(), record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return;
        }
        String node = Keys.nodeOf(record.key());
        String podKey = Keys.podOf(record.key());
        String uid = assignment.getPod().getMetadata().getUid();
        String before = assigned.put(record.key(), uid);
        if (uid.equals(before)) {
            return; // the same pod again (a replayed or rewritten assignment): already reported
        }
        if (before != null) {
            send(Keys.podStatus(podKey, before), null); // a pod of the same name replaced an earlier one here
        }
        send(Keys.podStatus(podKey, uid), RunningStatus.of(podKey, assignment.getPod(), node, clock.instant()));
    }

    private void unassigned(String key) {
        String uid = assigned.remove(key);
        if (uid != null) {
            send(Keys.podStatus(Keys.podOf(key), uid), null);
        }
    }

    /** Sends a report (null: a tombstone); the producer retries it until its delivery timeout, then it is logged. */
    private void send(String statusKey, PodStatusReport report) {
        publisher.send(Topics.POD_STATUS, statusKey, report).whenComplete((ok, error) -> {
            if (error != null && failing.compareAndSet(false, true)) {
                LOG.warn("hollow pod status not published: {}", error.getMessage());
            } else if (error == null && failing.compareAndSet(true, false)) {
                LOG.info("hollow pod status published again");
            }
        });
    }

    /** Stops following. */
    @Override
    public void close() {
        follower.close();
    }
}

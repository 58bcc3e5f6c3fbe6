package io.korch.controllers.nodelifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link ReadPositions}: every {@link #POLL_INTERVAL}, on a thread of its own, it asks
 * the broker for the end offsets of the heartbeat topic (read_committed, as the controller reads
 * it) and this instance for the offsets its own node-lifecycle tasks have committed
 * ({@link #followCommitsOf}), and keeps, per partition, the resulting {@link ReadPosition}
 * ({@link EndOffsetObservations}). The committed offset is a safe position: under exactly-once, a
 * record's offset is committed together with the verdicts it led to, so every heartbeat below it is
 * in the task's store. It must be the task's own offset, not the group's: an instance that lost a
 * partition without noticing yet (starved past its session, say) still runs its task on a store
 * that stopped growing, and measured against the group's newer offset it would find every node of
 * that partition silent. A partition this instance runs no task of has no position here.
 *
 * <p>It also watches the topic as a whole: when no heartbeat at all was appended for longer than
 * the stall threshold, the positions say since when, and, once it grows again, the time it
 * resumed ({@link LogStall}); nodes are judged from then.
 *
 * <p>The stream thread only reads the latest answer. When the broker cannot be asked, the answer
 * stays as it was, and {@code readUpTo} does not advance: a controller that cannot tell how far it
 * has read declares no node silent.
 */
public final class CommittedReadPositions implements ReadPositions, AutoCloseable {

    /** How often the end and committed offsets are looked at. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(CommittedReadPositions.class);

    private final Admin admin;
    private final String groupId;
    private final String topic;
    private final Clock clock;
    private final ScheduledExecutorService poller;
    private final Map<Integer, EndOffsetObservations> observations = new HashMap<>();
    private final Map<Integer, ReadPosition> positions = new ConcurrentHashMap<>();
    private final LogStall stall;
    private volatile Supplier<Map<TopicPartition, Long>> committedSource;
    /** Partitions of the topic, once known; the poller's thread alone uses it. */
    private int partitionCount;
    private boolean failing;

    private CommittedReadPositions(Admin admin, String groupId, String topic, Clock clock, Duration stallThreshold) {
        this.stall = new LogStall(stallThreshold);
        this.admin = admin;
        this.groupId = groupId;
        this.topic = topic;
        this.clock = clock;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "node-lifecycle-read-positions");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts following how far the consumer group {@code groupId} has read {@code topic}.
     *
     * @param stallThreshold how long the whole topic may stand still before it counts as stalled
     *                       ({@link LogStall}); half the node grace period
     */
    public static CommittedReadPositions start(String bootstrapServers, String groupId, String topic,
                                               Duration stallThreshold) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, groupId + "-read-positions");
        CommittedReadPositions positions =
                new CommittedReadPositions(Admin.create(props), groupId, topic, Clock.systemUTC(), stallThreshold);
        positions.poller.scheduleWithFixedDelay(positions::poll, 0, POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return positions;
    }

    /**
     * Takes the committed offsets from {@code source}: the offsets this instance's own active tasks
     * last committed. Until it is given, no position is known and no node is declared silent.
     */
    public void followCommitsOf(Supplier<Map<TopicPartition, Long>> source) {
        this.committedSource = source;
    }

    @Override
    public ReadPosition of(int partition) {
        return positions.get(partition);
    }

    private void poll() {
        try {
            // Taken before asking, so that the end offsets cover every record written before it.
            Instant at = clock.instant();
            if (partitionCount == 0) {
                // fixed for the life of the controllers: they refuse to start on topics not co-partitioned
                partitionCount = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().size();
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < partitionCount; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin
                    .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Supplier<Map<TopicPartition, Long>> source = committedSource;
            if (source == null) {
                return;
            }
            Map<TopicPartition, Long> committed = source.get();
            Instant resumedAt = stall.observe(ends.values().stream().mapToLong(ListOffsetsResultInfo::offset).sum(), at);
            Instant stalledSince = stall.stalledSince();
            ends.forEach((partition, end) -> {
                Long offset = committed.get(partition);
                if (offset == null) {
                    // no task of this instance reads it (or none committed yet): nothing to judge by
                    positions.remove(partition.partition());
                    return;
                }
                positions.put(partition.partition(), observations
                        .computeIfAbsent(partition.partition(), p -> new EndOffsetObservations())
                        .observe(end.offset(), at, offset).withHeartbeatsResumedAt(resumedAt)
                        .withHeartbeatsStalledSince(stalledSince));
            });
            if (failing) {
                LOG.info("read positions of {} on {} known again", topic, groupId);
                failing = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            if (!failing) {
                LOG.warn("cannot tell how far {} has read {}; no node is declared silent until it can: {}",
                        groupId, topic, e.toString());
                failing = true;
            }
        }
    }

    /** Stops polling and closes the admin client. */
    @Override
    public void close() {
        poller.shutdownNow();
        try {
            if (!poller.awaitTermination(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the read-position poller of {} did not stop within {}", groupId, REQUEST_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(REQUEST_TIMEOUT);
    }
}

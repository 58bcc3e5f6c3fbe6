package io.korch.gateway.kafka;

import io.korch.api.Change;
import io.korch.gateway.view.ChangeValues;
import io.korch.gateway.view.ClusterView;
import io.korch.gateway.watch.ObjectChanges;
import io.korch.gateway.watch.WatchHub;
import io.korch.topics.Keys;
import io.korch.topics.Revisions;
import io.korch.topics.ServedTopics;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link ClusterView} from the change log: one thread with a group-less consumer. At
 * its first start it reads the change log's snapshot ({@link Topics#OBJECTS}, the latest change of
 * every record) to its end, then follows {@link Topics#CHANGES} from the millisecond of the
 * snapshot's newest revision — a change recorded after the snapshot was read is in the log
 * after that point. Events come the same way: the change log records them. {@link #awaitCaughtUp} returns once
 * the view holds everything the topics held when the feed started.
 *
 * <p>When reading fails — a Kafka error the consumer does not retry itself, or a bug applying a
 * record — the feed closes its consumer and, after a bounded exponential {@link Backoff}, starts a
 * new one that resumes after the last record read in each partition: nothing is applied twice,
 * nothing is skipped. From the failure until the new consumer has caught up with the end of the
 * topics as of its start, {@link #notReady} says why, so the gateway answers 503 rather than serve a
 * stale view or check writes against it. An undecodable record is skipped, never retried.
 */
public final class ViewFeed implements AutoCloseable {

    /** The delay before the first restart of a failed feed. */
    public static final Duration RESTART_BACKOFF_INITIAL = Duration.ofMillis(200);
    /** The longest delay between restarts: the API answers 503 meanwhile, so it stays short. */
    public static final Duration RESTART_BACKOFF_MAX = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ViewFeed.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final String STARTING = "the gateway's view of the cluster is still reading the topics from Kafka";

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final ClusterView view;
    private final WatchHub hub;
    private final Backoff backoff;
    private static final TopicPartition OBJECTS = new TopicPartition(Topics.OBJECTS.name(), 0);
    private static final TopicPartition CHANGES = new TopicPartition(Topics.CHANGES.name(), 0);

    /** Per partition, the offset after the last record read: where a restarted consumer resumes. Feed thread only. */
    private final Map<TopicPartition, Long> resumeAt = new HashMap<>();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile Consumer<byte[], byte[]> consumer;
    /** Why the view may not be served now; null while it follows Kafka and has caught up. */
    private volatile String notReady = STARTING;

    private ViewFeed(Supplier<Consumer<byte[], byte[]>> consumers, ClusterView view, WatchHub hub, Backoff backoff) {
        this.consumers = consumers;
        this.view = view;
        this.hub = hub;
        this.backoff = backoff;
        this.thread = new Thread(this::run, "korch-gateway-view");
        this.thread.setDaemon(true);
    }

    /** Starts feeding {@code view} from the cluster at {@code bootstrapServers}, publishing its changes to {@code hub}. */
    public static ViewFeed start(String bootstrapServers, ClusterView view, WatchHub hub) {
        return start(consumersOf(bootstrapServers), view, hub,
                new Backoff(RESTART_BACKOFF_INITIAL, RESTART_BACKOFF_MAX));
    }

    /**
     * Starts feeding {@code view} with consumers made by {@code consumers}: one at the start and a
     * fresh one at each restart, waiting {@code backoff} between failures. Every change it applies
     * after the snapshot goes to {@code hub}, for the watches.
     */
    public static ViewFeed start(Supplier<Consumer<byte[], byte[]>> consumers, ClusterView view, WatchHub hub,
                                 Backoff backoff) {
        ViewFeed feed = new ViewFeed(consumers, view, hub, backoff);
        feed.thread.start();
        return feed;
    }

    /** Makes the view's consumers for the cluster at {@code bootstrapServers}. */
    public static Supplier<Consumer<byte[], byte[]>> consumersOf(String bootstrapServers) {
        return () -> new KafkaConsumer<>(KafkaSettings.viewConsumer(bootstrapServers));
    }

    /**
     * Waits until the view caught up with the end of every topic as of the start.
     *
     * @throws IllegalStateException when it did not within {@code timeout}, saying why, or the feed was closed
     */
    public void awaitCaughtUp(Duration timeout) {
        try {
            caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the cluster state", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the cluster state from Kafka: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the cluster state was not read from Kafka within " + timeout.toSeconds()
                    + " s: " + notReady().orElse("it was just reached"), e);
        }
    }

    /**
     * Why the view may not be served now — still reading, failed and restarting, catching up after
     * a restart — for people; empty while it follows Kafka and has caught up. Cheap: a volatile read.
     */
    public Optional<String> notReady() {
        return Optional.ofNullable(notReady);
    }

    private boolean running() {
        return closing.getCount() > 0;
    }

    private void run() {
        Throwable lastFailure = null;
        while (running()) {
            try {
                follow(lastFailure);
            } catch (WakeupException e) {
                LOG.debug("view feed woken up to stop");
            } catch (RuntimeException e) {
                if (!running()) {
                    break;
                }
                lastFailure = e;
                Duration delay = backoff.next();
                notReady = "the gateway's view of the cluster stopped following Kafka (" + describe(e)
                        + "); it restarts in " + delay.toMillis() + " ms (attempt " + backoff.failures()
                        + ") and the API answers again once it has caught up";
                LOG.error("the gateway's view of the cluster stopped following Kafka; restarting it in {} ms "
                        + "(attempt {})", delay.toMillis(), backoff.failures(), e);
                if (!awaitRestart(delay)) {
                    break;
                }
            }
        }
        caughtUp.completeExceptionally(new IllegalStateException("the view feed was closed"));
    }

    /** Reads with a new consumer until closed; throws what made it fail. */
    private void follow(Throwable lastFailure) {
        Consumer<byte[], byte[]> current = consumers.get();
        consumer = current;
        try {
            if (!running()) {
                return;
            }
            if (!resumeAt.containsKey(CHANGES)) {
                readSnapshot(current);
            }
            List<TopicPartition> partitions = List.of(CHANGES);
            current.assign(partitions);
            seekToResume(current, partitions);
            Map<TopicPartition, Long> end = current.endOffsets(partitions);
            if (lastFailure != null) {
                notReady = "the gateway's view of the cluster is catching up with Kafka after its feed failed ("
                        + describe(lastFailure) + "); the API answers again once it has caught up";
            }
            boolean caughtUpNow = false;
            while (running()) {
                // checked before each poll, so a change log with nothing new is caught up at once
                if (!caughtUpNow && reached(current, end)) {
                    caughtUpNow = true;
                    caughtUp(lastFailure);
                }
                for (ConsumerRecord<byte[], byte[]> record : current.poll(POLL_TIMEOUT)) {
                    apply(record);
                    resumeAt.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                }
                view.pruneTombstonesIfDue();
            }
        } finally {
            current.close(KafkaSettings.CONSUMER_CLOSE);
        }
    }

    /**
     * Reads the snapshot to its end as of now, then sets where the change log is followed from:
     * the first change recorded in the millisecond of the newest revision the snapshot holds.
     * Changes in that millisecond the snapshot holds already are ignored as older by the view.
     */
    private void readSnapshot(Consumer<byte[], byte[]> current) {
        current.assign(List.of(OBJECTS));
        current.seekToBeginning(List.of(OBJECTS));
        long end = current.endOffsets(List.of(OBJECTS)).get(OBJECTS);
        long newest = 0;
        while (running() && current.position(OBJECTS) < end) {
            for (ConsumerRecord<byte[], byte[]> record : current.poll(POLL_TIMEOUT)) {
                newest = Math.max(newest, applySnapshotRecord(record));
            }
        }
        view.advanceTo(newest);
        hub.startAt(newest);
        long from;
        if (newest == 0) {
            from = current.beginningOffsets(List.of(CHANGES)).get(CHANGES);
        } else {
            OffsetAndTimestamp found = current.offsetsForTimes(Map.of(CHANGES, Revisions.millisOf(newest))).get(CHANGES);
            from = found != null ? found.offset() : current.endOffsets(List.of(CHANGES)).get(CHANGES);
        }
        resumeAt.put(CHANGES, from);
    }

    private void caughtUp(Throwable lastFailure) {
        notReady = null;
        backoff.reset();
        caughtUp.complete(null);
        if (lastFailure != null) {
            LOG.info("the gateway's view of the cluster follows Kafka again");
        }
    }

    /** Positions every partition after its last record read, or at its beginning. */
    private void seekToResume(Consumer<byte[], byte[]> current, List<TopicPartition> partitions) {
        List<TopicPartition> unread = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            Long next = resumeAt.get(partition);
            if (next == null) {
                unread.add(partition);
            } else {
                current.seek(partition, next);
            }
        }
        if (!unread.isEmpty()) {
            current.seekToBeginning(unread); // an empty list would mean every assigned partition
        }
    }

    /** Waits {@code delay} before a restart; false when the feed was closed meanwhile. */
    private boolean awaitRestart(Duration delay) {
        try {
            return !closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean reached(Consumer<byte[], byte[]> current, Map<TopicPartition, Long> end) {
        try {
            return end.entrySet().stream().allMatch(e -> current.position(e.getKey()) >= e.getValue());
        } catch (RetriableException e) {
            LOG.debug("position not known yet: {}", e.getMessage());
            return false;
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (record.value() != null) {
                applyChange(Topics.CHANGES.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            }
        } catch (SerializationException e) {
            LOG.warn("skipping undecodable record {}@{} of {}: {}", record.partition(), record.offset(),
                    record.topic(), e.getMessage());
        }
    }

    /** Applies one record of the snapshot; returns its revision (0 when it has none). */
    private long applySnapshotRecord(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (record.value() != null) {
                Change change = Topics.OBJECTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
                applySnapshotChange(change);
                return change.getRevision();
            }
            Header revision = record.headers().lastHeader(Topics.REVISION_HEADER);
            String key = Topics.OBJECTS.keySerde().deserializer().deserialize(record.topic(), record.key());
            if (revision == null || key == null) {
                return 0;
            }
            long deletedAt = ByteBuffer.wrap(revision.value()).getLong();
            ServedTopics.byName(Keys.topicOfChanged(key))
                    .ifPresent(served -> view.apply(served.topic(), Keys.keyOfChanged(key), null, deletedAt));
            return deletedAt;
        } catch (SerializationException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
            LOG.warn("skipping undecodable snapshot record at offset {}: {}", record.offset(), e.getMessage());
            return 0;
        }
    }

    private void applyChange(Change change) {
        ServedTopics.byName(change.getTopic()).ifPresentOrElse(
                served -> applyValue(served.topic(), change, false),
                () -> view.advanceTo(change.getRevision()));
    }

    private void applySnapshotChange(Change change) {
        ServedTopics.byName(change.getTopic()).ifPresentOrElse(
                served -> applyValue(served.topic(), change, true),
                () -> view.advanceTo(change.getRevision()));
    }

    private <V> void applyValue(Topic<String, V> topic, Change change, boolean fromSnapshot) {
        V value = ChangeValues.decode(topic, change.getValue());
        if (fromSnapshot) {
            view.apply(topic, change.getKey(), value, change.getRevision());
        } else {
            ObjectChanges.apply(view, topic, change.getKey(), value, change.getRevision()).ifPresent(hub::publish);
        }
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    /** Stops reading and closes the consumer. */
    @Override
    public void close() {
        closing.countDown();
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

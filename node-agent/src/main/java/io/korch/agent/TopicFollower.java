package io.korch.agent;

import io.korch.topics.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one compacted topic from its beginning and keeps following it, on its own thread; every topic the
 * agent reads goes through here, so every one is read with the same {@link #consumerProps settings}.
 *
 * <p>A plain consumer without group: it assigns every partition (or, given a routing key, only the
 * partition the topic's {@link io.korch.topics.Partitioning} gives that key: the one holding a node's
 * records) and seeks to the beginning, so the agent rebuilds its view from the topic alone, and commits
 * nothing. Each poll's records go to the
 * {@link Listener}, with whether the follower had already caught up. {@link #start} returns once the
 * consumer has read up to the end offsets it found at start.
 *
 * <p>Only committed records are read: the scheduler and the controllers write in exactly-once transactions,
 * and a record of an aborted transaction (a scheduler that crashed mid-way) must never start a container.
 */
public final class TopicFollower implements AutoCloseable {

    /** Receives the records of the followed topic, on the follower's thread. */
    public interface Listener {
        /**
         * Called after every poll, also with no records.
         *
         * @param records  the records read, in offset order per partition; a null value is a tombstone
         * @param caughtUp whether the follower had read up to the start's end offsets before this poll
         */
        void onPoll(ConsumerRecords<String, byte[]> records, boolean caughtUp);
    }

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String bootstrapServers;
    private final Topic<String, ?> topic;
    private final String clientId;
    private final Listener listener;
    private final String routingKey;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /**
     * @param clientId names the consumer and its thread, such as {@code korch-agent-assignments-node-1}
     */
    public TopicFollower(String bootstrapServers, Topic<String, ?> topic, String clientId, Listener listener) {
        this(bootstrapServers, topic, clientId, listener, null);
    }

    /**
     * @param routingKey when not null, only the partition holding this key is read, such as a node's
     *                   name on a node-keyed topic
     */
    public TopicFollower(String bootstrapServers, Topic<String, ?> topic, String clientId, Listener listener,
                         String routingKey) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.clientId = clientId;
        this.listener = listener;
        this.routingKey = routingKey;
    }

    /**
     * Starts following and waits until the records present at start were read.
     *
     * @throws IllegalStateException if the topic does not exist or its end was not reached within {@code timeout}
     */
    public void start(Duration timeout) {
        thread = DaemonThreads.thread(this::run, clientId);
        thread.start();
        try {
            caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while reading " + topic.name(), e);
        } catch (ExecutionException e) {
            close();
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            close();
            throw new IllegalStateException("could not read " + topic.name() + " from " + bootstrapServers
                    + " within " + timeout.toSeconds() + " s", e);
        }
    }

    private void run() {
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps(bootstrapServers, clientId),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer = c;
        try {
            if (!closed.get()) {
                follow(c);
            }
        } catch (WakeupException e) {
            LOG.debug("{} woken up to close", clientId);
        } catch (RuntimeException e) {
            if (!caughtUp.completeExceptionally(e)) {
                LOG.error("{}: stopped following {}: {}", clientId, topic.name(), e.getMessage(), e);
            }
        } finally {
            // no group to leave and nothing to commit: closing need not wait for the broker's answers
            c.close(Duration.ZERO);
        }
    }

    private void follow(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> partitions = c.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic.name() + " does not exist on " + bootstrapServers
                    + "; create the korch topics first (TopicAdmin.createTopics)");
        }
        if (routingKey != null) {
            partitions = List.of(new TopicPartition(topic.name(), topic.partition(routingKey, partitions.size())));
        }
        c.assign(partitions);
        c.seekToBeginning(partitions);
        // with read_committed these are the last stable offsets: an open transaction is not waited for
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        while (!closed.get()) {
            // checked before each poll, so an empty partition is caught up at once, not after a poll's wait
            if (!caughtUp.isDone() && partitions.stream().allMatch(p -> c.position(p) >= end.get(p))) {
                caughtUp.complete(null);
            }
            listener.onPoll(c.poll(POLL), caughtUp.isDone());
        }
    }

    /** The settings of every consumer of the agent. */
    static Properties consumerProps(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        // no group: the agent always reads the whole compacted topic and commits nothing
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // korch.assignments and the controllers' topics are written in exactly-once transactions: records of
        // aborted transactions are skipped, and those of open ones are not seen until committed
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    /** Stops following; waits briefly for the consumer thread to end. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            KafkaConsumer<String, byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
            if (thread != null && thread != Thread.currentThread()) {
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}

package io.korch.agent;

import io.korch.api.NodeAssignment;
import io.korch.api.Pod;
import io.korch.topics.Topics;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code korch.assignments} for one node and keeps its latest desired set of pods.
 *
 * <p>A plain consumer without group: it assigns every partition, seeks to the beginning and keeps the
 * latest value of its node's key (a tombstone means nothing is assigned), so a restarted agent rebuilds
 * its desired set from the compacted topic alone. {@link #start} returns once the consumer has read up to
 * the end offsets it found at start; until then no desired set is known, so nothing is removed by mistake.
 * After that, every new value of the node's key calls {@code onChange}.
 */
final class AssignmentWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentWatcher.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String bootstrapServers;
    private final String nodeName;
    private final Runnable onChange;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private volatile List<Pod> desired = List.of();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    AssignmentWatcher(String bootstrapServers, String nodeName, Runnable onChange) {
        this.bootstrapServers = bootstrapServers;
        this.nodeName = nodeName;
        this.onChange = onChange;
    }

    /**
     * Starts following and waits until the node's current assignment is known.
     *
     * @throws IllegalStateException if the topic does not exist or the end was not reached within {@code timeout}
     */
    void start(Duration timeout) {
        thread = new Thread(this::run, "korch-agent-assignments-" + nodeName);
        thread.setDaemon(true);
        thread.start();
        try {
            caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while reading " + Topics.ASSIGNMENTS.name(), e);
        } catch (ExecutionException e) {
            close();
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            close();
            throw new IllegalStateException("could not read " + Topics.ASSIGNMENTS.name() + " from " + bootstrapServers
                    + " within " + timeout.toSeconds() + " s", e);
        }
    }

    /** The pods currently assigned to the node; empty before the first assignment. */
    List<Pod> desired() {
        return desired;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = c;
            if (closed.get()) {
                return;
            }
            List<TopicPartition> partitions = c.partitionsFor(Topics.ASSIGNMENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + Topics.ASSIGNMENTS.name() + " does not exist on "
                        + bootstrapServers + "; create the korch topics first (TopicAdmin.createTopics)");
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            while (!closed.get()) {
                boolean changed = false;
                for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                    if (nodeName.equals(record.key())) {
                        changed |= update(record);
                    }
                }
                if (!caughtUp.isDone() && partitions.stream().allMatch(p -> c.position(p) >= end.get(p))) {
                    LOG.info("node {}: {} pods assigned at start", nodeName, desired.size());
                    caughtUp.complete(null);
                } else if (changed && caughtUp.isDone()) {
                    onChange.run();
                }
            }
        } catch (WakeupException e) {
            LOG.debug("assignment watcher of {} woken up to close", nodeName);
        } catch (RuntimeException e) {
            if (!caughtUp.completeExceptionally(e)) {
                LOG.error("node {}: stopped following {}: {}", nodeName, Topics.ASSIGNMENTS.name(), e.getMessage(), e);
            }
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

    private Properties consumerProps() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "korch-agent-assignments-" + nodeName);
        // no group: the agent always reads the whole compacted topic and commits nothing
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
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

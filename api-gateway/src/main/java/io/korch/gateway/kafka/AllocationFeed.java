package io.korch.gateway.kafka;

import io.korch.api.Allocation;
import io.korch.gateway.allocation.Claims;
import io.korch.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link Claims} from the claims topic ({@link Topics#ALLOCATIONS}), every partition from its
 * beginning, then follows it: one thread with a group-less consumer. Each record's revision is the
 * one the change log wrote in its {@link Topics#REVISION_HEADER} header. When reading fails the
 * feed starts over with a new consumer after a bounded back-off; applying a record twice changes
 * nothing, as {@link Claims} keeps the newest version of each key. {@link #awaitCaughtUp} returns
 * once every claim the topic held at the start is known.
 */
public final class AllocationFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AllocationFeed.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    private final Claims claims;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final FollowingThread thread;

    private AllocationFeed(String bootstrapServers, Claims claims) {
        this.claims = claims;
        this.thread = new FollowingThread("korch-gateway-allocations", bootstrapServers, Topics.ALLOCATIONS.name(),
                this::follow);
    }

    /** Starts reading the claims of the cluster at {@code bootstrapServers} into {@code claims}. */
    public static AllocationFeed start(String bootstrapServers, Claims claims) {
        AllocationFeed feed = new AllocationFeed(bootstrapServers, claims);
        feed.thread.start();
        return feed;
    }

    /**
     * Waits until every claim the topic held at the start is known.
     *
     * @throws IllegalStateException when it is not within {@code timeout}
     */
    public void awaitCaughtUp(Duration timeout) {
        try {
            caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the allocated Service addresses", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the allocated Service addresses and node ports were not read from "
                    + Topics.ALLOCATIONS.name() + " within " + timeout.toSeconds() + " s", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.close();
    }

    private void follow(Consumer<byte[], byte[]> current, FollowingThread following) {
        List<PartitionInfo> infos = current.partitionsFor(Topics.ALLOCATIONS.name());
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        current.assign(partitions);
        current.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = current.endOffsets(partitions);
        while (following.running()) {
            // checked before each poll, so empty partitions are caught up at once, not after a poll's wait
            if (!caughtUp.isDone() && end.entrySet().stream().allMatch(e -> current.position(e.getKey()) >= e.getValue())) {
                following.recovered();
                caughtUp.complete(null);
            }
            for (ConsumerRecord<byte[], byte[]> record : current.poll(POLL_TIMEOUT)) {
                apply(record);
            }
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String key = Topics.ALLOCATIONS.keySerde().deserializer().deserialize(record.topic(), record.key());
        Header header = record.headers().lastHeader(Topics.REVISION_HEADER);
        long revision = header == null || header.value().length != Long.BYTES ? 0 : ByteBuffer.wrap(header.value()).getLong();
        try {
            Allocation allocation = record.value() == null ? null
                    : Topics.ALLOCATIONS.valueSerde().deserializer().deserialize(record.topic(), record.value());
            claims.apply(key, allocation, revision);
        } catch (SerializationException e) {
            LOG.warn("skipping the undecodable claim {} at offset {} of {}: {}", key, record.offset(), record.topic(),
                    e.getMessage());
        }
    }
}

package io.korch.gateway.kafka;

import io.korch.gateway.view.UsageView;
import io.korch.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link UsageView} from {@code korch.metrics.pods} and {@code korch.metrics.nodes}: one thread with a
 * group-less consumer that starts {@link #LOOKBACK} back in every partition (older samples are stale anyway) and
 * follows them, forgetting stale samples as it goes. Samples are not part of the cluster's state: the API's
 * readiness does not wait for them, and until the first ones are read {@code metrics.k8s.io} serves none. When
 * reading fails the feed starts over with a new consumer after a bounded back-off; reading a sample twice changes
 * nothing, as the view keeps the latest of each pod and node.
 */
public final class UsageFeed implements AutoCloseable {

    /** How far back the feed starts: longer than any sample stays fresh. */
    public static final Duration LOOKBACK = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(UsageFeed.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private final UsageView view;
    private final Clock clock;
    private final FollowingThread thread;

    private UsageFeed(String bootstrapServers, UsageView view, Clock clock) {
        this.view = view;
        this.clock = clock;
        this.thread = new FollowingThread("korch-gateway-usage", bootstrapServers, "the resource-use samples",
                this::follow);
    }

    /** Starts reading the samples of the cluster at {@code bootstrapServers} into {@code view}. */
    public static UsageFeed start(String bootstrapServers, UsageView view, Clock clock) {
        UsageFeed feed = new UsageFeed(bootstrapServers, view, clock);
        feed.thread.start();
        return feed;
    }

    @Override
    public void close() throws InterruptedException {
        thread.close();
    }

    private void follow(Consumer<byte[], byte[]> current, FollowingThread following) {
        List<TopicPartition> partitions = new ArrayList<>(partitionsOf(current, Topics.POD_METRICS.name()));
        partitions.addAll(partitionsOf(current, Topics.NODE_METRICS.name()));
        current.assign(partitions);
        seekToLookback(current, partitions);
        following.recovered();
        while (following.running()) {
            for (ConsumerRecord<byte[], byte[]> record : current.poll(POLL_TIMEOUT)) {
                apply(record);
            }
            view.pruneStale(clock.instant());
        }
    }

    private void seekToLookback(Consumer<byte[], byte[]> current, List<TopicPartition> partitions) {
        long from = clock.millis() - LOOKBACK.toMillis();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, from));
        Map<TopicPartition, OffsetAndTimestamp> found = current.offsetsForTimes(times);
        List<TopicPartition> none = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = found.get(partition);
            if (offset == null) {
                none.add(partition);
            } else {
                current.seek(partition, offset.offset());
            }
        }
        if (!none.isEmpty()) {
            current.seekToEnd(none); // nothing as recent as the lookback: only new samples count
        }
    }

    private static List<TopicPartition> partitionsOf(Consumer<byte[], byte[]> current, String topic) {
        List<PartitionInfo> infos = current.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            if (record.topic().equals(Topics.POD_METRICS.name())) {
                view.add(Topics.POD_METRICS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            } else {
                view.add(Topics.NODE_METRICS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            }
        } catch (SerializationException e) {
            LOG.warn("skipping the undecodable sample at offset {} of {}-{}: {}", record.offset(), record.topic(),
                    record.partition(), e.getMessage());
        }
    }
}

package io.korch.agent.network;

import io.korch.agent.TopicFollower;
import io.korch.api.NodePodCidrs;
import io.korch.model.Cidr;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code korch.node-pod-cidrs} for one node: the share of the cluster CIDR the node IPAM controller
 * gave it, from which the agent gives its pods their addresses. Keyed and partitioned by node name, so only
 * the node's partition is read, from the beginning. A change of the share calls {@code onChange}.
 */
public final class PodCidrWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PodCidrWatcher.class);

    private final String nodeName;
    private final Runnable onChange;
    private final TopicFollower follower;
    private volatile Cidr share;
    private volatile String message;

    public PodCidrWatcher(String bootstrapServers, String nodeName, Runnable onChange) {
        this.nodeName = nodeName;
        this.onChange = onChange;
        this.follower = new TopicFollower(bootstrapServers, Topics.NODE_POD_CIDRS,
                "korch-agent-pod-cidrs-" + nodeName, this::onPoll, nodeName);
    }

    /**
     * Starts following and waits until the node's current share is known (or known to be missing).
     *
     * @throws IllegalStateException if the topic cannot be read to its end within {@code timeout}
     */
    public void start(Duration timeout) {
        follower.start(timeout);
        LOG.info("node {}: pod CIDR {}", nodeName, share == null ? "not assigned yet" : share);
    }

    /** The node's share, or empty while it has none. */
    public Optional<Cidr> share() {
        return Optional.ofNullable(share);
    }

    /** Why the node has no share, as the node IPAM controller said, or null. */
    public String message() {
        return message;
    }

    private void onPoll(ConsumerRecords<String, byte[]> records, boolean caughtUp) {
        Cidr before = share;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (nodeName.equals(record.key())) {
                update(record);
            }
        }
        if (caughtUp && !Objects.equals(before, share)) {
            LOG.info("node {}: pod CIDR now {}", nodeName, share == null ? "none" : share);
            onChange.run();
        }
    }

    private void update(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            share = null;
            message = null;
            return;
        }
        try {
            NodePodCidrs cidrs = Topics.NODE_POD_CIDRS.valueSerde().deserializer()
                    .deserialize(record.topic(), record.value());
            share = cidrs.getPodCIDRs().isEmpty() ? null : Cidr.parse(cidrs.getPodCIDRs().get(0));
            message = cidrs.getMessage();
        } catch (RuntimeException e) {
            LOG.error("node {}: cannot read its pod CIDRs at {}-{}@{}, keeping {}: {}", nodeName, record.topic(),
                    record.partition(), record.offset(), share, e.getMessage());
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}

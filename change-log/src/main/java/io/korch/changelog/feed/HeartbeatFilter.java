package io.korch.changelog.feed;

import io.korch.api.Node;
import io.korch.api.NodeCondition;
import io.korch.api.NodeStatus;
import io.korch.topics.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps node heartbeats out of the change log unless they change something. An agent rewrites its
 * node every heartbeat; the record is a change only when more than its heartbeat times differ, or
 * when the last one recorded is {@link #REFRESH} old, as a kubelet reports an unchanged node
 * status every few minutes while its lease carries the heartbeats. Node health is judged from the
 * heartbeat topic itself, never from the change log.
 */
final class HeartbeatFilter {

    /** How often an unchanged node's heartbeat is recorded all the same. */
    static final Duration REFRESH = Duration.ofMinutes(1);
    static final String STORE = "change-feed-node-heartbeats";

    private final KeyValueStore<String, String> recorded;

    /** Remembers, in {@code recorded}, per node: the digest of its last recorded content, and when. */
    HeartbeatFilter(KeyValueStore<String, String> recorded) {
        this.recorded = recorded;
    }

    /** Whether the node record {@code value} (null: deleted) of node {@code name}, written at {@code millis}, is a change. */
    boolean isChange(String name, byte[] value, long millis) {
        if (value == null) {
            recorded.delete(name);
            return true;
        }
        String digest;
        try {
            digest = digestWithoutHeartbeats(value);
        } catch (SerializationException e) {
            return true; // not a node this version reads: recorded as it is
        }
        String last = recorded.get(name);
        if (last != null) {
            int slash = last.indexOf('/');
            boolean same = last.substring(0, slash).equals(digest);
            long recordedAt = Long.parseLong(last.substring(slash + 1));
            if (same && millis - recordedAt < REFRESH.toMillis()) {
                return false;
            }
        }
        recorded.put(name, digest + "/" + millis);
        return true;
    }

    private static String digestWithoutHeartbeats(byte[] value) {
        Node node = Topics.NODES.valueSerde().deserializer().deserialize(Topics.NODES.name(), value);
        Node.Builder stripped = Node.newBuilder(node);
        if (node.getStatus() != null) {
            NodeStatus.Builder status = NodeStatus.newBuilder(node.getStatus());
            status.setConditions(node.getStatus().getConditions().stream()
                    .map(condition -> NodeCondition.newBuilder(condition).setLastHeartbeatTime(null).build())
                    .toList());
            stripped.setStatus(status.build());
        }
        try {
            ByteBuffer bytes = stripped.build().toByteBuffer();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes);
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot digest node " + node.getMetadata().getName(), e);
        }
    }
}

package io.korch.agent.hollow;

import io.korch.model.Names;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a set of hollow nodes run by one process.
 *
 * @param bootstrapServers  the Kafka cluster holding the korch topics
 * @param count             how many nodes, named {@code prefix1} to {@code prefixN}
 * @param prefix            the start of every node name, such as {@code hollow-}
 * @param cpuMillis         cpu capacity of each node, in millicores
 * @param memoryBytes       memory capacity of each node, in bytes
 * @param pods              pods each node accepts
 * @param heartbeatInterval how often every node's Node record is written
 */
public record HollowNodesConfig(
        String bootstrapServers,
        int count,
        String prefix,
        long cpuMillis,
        long memoryBytes,
        int pods,
        Duration heartbeatInterval) {

    /** The default prefix, as kubemark's {@code hollow-node-}. */
    public static final String DEFAULT_PREFIX = "hollow-";

    public HollowNodesConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        requirePositive("count", count);
        requirePositive("cpuMillis", cpuMillis);
        requirePositive("memoryBytes", memoryBytes);
        requirePositive("pods", pods);
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeatInterval must be positive: " + heartbeatInterval);
        }
        // the first and the longest name are enough: the others only differ in digits
        for (String name : new String[] {prefix + 1, prefix + count}) {
            String error = Names.checkDns1123Subdomain(name);
            if (error != null) {
                throw new IllegalArgumentException("invalid node name \"" + name + "\" from prefix \"" + prefix
                        + "\": " + error);
            }
        }
    }

    /** {@code count} nodes of 8 cpu, 32 GiB and 110 pods each, heartbeating every second. */
    public static HollowNodesConfig defaults(String bootstrapServers, int count) {
        return new HollowNodesConfig(bootstrapServers, count, DEFAULT_PREFIX, 8_000, 32L << 30, 110,
                Duration.ofSeconds(1));
    }

    /** The name of node {@code index}, from 1 to {@link #count}. */
    public String nodeName(int index) {
        return prefix + index;
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}

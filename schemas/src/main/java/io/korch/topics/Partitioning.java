package io.korch.topics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * How the key of a topic maps to a partition. Every writer of every korch topic routes its records
 * through {@link #partition}, so a namespace's whole object graph (Deployment, ReplicaSets, pods,
 * their status and events) shares one partition number on every namespaced topic, and a node's
 * records (registration, declaration, verdict, assignments) share one on every node-keyed topic.
 *
 * <p>The partition is Kafka's default for a key, applied to the key's routing part: the murmur2 hash
 * of its UTF-8 bytes, made positive, modulo the partition count. A producer in any language that
 * hashes the routing part as Kafka's default partitioner hashes keys lands on the same partition.
 */
public enum Partitioning {

    /**
     * By namespace: the key up to its first {@code /} ({@code default/web-1} goes by {@code default}).
     * A key without {@code /} is a namespace, or a cluster-scoped object in the event log, and goes by
     * itself, so namespace {@code default} lands where its objects do.
     */
    BY_NAMESPACE,

    /**
     * By node name: the key up to its first {@code /} ({@code node-1/default/web-1}, a pod's
     * assignment to a node, goes by {@code node-1}), or the whole key when it is a bare node name.
     */
    BY_NODE,

    /** By the whole key, as Kafka's default partitioner; for records that nothing reads together. */
    BY_KEY,

    /**
     * One partition whatever the cluster's count: the topic is a single ordered log (the change log
     * and the requests and answers around it), created with one partition by {@link TopicAdmin}.
     */
    SINGLE;

    /** The part of {@code key} that picks the partition. */
    public String routingKey(String key) {
        if (this == BY_KEY || this == SINGLE) {
            return key;
        }
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }

    /**
     * The partition of {@code key} among {@code partitions}.
     *
     * @throws IllegalArgumentException if {@code partitions} is not positive
     */
    public int partition(String key, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least 1 partition, not " + partitions);
        }
        if (this == SINGLE) {
            return 0;
        }
        byte[] bytes = routingKey(key).getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(bytes)) % partitions;
    }
}

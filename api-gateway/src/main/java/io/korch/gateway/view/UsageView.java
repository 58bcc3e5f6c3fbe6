package io.korch.gateway.view;

import io.korch.api.NodeUsage;
import io.korch.api.PodUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest resource-use sample of every pod and node, from the time-retained {@code korch.metrics.pods} and
 * {@code korch.metrics.nodes} ({@code io.korch.gateway.kafka.UsageFeed}), for {@code metrics.k8s.io}. A sample
 * older than {@link #STALE_WINDOWS} of its own window is stale: its agent stopped sampling it (the pod stopped,
 * the node was lost) and it is neither served nor kept. Safe for concurrent use.
 */
public final class UsageView {

    /** How many of its windows a sample is served after it was taken: a couple of missed samples are tolerated. */
    public static final int STALE_WINDOWS = 3;
    /** A sample's window counts as at least this, so that a tiny window does not make it stale at once. */
    private static final Duration MIN_WINDOW = Duration.ofSeconds(1);

    private final Map<String, PodUsage> pods = new ConcurrentHashMap<>();
    private final Map<String, NodeUsage> nodes = new ConcurrentHashMap<>();

    /** Keeps {@code usage} as the pod's latest sample, unless a later one is kept. */
    public void add(PodUsage usage) {
        pods.merge(usage.getNamespace() + "/" + usage.getName(), usage,
                (kept, added) -> added.getTimestamp().isBefore(kept.getTimestamp()) ? kept : added);
    }

    /** Keeps {@code usage} as the node's latest sample, unless a later one is kept. */
    public void add(NodeUsage usage) {
        nodes.merge(usage.getNodeName(), usage,
                (kept, added) -> added.getTimestamp().isBefore(kept.getTimestamp()) ? kept : added);
    }

    /** The fresh sample of pod {@code namespace/name} at {@code now}. */
    public Optional<PodUsage> pod(String key, Instant now) {
        return Optional.ofNullable(pods.get(key)).filter(u -> fresh(u.getTimestamp(), u.getWindowMillis(), now));
    }

    /** The fresh samples of the pods of {@code namespace} (null: every namespace) at {@code now}, by namespace and name. */
    public List<PodUsage> pods(String namespace, Instant now) {
        return pods.values().stream()
                .filter(u -> namespace == null || namespace.equals(u.getNamespace()))
                .filter(u -> fresh(u.getTimestamp(), u.getWindowMillis(), now))
                .sorted(Comparator.comparing(PodUsage::getNamespace).thenComparing(PodUsage::getName))
                .toList();
    }

    /** The fresh sample of node {@code name} at {@code now}. */
    public Optional<NodeUsage> node(String name, Instant now) {
        return Optional.ofNullable(nodes.get(name)).filter(u -> fresh(u.getTimestamp(), u.getWindowMillis(), now));
    }

    /** The fresh samples of every node at {@code now}, by name. */
    public List<NodeUsage> nodes(Instant now) {
        return nodes.values().stream()
                .filter(u -> fresh(u.getTimestamp(), u.getWindowMillis(), now))
                .sorted(Comparator.comparing(NodeUsage::getNodeName))
                .toList();
    }

    /** Forgets the samples stale at {@code now}. */
    public void pruneStale(Instant now) {
        pods.values().removeIf(u -> !fresh(u.getTimestamp(), u.getWindowMillis(), now));
        nodes.values().removeIf(u -> !fresh(u.getTimestamp(), u.getWindowMillis(), now));
    }

    private static boolean fresh(Instant taken, long windowMillis, Instant now) {
        long window = Math.max(windowMillis, MIN_WINDOW.toMillis());
        return !taken.plusMillis(STALE_WINDOWS * window).isBefore(now);
    }
}

package io.korch.controllers.nodelifecycle;

import io.korch.api.Event;
import io.korch.api.Node;
import io.korch.api.NodeHealth;
import io.korch.controllers.Effects;
import io.korch.model.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Runs {@link NodeLifecycle} and {@link NodeEvictions} for every node. Each node record (a
 * heartbeat, with the node's own Ready condition and its place in the log) is judged with
 * {@link NodeLifecycle#assess} against how far its partition has been read ({@link ReadPositions});
 * every {@link NodeLifecycleController#CHECK_INTERVAL} of wall-clock time every node is judged
 * again with {@link NodeLifecycle#recheck}, since reading further may show a node silent although
 * no record of it arrives, and an eviction round lets the pods of NotReady nodes go at the paced
 * rate. The store {@value NodeLifecycleController#STORE} keeps each node's latest heartbeat with its
 * verdict; a verdict is published to {@code korch.node-health} on first sight and whenever its
 * readiness, reason, message or eviction changes, with an event when its readiness flips, when its
 * pods are to be evicted, and when the cluster's disruption mode changes. A node tombstone
 * tombstones its verdict.
 *
 * <p>Each step is planned in full before the store is written or anything is forwarded
 * ({@link Effects}), so a step that throws leaves no trace in the store or the topics. The
 * disruption mode and the eviction limiter are kept in memory, as Kubernetes keeps them: a restarted
 * controller starts in Normal mode with a full limiter, and recomputes the mode at its first check.
 */
final class NodeLifecycleProcessor implements Processor<String, Node, String, SpecificRecord> {

    private final Duration grace;
    private final NodeEviction eviction;
    private final ReadPositions positions;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, NodeHealth> nodes;
    /** Every node's published verdict (a global store), for the cluster-wide disruption mode; null in unit tests. */
    private ReadOnlyKeyValueStore<String, NodeHealth> cluster;
    private DisruptionMode mode;
    private EvictionLimiter limiter;
    /** The verdicts of the whole cluster as last read from {@link #cluster}, and when. */
    private Map<String, NodeHealth> clusterVerdicts = Map.of();
    private Instant clusterReadAt;

    /**
     * How often the whole cluster's verdicts are read again while this task's nodes are all Ready
     * (the mode only matters for evicting them): reading thousands of verdicts every check would cost
     * more than the check. While one of its nodes is NotReady they are read at every check.
     */
    static final Duration CLUSTER_REFRESH = Duration.ofSeconds(5);

    NodeLifecycleProcessor(Duration grace, NodeEviction eviction, ReadPositions positions) {
        this.grace = grace;
        this.eviction = eviction;
        this.positions = positions;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.nodes = context.getStateStore(NodeLifecycleController.STORE);
        this.cluster = context.getStateStore(NodeLifecycleController.HEALTH_STORE);
        context.schedule(NodeLifecycleController.CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::checkHeartbeats);
    }

    @Override
    public void process(Record<String, Node> record) {
        String nodeName = record.key();
        if (nodeName == null) {
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Effects.plan(context, "the record at key " + nodeName, () -> plan(nodeName, record, now)).apply();
    }

    private Effects plan(String nodeName, Record<String, Node> record, Instant now) {
        Effects effects = new Effects(context);
        NodeHealth previous = nodes.get(nodeName);
        if (record.value() == null) {
            if (previous != null) {
                effects.delete(nodes, nodeName).forward(NodeLifecycleController.HEALTH_SINK, nodeName, null, now);
            }
            return effects;
        }
        Heartbeat heartbeat = heartbeat(record);
        ReadPosition read = positions.of(heartbeat.partition());
        boolean older = previous != null && previous.getLastHeartbeatTime() != null
                && heartbeat.time().isBefore(previous.getLastHeartbeatTime());
        NodeHealth next = older
                // a record older than the heartbeat already known tells nothing new about the node
                ? NodeLifecycle.recheck(previous, positions.of(NodeLifecycle.lastHeartbeat(previous).partition()), now, grace)
                : NodeLifecycle.assess(nodeName, previous, heartbeat, NodeLifecycle.ReadyCondition.of(record.value()),
                        read, now, grace);
        addVerdict(effects, previous, next, now);
        return effects;
    }

    /** The heartbeat {@code record} carries, located by the record's partition and offset when known. */
    private Heartbeat heartbeat(Record<String, Node> record) {
        Instant time = NodeLifecycle.heartbeatTime(record.value(), Instant.ofEpochMilli(record.timestamp()));
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        return metadata == null
                ? new Heartbeat(time, 0, Heartbeat.UNKNOWN_OFFSET)
                : new Heartbeat(time, metadata.partition(), metadata.offset());
    }

    /** Every node's verdict: this task's as just decided, the others' as last read from the global store. */
    private Map<String, NodeHealth> wholeCluster(Map<String, NodeHealth> own, Instant now) {
        boolean ownNotReady = own.values().stream().anyMatch(health -> !health.getReady());
        if (cluster != null && (ownNotReady || clusterReadAt == null
                || Duration.between(clusterReadAt, now).compareTo(CLUSTER_REFRESH) >= 0)) {
            Map<String, NodeHealth> read = new HashMap<>();
            try (KeyValueIterator<String, NodeHealth> all = cluster.all()) {
                all.forEachRemaining(entry -> read.put(entry.key, entry.value));
            }
            clusterVerdicts = read;
            clusterReadAt = now;
        }
        Map<String, NodeHealth> whole = new HashMap<>(clusterVerdicts);
        whole.putAll(own);
        return whole;
    }

    /** Re-checks every node against how far the heartbeats have been read, runs an eviction round, and publishes what changed. */
    void checkHeartbeats(long timestamp) {
        Instant now = Instant.ofEpochMilli(timestamp);
        AtomicReference<NodeEvictions.Plan> round = new AtomicReference<>();
        Effects.plan(context, "the heartbeat check at " + now, () -> {
            Map<String, NodeHealth> before = new LinkedHashMap<>();
            Map<String, NodeHealth> after = new LinkedHashMap<>();
            try (KeyValueIterator<String, NodeHealth> all = nodes.all()) {
                while (all.hasNext()) {
                    KeyValue<String, NodeHealth> entry = all.next();
                    ReadPosition read = positions.of(NodeLifecycle.lastHeartbeat(entry.value).partition());
                    before.put(entry.key, entry.value);
                    after.put(entry.key, NodeLifecycle.recheck(entry.value, read, now, grace));
                }
            }
            NodeEvictions.Plan evictions =
                    NodeEvictions.plan(after.values(), wholeCluster(after, now).values(), mode, limiter, eviction, now);
            evictions.verdicts().forEach(verdict -> after.put(verdict.getNodeName(), verdict));
            round.set(evictions);
            Effects effects = new Effects(context);
            after.forEach((nodeName, next) -> addVerdict(effects, before.get(nodeName), next, now));
            for (Event event : evictions.events()) {
                effects.forward(NodeLifecycleController.EVENTS_SINK, Events.key(event), event, now);
            }
            return effects;
        }).apply();
        mode = round.get().mode();
        limiter = round.get().limiter();
    }

    /** Adds the store write of {@code next} when it differs, and its publication when it {@link NodeLifecycle#changed}. */
    private void addVerdict(Effects effects, NodeHealth previous, NodeHealth next, Instant now) {
        if (next.equals(previous)) {
            return;
        }
        effects.put(nodes, next.getNodeName(), next);
        if (NodeLifecycle.changed(previous, next)) {
            effects.forward(NodeLifecycleController.HEALTH_SINK, next.getNodeName(), next, now);
        }
        if (NodeLifecycle.flipped(previous, next)) {
            Event event = NodeLifecycle.event(next, now);
            effects.forward(NodeLifecycleController.EVENTS_SINK, Events.key(event), event, now);
        }
    }
}

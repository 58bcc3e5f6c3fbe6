package io.korch.controllers.nodelifecycle;

import io.korch.api.Event;
import io.korch.api.Node;
import io.korch.api.NodeHealth;
import io.korch.controllers.Effects;
import io.korch.model.Events;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs {@link NodeLifecycle} for every node: {@link NodeLifecycle#assess} on each node record (a
 * heartbeat, with the node's own Ready condition) and {@link NodeLifecycle#recheck} every
 * {@link NodeLifecycleController#CHECK_INTERVAL} of wall-clock time, so a node that falls silent is
 * noticed although no record arrives. The store {@value NodeLifecycleController#STORE} keeps each
 * node's latest heartbeat with its verdict; a verdict is published to {@code korch.node-health} on
 * first sight and whenever its readiness, reason or message changes, with an event when its
 * readiness flips. A node tombstone tombstones its verdict. A {@link CatchUpGate} keeps it from
 * declaring nodes lost while it reads a backlog of heartbeats.
 *
 * <p>Each step is planned in full before the store is written or anything is forwarded
 * ({@link Effects}), so a step that throws leaves no trace in the store or the topics. Only the
 * in-memory gate notes the heartbeat of such a record: it tracks how far the input has been read,
 * which a skipped record is too.
 */
final class NodeLifecycleProcessor implements Processor<String, Node, String, SpecificRecord> {

    private final Duration grace;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, NodeHealth> nodes;
    private CatchUpGate gate;

    NodeLifecycleProcessor(Duration grace) {
        this.grace = grace;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.nodes = context.getStateStore(NodeLifecycleController.STORE);
        this.gate = new CatchUpGate(grace, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        context.schedule(NodeLifecycleController.CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::checkHeartbeats);
    }

    @Override
    public void process(Record<String, Node> record) {
        String nodeName = record.key();
        if (nodeName == null) {
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Effects.plan("the record at key " + nodeName, () -> plan(nodeName, record, now)).apply();
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
        Instant sent = NodeLifecycle.heartbeat(record.value(), Instant.ofEpochMilli(record.timestamp()));
        gate.heartbeatProcessed(sent, now);
        boolean older = previous != null && previous.getLastHeartbeatTime() != null
                && sent.isBefore(previous.getLastHeartbeatTime());
        NodeHealth next = older
                // a record older than the heartbeat already known tells nothing new about the node
                ? NodeLifecycle.recheck(previous, now, grace, gate.watchingSince())
                : NodeLifecycle.assess(nodeName, previous, sent, NodeLifecycle.ReadyCondition.of(record.value()), now,
                        grace, gate.watchingSince());
        addVerdict(effects, previous, next, now);
        return effects;
    }

    /** Re-checks every node against the wall clock and publishes the verdicts that changed. */
    void checkHeartbeats(long timestamp) {
        Instant now = Instant.ofEpochMilli(timestamp);
        Effects.plan("the heartbeat check at " + now, () -> {
            gate.tick(now);
            Effects effects = new Effects(context);
            try (KeyValueIterator<String, NodeHealth> all = nodes.all()) {
                while (all.hasNext()) {
                    KeyValue<String, NodeHealth> entry = all.next();
                    addVerdict(effects, entry.value, NodeLifecycle.recheck(entry.value, now, grace, gate.watchingSince()), now);
                }
            }
            return effects;
        }).apply();
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

package io.korch.controllers.nodelifecycle;

import io.korch.api.Event;
import io.korch.api.Node;
import io.korch.api.NodeHealth;
import io.korch.model.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs {@link NodeLifecycle} for every node: on each node record (a heartbeat) and every
 * {@link NodeLifecycleController#CHECK_INTERVAL} of wall-clock time, so a node that falls silent is
 * noticed although no record arrives. The store {@value NodeLifecycleController#STORE} keeps each
 * node's latest heartbeat with its verdict; a verdict is published to {@code korch.node-health},
 * with an event, on first sight and whenever readiness flips. A node tombstone tombstones its verdict.
 * A {@link CatchUpGate} keeps it from declaring nodes lost while it reads a backlog of heartbeats.
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
        if (record.value() == null) {
            if (nodes.delete(nodeName) != null) {
                context.forward(new Record<>(nodeName, null, now.toEpochMilli()), NodeLifecycleController.HEALTH_SINK);
            }
            return;
        }
        NodeHealth previous = nodes.get(nodeName);
        Instant sent = NodeLifecycle.heartbeat(record.value(), Instant.ofEpochMilli(record.timestamp()));
        gate.heartbeatProcessed(sent, now);
        Instant heartbeat = previous != null && previous.getLastHeartbeatTime() != null
                && sent.isBefore(previous.getLastHeartbeatTime()) ? previous.getLastHeartbeatTime() : sent;
        NodeHealth next = NodeLifecycle.assess(nodeName, previous, heartbeat, now, grace, gate.watchingSince());
        nodes.put(nodeName, next);
        if (NodeLifecycle.changed(previous, next)) {
            publish(next, now);
        }
    }

    /** Re-assesses every node against the wall clock and publishes the verdicts that flipped. */
    void checkHeartbeats(long timestamp) {
        Instant now = Instant.ofEpochMilli(timestamp);
        gate.tick(now);
        List<NodeHealth> flipped = new ArrayList<>();
        try (KeyValueIterator<String, NodeHealth> all = nodes.all()) {
            while (all.hasNext()) {
                KeyValue<String, NodeHealth> entry = all.next();
                NodeHealth previous = entry.value;
                Instant heartbeat = previous.getLastHeartbeatTime() == null
                        ? previous.getLastTransitionTime()
                        : previous.getLastHeartbeatTime();
                NodeHealth next = NodeLifecycle.assess(entry.key, previous, heartbeat, now, grace, gate.watchingSince());
                if (NodeLifecycle.changed(previous, next)) {
                    flipped.add(next);
                }
            }
        }
        for (NodeHealth health : flipped) {
            nodes.put(health.getNodeName(), health);
            publish(health, now);
        }
    }

    private void publish(NodeHealth health, Instant now) {
        context.forward(new Record<>(health.getNodeName(), health, now.toEpochMilli()), NodeLifecycleController.HEALTH_SINK);
        Event event = NodeLifecycle.event(health, now);
        context.forward(new Record<>(Events.key(event), event, now.toEpochMilli()), NodeLifecycleController.EVENTS_SINK);
    }
}

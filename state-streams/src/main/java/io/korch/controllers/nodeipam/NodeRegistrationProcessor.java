package io.korch.controllers.nodeipam;

import io.korch.api.Node;
import io.korch.model.NodeViews;
import io.korch.topics.Topics;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns the records about nodes — the agents' registrations and heartbeats ({@code korch.nodes})
 * and the users' declarations ({@code korch.node-specs}), both keyed by node name — into the few the
 * allocator needs: {@value #REGISTER} when a node is first seen, or heartbeats again after it was
 * deleted (it registered anew), and {@value #RELEASE} when it is deleted (a declaration with
 * {@code metadata.deletionTimestamp}, as {@link NodeViews#isDeleted} reads it) or its record is
 * tombstoned. Every other heartbeat is dropped here, on the node's own partition, so the single
 * allocator never sees the heartbeat stream.
 *
 * <p>What it saw last of each node is kept in {@value NodeIpamController#REGISTRATIONS_STORE}:
 * {@value #REGISTERED}, or {@code deleted@<epoch millis>}.
 */
final class NodeRegistrationProcessor implements Processor<String, Node, String, String> {

    /** The request for a share for the node. */
    static final String REGISTER = "register";
    /** The request to release the node's share. */
    static final String RELEASE = "release";
    /** The store's mark of a node that has its share, or has asked for one. */
    static final String REGISTERED = "registered";
    private static final String DELETED_AT = "deleted@";

    private ProcessorContext<String, String> context;
    private KeyValueStore<String, String> registrations;

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.registrations = context.getStateStore(NodeIpamController.REGISTRATIONS_STORE);
    }

    @Override
    public void process(Record<String, Node> record) {
        String node = record.key();
        if (node == null) {
            return;
        }
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(Topics.NODES.name());
        String state = registrations.get(node);
        if (Topics.NODE_SPECS.name().equals(topic)) {
            Instant deleted = record.value() == null ? null : record.value().getMetadata().getDeletionTimestamp();
            if (deleted != null && REGISTERED.equals(state)) {
                registrations.put(node, DELETED_AT + deleted.toEpochMilli());
                context.forward(record.withValue(RELEASE));
            }
            return;
        }
        if (record.value() == null) {
            if (REGISTERED.equals(state)) {
                registrations.put(node, DELETED_AT + record.timestamp());
                context.forward(record.withValue(RELEASE));
            }
            return;
        }
        if (state == null || (!REGISTERED.equals(state) && heartbeatAfter(record.value(), state))) {
            registrations.put(node, REGISTERED);
            context.forward(record.withValue(REGISTER));
        }
    }

    /** Whether the node's heartbeat comes after the deletion that {@code state} records. */
    private static boolean heartbeatAfter(Node node, String state) {
        Instant heartbeat = NodeViews.lastHeartbeat(node);
        long deleted = Long.parseLong(state.substring(DELETED_AT.length()));
        return heartbeat != null && heartbeat.toEpochMilli() > deleted;
    }
}

package io.korch.controllers.nodeipam;

import io.korch.api.Event;
import io.korch.api.NodePodCidrs;
import io.korch.model.EventReasons;
import io.korch.model.Events;
import io.korch.controllers.metrics.ReconcileMeters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The one allocator of the cluster's node shares: it runs on the single partition every
 * registration and release is routed to, so no two nodes are ever given the same share, however
 * many controllers run.
 *
 * <p>A registering node is given the lowest free share ({@link CidrShares#lowestFree}), written to
 * {@code korch.node-pod-cidrs}; a node that already has one keeps it, so a restarted controller, or
 * agent, changes nothing. When none is free, the node gets a record with no CIDR and a message,
 * and one {@value EventReasons#CIDR_NOT_AVAILABLE} event; it waits for a share to be released.
 * A released share is taken from the deleted node (its record tombstoned) and given to the first
 * waiting node, in name order.
 *
 * <p>Stores: {@value NodeIpamController#NODE_CIDRS_STORE} (node → what was written for it) and
 * {@value NodeIpamController#SHARES_STORE} (share number → node), read in order to find the lowest
 * free share.
 */
final class CidrAllocatorProcessor implements Processor<String, String, String, SpecificRecord> {

    /** Kubernetes' range allocator's words when no CIDR is left. */
    static final String NO_CIDR_LEFT =
            "CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range";
    /** The component its events name, as Kubernetes' range allocator. */
    static final String COMPONENT = "cidrAllocator";

    private final CidrShares shares;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, NodePodCidrs> nodeCidrs;
    private KeyValueStore<String, String> owners;

    CidrAllocatorProcessor(CidrShares shares) {
        this.shares = shares;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.nodeCidrs = context.getStateStore(NodeIpamController.NODE_CIDRS_STORE);
        this.owners = context.getStateStore(NodeIpamController.SHARES_STORE);
    }

    @Override
    public void process(Record<String, String> record) {
        String node = record.key();
        if (node == null) {
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        ReconcileMeters.of(context).measure(() -> {
            if (NodeRegistrationProcessor.REGISTER.equals(record.value())) {
                register(node, now);
            } else if (NodeRegistrationProcessor.RELEASE.equals(record.value())) {
                release(node, now);
            }
            return null;
        });
    }

    private void register(String node, Instant now) {
        if (nodeCidrs.get(node) != null) {
            return; // it has its share, or waits for one and was told so
        }
        OptionalLong free = lowestFree();
        if (free.isPresent()) {
            give(node, free.getAsLong(), now);
            return;
        }
        NodePodCidrs none = NodePodCidrs.newBuilder().setPodCIDRs(new ArrayList<>()).setMessage(NO_CIDR_LEFT).build();
        nodeCidrs.put(node, none);
        context.forward(new Record<>(node, none, now.toEpochMilli()));
        Event event = Events.of(Events.ref("Node", null, node, null), Events.NORMAL, EventReasons.CIDR_NOT_AVAILABLE,
                "Node " + node + " status is now: " + EventReasons.CIDR_NOT_AVAILABLE, COMPONENT, null, now);
        context.forward(new Record<>(Events.key(event), event, now.toEpochMilli()));
    }

    private void release(String node, Instant now) {
        NodePodCidrs held = nodeCidrs.get(node);
        if (held == null) {
            return;
        }
        nodeCidrs.delete(node);
        context.forward(new Record<>(node, null, now.toEpochMilli()));
        boolean freed = false;
        for (String cidr : held.getPodCIDRs()) {
            OptionalLong index = shares.indexOf(cidr);
            if (index.isPresent() && node.equals(owners.get(CidrShares.key(index.getAsLong())))) {
                owners.delete(CidrShares.key(index.getAsLong()));
                freed = true;
            }
        }
        if (freed) {
            String waiting = firstWaiting();
            OptionalLong free = lowestFree();
            if (waiting != null && free.isPresent()) {
                give(waiting, free.getAsLong(), now);
            }
        }
    }

    private void give(String node, long index, Instant now) {
        NodePodCidrs given = NodePodCidrs.newBuilder()
                .setPodCIDRs(new ArrayList<>(List.of(shares.share(index).toString())))
                .build();
        owners.put(CidrShares.key(index), node);
        nodeCidrs.put(node, given);
        context.forward(new Record<>(node, given, now.toEpochMilli()));
    }

    private OptionalLong lowestFree() {
        try (KeyValueIterator<String, String> taken = owners.all()) {
            return shares.lowestFree(new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return taken.hasNext();
                }

                @Override
                public Long next() {
                    return Long.parseLong(taken.next().key);
                }
            });
        }
    }

    /** The first node, by name, that waits for a share. */
    private String firstWaiting() {
        try (KeyValueIterator<String, NodePodCidrs> all = nodeCidrs.all()) {
            while (all.hasNext()) {
                KeyValue<String, NodePodCidrs> entry = all.next();
                if (entry.value.getPodCIDRs().isEmpty()) {
                    return entry.key;
                }
            }
        }
        return null;
    }
}

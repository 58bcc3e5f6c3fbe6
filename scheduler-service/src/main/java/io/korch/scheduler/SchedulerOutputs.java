package io.korch.scheduler;

import io.korch.api.Event;
import io.korch.api.PodBinding;
import io.korch.model.Events;
import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.PodInfo;
import io.korch.topics.Keys;
import java.time.Clock;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the scheduler decided: a pod's binding to the bindings store (the scheduler's memory
 * of it) and to {@code korch.bindings}, a node's assignment to {@code korch.assignments}, and
 * Scheduled / FailedScheduling events to {@code korch.events}, each stamped by the clock.
 *
 * <p>It builds each value from what the caller already decided, and reads nothing but a pod's
 * previous binding (so an unchanged explanation is not written again).
 */
final class SchedulerOutputs {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerOutputs.class);

    private final ProcessorContext<String, SpecificRecord> context;
    private final KeyValueStore<String, PodBinding> bindings;
    private final Clock clock;

    SchedulerOutputs(ProcessorContext<String, SpecificRecord> context, KeyValueStore<String, PodBinding> bindings,
                     Clock clock) {
        this.context = context;
        this.bindings = bindings;
        this.clock = clock;
    }

    /**
     * Records that {@code pod} was bound to {@code node}: its binding, the node's new assignment
     * (which must already count the pod) and a Scheduled event.
     */
    void bound(PodInfo pod, NodeInfo node) {
        Instant now = clock.instant();
        String message = "Successfully assigned " + pod.key() + " to " + node.name();
        binding(pod.key(), PodBinding.newBuilder()
                .setPodUid(pod.uid())
                .setNodeName(node.name())
                .setMessage(message)
                .setTimestamp(now)
                .build());
        assignment(node);
        event(pod.key(), pod.uid(), Events.NORMAL, SchedulingProcessor.SCHEDULED, message, node.name(), now);
        LOG.debug("bound {} to {}", pod.key(), node.name());
    }

    /**
     * Records that a pod is not placed, and why. The binding and a FailedScheduling event are written
     * only when the explanation changed, so retries every second do not flood the topics.
     */
    void unschedulable(String key, String uid, String message) {
        PodBinding previous = bindings.get(key);
        if (previous != null && previous.getNodeName() == null
                && previous.getPodUid().equals(uid) && message.equals(previous.getMessage())) {
            return;
        }
        Instant now = clock.instant();
        binding(key, PodBinding.newBuilder()
                .setPodUid(uid)
                .setNodeName(null)
                .setReason(SchedulingProcessor.UNSCHEDULABLE)
                .setMessage(message)
                .setTimestamp(now)
                .build());
        event(key, uid, Events.WARNING, SchedulingProcessor.FAILED_SCHEDULING, message, null, now);
        LOG.debug("{} is unschedulable: {}", key, message);
    }

    /** Tombstones the binding of a deleted pod. */
    void unbound(String key) {
        binding(key, null);
    }

    /** Writes the node's assignment: every pod it counts, the agent's desired set. */
    void assignment(NodeInfo node) {
        context.forward(new Record<>(node.name(), node.assignment(), clock.millis()), SchedulerTopology.ASSIGNMENTS_SINK);
    }

    private void binding(String key, PodBinding binding) {
        if (binding == null) {
            bindings.delete(key);
        } else {
            bindings.put(key, binding);
        }
        context.forward(new Record<>(key, (SpecificRecord) binding, clock.millis()), SchedulerTopology.BINDINGS_SINK);
    }

    private void event(String podKey, String uid, String type, String reason, String message, String host,
                       Instant now) {
        Event event = Events.of(Events.ref("Pod", Keys.namespace(podKey), Keys.name(podKey), uid),
                type, reason, message, SchedulingProcessor.COMPONENT, host, now);
        context.forward(new Record<>(Events.key(event), event, now.toEpochMilli()), SchedulerTopology.EVENTS_SINK);
    }
}

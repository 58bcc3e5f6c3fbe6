package io.korch.scheduler.placer;

import io.korch.api.BindRequest;
import io.korch.api.Event;
import io.korch.api.PodBinding;
import io.korch.model.EventReasons;
import io.korch.model.Events;
import io.korch.scheduler.SchedulerTopology;
import io.korch.scheduler.framework.PodInfo;
import io.korch.topics.Keys;
import java.time.Clock;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Writes what a placer decided: bind requests and releases to {@code korch.bind-requests}, a pod's
 * binding to the bindings store (the placer's memory of it) and to {@code korch.bindings}, and
 * Scheduled / FailedScheduling events to {@code korch.events}, each stamped by the clock.
 *
 * <p>It builds each value from what the caller already decided, and reads nothing but a pod's
 * previous binding (so an unchanged explanation is not written again).
 */
final class PlacerOutputs {

    private final ProcessorContext<String, SpecificRecord> context;
    private final KeyValueStore<String, PodBinding> bindings;
    private final Clock clock;

    PlacerOutputs(ProcessorContext<String, SpecificRecord> context, KeyValueStore<String, PodBinding> bindings,
                  Clock clock) {
        this.context = context;
        this.bindings = bindings;
        this.clock = clock;
    }

    /** Asks the binder of {@code pod}'s node (its {@code spec.nodeName}) to take it; returns the request. */
    BindRequest request(PodInfo pod, boolean requestedByPod) {
        BindRequest request = BindRequest.newBuilder()
                .setPod(pod.pod())
                .setRequestedByPod(requestedByPod)
                .setRequestedAt(clock.instant())
                .build();
        String node = pod.pod().getSpec().getNodeName();
        context.forward(new Record<>(Keys.onNode(node, pod.key()), (SpecificRecord) request, clock.millis()),
                SchedulerTopology.REQUESTS_SINK);
        return request;
    }

    /** Tells the binder of {@code node} that the pod with {@code podKey} left it. */
    void release(String node, String podKey) {
        context.forward(new Record<>(Keys.onNode(node, podKey), null, clock.millis()), SchedulerTopology.REQUESTS_SINK);
    }

    /** Records that the binder of {@code node} accepted the pod: its binding and a Scheduled event. */
    void bound(String key, String uid, String node) {
        Instant now = clock.instant();
        String message = "Successfully assigned " + key + " to " + node;
        binding(key, PodBinding.newBuilder()
                .setPodUid(uid)
                .setNodeName(node)
                .setMessage(message)
                .setTimestamp(now)
                .build());
        event(key, uid, Events.NORMAL, EventReasons.SCHEDULED, message, node, now);
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
                .setReason(PlacerProcessor.UNSCHEDULABLE)
                .setMessage(message)
                .setTimestamp(now)
                .build());
        event(key, uid, Events.WARNING, EventReasons.FAILED_SCHEDULING, message, null, now);
    }

    /** Tombstones the binding of a deleted pod. */
    void unbound(String key) {
        binding(key, null);
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
                type, reason, message, PlacerProcessor.COMPONENT, host, now);
        context.forward(new Record<>(Events.key(event), event, now.toEpochMilli()), SchedulerTopology.EVENTS_SINK);
    }
}

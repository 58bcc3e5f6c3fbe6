package io.korch.scheduler;

import io.korch.api.Event;
import io.korch.api.Node;
import io.korch.api.NodeHealth;
import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.model.Events;
import io.korch.scheduler.SchedulerInput.HealthChanged;
import io.korch.scheduler.SchedulerInput.NodeChanged;
import io.korch.scheduler.SchedulerInput.PodChanged;
import io.korch.scheduler.framework.NodeCache;
import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.Placement;
import io.korch.scheduler.framework.PodInfo;
import io.korch.scheduler.framework.SchedulingPipeline;
import io.korch.topics.Keys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds pods to nodes. Takes pod, node and node-health changes (tagged {@link SchedulerInput}s)
 * and writes bindings (per pod), assignments (per node) and events.
 *
 * <p>Its stores hold the latest pod, node and health records and the bindings it wrote; from them
 * {@link #init} rebuilds the {@link NodeCache} (what each node runs and has allocated) and the set
 * of pending pods, so a restarted or moved task resumes exactly where the last commit left it.
 *
 * <p>A pod goes through {@link PodDecision#decide}: bound pods stay where they are, a pod naming
 * its node is bound there, others run through the {@link SchedulingPipeline}. A pod that fits
 * nowhere gets an {@code Unschedulable} binding explaining why (and a FailedScheduling event when
 * the explanation changes) and is retried every {@link #RETRY_INTERVAL}, and at once when a node
 * changes in a way the filters see or a bound pod leaves its node.
 */
public final class SchedulingProcessor implements Processor<String, SchedulerInput, String, SpecificRecord> {

    /** Store of the latest record of every pod, by {@code namespace/name}. */
    public static final String PODS_STORE = "scheduler-pods";
    /** Store of the binding written for every pod, by {@code namespace/name}. */
    public static final String BINDINGS_STORE = "scheduler-bindings";
    /** Store of the latest record of every node, by node name. */
    public static final String NODES_STORE = "scheduler-nodes";
    /** Store of the latest health verdict of every node, by node name. */
    public static final String NODE_HEALTH_STORE = "scheduler-node-health";
    /** Every store the processor uses. */
    public static final List<String> STORES = List.of(PODS_STORE, BINDINGS_STORE, NODES_STORE, NODE_HEALTH_STORE);

    /** How often pending pods are tried again, in wall-clock time. */
    public static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    /** The binding reason of a pod that fits nowhere. */
    public static final String UNSCHEDULABLE = "Unschedulable";
    /** Event reason of a successful binding. */
    public static final String SCHEDULED = "Scheduled";
    /** Event reason of a pod that fits nowhere. */
    public static final String FAILED_SCHEDULING = "FailedScheduling";
    /** Event source component. */
    public static final String COMPONENT = "scheduler";

    private static final Logger LOG = LoggerFactory.getLogger(SchedulingProcessor.class);

    private final SchedulingPipeline pipeline;
    private final Clock clock;
    private final NodeCache nodes = new NodeCache();
    /** Keys of pods waiting for a node, oldest first. */
    private final Set<String> pending = new LinkedHashSet<>();
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Pod> pods;
    private KeyValueStore<String, PodBinding> bindings;
    private KeyValueStore<String, Node> nodeRecords;
    private KeyValueStore<String, NodeHealth> healthRecords;

    public SchedulingProcessor(SchedulingPipeline pipeline, Clock clock) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.pods = context.getStateStore(PODS_STORE);
        this.bindings = context.getStateStore(BINDINGS_STORE);
        this.nodeRecords = context.getStateStore(NODES_STORE);
        this.healthRecords = context.getStateStore(NODE_HEALTH_STORE);
        rebuildFromStores();
        context.schedule(RETRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, timestamp -> retryPending());
    }

    @Override
    public void process(Record<String, SchedulerInput> record) {
        SchedulerInput input = record.value();
        if (input instanceof PodChanged changed) {
            onPod(record.key(), changed.pod());
        } else if (input instanceof NodeChanged changed) {
            onNode(record.key(), changed.node());
        } else if (input instanceof HealthChanged changed) {
            onHealth(record.key(), changed.health());
        }
    }

    /** The pods waiting for a node, oldest first; for tests and diagnostics. */
    Set<String> pending() {
        return Set.copyOf(pending);
    }

    /** The node bookkeeping; for tests and diagnostics. */
    NodeCache nodes() {
        return nodes;
    }

    // --- inputs ---------------------------------------------------------------------------------

    private void onPod(String key, Pod pod) {
        PodBinding binding = bindings.get(key);
        if (pod == null) {
            pods.delete(key);
            pending.remove(key);
            if (binding != null) {
                boolean freed = leaveNode(key, binding);
                writeBinding(key, null);
                if (freed) {
                    retryPending();
                }
            }
            return;
        }
        pods.put(key, pod);
        String uid = Objects.toString(pod.getMetadata().getUid(), "");
        if (binding != null && !binding.getPodUid().equals(uid)) {
            // a new pod took the name of an older one: the old one leaves its node first
            leaveNode(key, binding);
            binding = null;
        }
        PodInfo info;
        try {
            info = PodInfo.of(key, pod);
        } catch (IllegalArgumentException e) {
            if (binding != null && binding.getNodeName() != null) {
                // a running pod is not taken off its node for an update the scheduler cannot read
                LOG.warn("pod {} on {} was updated with invalid resources; its node keeps the last valid record: {}",
                        key, binding.getNodeName(), e.getMessage());
                return;
            }
            pending.remove(key);
            recordUnschedulable(key, uid, "invalid pod: " + e.getMessage());
            return;
        }
        switch (PodDecision.decide(pod, binding)) {
            case REFRESH -> refresh(info, binding.getNodeName());
            case BIND_AS_REQUESTED -> bind(info, info.requestedNodeName());
            case SCHEDULE -> schedule(info);
            case HOLD, FORGET -> pending.remove(key);
        }
    }

    private void onNode(String name, Node node) {
        if (node == null) {
            nodeRecords.delete(name);
        } else {
            nodeRecords.put(name, node);
        }
        boolean changed = nodes.getOrCreate(name).setNode(node);
        nodes.forgetIfUnused(name);
        if (changed) {
            retryPending();
        }
    }

    private void onHealth(String name, NodeHealth health) {
        if (health == null) {
            healthRecords.delete(name);
        } else {
            healthRecords.put(name, health);
        }
        boolean changed = nodes.getOrCreate(name).setHealth(health);
        nodes.forgetIfUnused(name);
        if (changed) {
            retryPending();
        }
    }

    // --- steps ----------------------------------------------------------------------------------

    /** Tries every pending pod once, oldest first; each binding counts for the pods after it. */
    private void retryPending() {
        for (String key : List.copyOf(pending)) {
            Pod pod = pods.get(key);
            if (pod == null) {
                pending.remove(key);
                continue;
            }
            try {
                PodInfo info = PodInfo.of(key, pod);
                switch (PodDecision.decide(pod, null)) {
                    case BIND_AS_REQUESTED -> bind(info, info.requestedNodeName());
                    case SCHEDULE -> schedule(info);
                    default -> pending.remove(key);
                }
            } catch (IllegalArgumentException e) {
                pending.remove(key);
                recordUnschedulable(key, Objects.toString(pod.getMetadata().getUid(), ""), "invalid pod: " + e.getMessage());
            }
        }
    }

    private void schedule(PodInfo pod) {
        Placement placement = pipeline.place(pod, nodes.candidates());
        if (placement.bound()) {
            bind(pod, placement.nodeName());
        } else {
            pending.add(pod.key());
            recordUnschedulable(pod.key(), pod.uid(), placement.message());
        }
    }

    private void bind(PodInfo pod, String nodeName) {
        pending.remove(pod.key());
        NodeInfo node = nodes.getOrCreate(nodeName);
        node.add(pod.boundTo(nodeName));
        Instant now = clock.instant();
        String message = "Successfully assigned " + pod.key() + " to " + nodeName;
        writeBinding(pod.key(), PodBinding.newBuilder()
                .setPodUid(pod.uid())
                .setNodeName(nodeName)
                .setMessage(message)
                .setTimestamp(now)
                .build());
        writeAssignment(node);
        writeEvent(pod.key(), pod.uid(), Events.NORMAL, SCHEDULED, message, nodeName, now);
        LOG.debug("bound {} to {}", pod.key(), nodeName);
    }

    /** Keeps a bound pod on its node; the assignment is rewritten only when the record changed. */
    private void refresh(PodInfo pod, String nodeName) {
        pending.remove(pod.key());
        NodeInfo node = nodes.getOrCreate(nodeName);
        PodInfo bound = pod.boundTo(nodeName);
        PodInfo current = node.pod(pod.key());
        if (current == null || !current.pod().equals(bound.pod())) {
            node.add(bound);
            writeAssignment(node);
        }
    }

    /**
     * Records that a pod fits nowhere. The binding and a FailedScheduling event are written only
     * when the explanation changed, so retries every second do not flood the topics.
     */
    private void recordUnschedulable(String key, String uid, String message) {
        PodBinding previous = bindings.get(key);
        if (previous != null && previous.getNodeName() == null
                && previous.getPodUid().equals(uid) && message.equals(previous.getMessage())) {
            return;
        }
        Instant now = clock.instant();
        writeBinding(key, PodBinding.newBuilder()
                .setPodUid(uid)
                .setNodeName(null)
                .setReason(UNSCHEDULABLE)
                .setMessage(message)
                .setTimestamp(now)
                .build());
        writeEvent(key, uid, Events.WARNING, FAILED_SCHEDULING, message, null, now);
        LOG.debug("{} is unschedulable: {}", key, message);
    }

    /**
     * Takes a pod off the node its binding names, writing the node's new assignment.
     *
     * @return true when the pod was counted on a node, so its resources are now free
     */
    private boolean leaveNode(String key, PodBinding binding) {
        if (binding.getNodeName() == null) {
            return false;
        }
        NodeInfo node = nodes.get(binding.getNodeName());
        if (node == null || node.remove(key) == null) {
            return false;
        }
        writeAssignment(node);
        nodes.forgetIfUnused(node.name());
        return true;
    }

    // --- outputs --------------------------------------------------------------------------------

    private void writeBinding(String key, PodBinding binding) {
        if (binding == null) {
            bindings.delete(key);
        } else {
            bindings.put(key, binding);
        }
        context.forward(new Record<>(key, (SpecificRecord) binding, clock.millis()), SchedulerTopology.BINDINGS_SINK);
    }

    private void writeAssignment(NodeInfo node) {
        context.forward(new Record<>(node.name(), node.assignment(), clock.millis()), SchedulerTopology.ASSIGNMENTS_SINK);
    }

    private void writeEvent(String podKey, String uid, String type, String reason, String message,
                            String host, Instant now) {
        Event event = Events.of(Events.ref("Pod", Keys.namespace(podKey), Keys.name(podKey), uid),
                type, reason, message, COMPONENT, host, now);
        context.forward(new Record<>(Events.key(event), event, now.toEpochMilli()), SchedulerTopology.EVENTS_SINK);
    }

    // --- restart --------------------------------------------------------------------------------

    private void rebuildFromStores() {
        try (KeyValueIterator<String, Node> all = nodeRecords.all()) {
            all.forEachRemaining(entry -> nodes.getOrCreate(entry.key).setNode(entry.value));
        }
        try (KeyValueIterator<String, NodeHealth> all = healthRecords.all()) {
            all.forEachRemaining(entry -> nodes.getOrCreate(entry.key).setHealth(entry.value));
        }
        try (KeyValueIterator<String, Pod> all = pods.all()) {
            while (all.hasNext()) {
                KeyValue<String, Pod> entry = all.next();
                restorePod(entry.key, entry.value);
            }
        }
        LOG.info("scheduler state restored: {} node(s), {} pending pod(s)", nodes.all().size(), pending.size());
    }

    private void restorePod(String key, Pod pod) {
        PodBinding binding = bindings.get(key);
        String uid = Objects.toString(pod.getMetadata().getUid(), "");
        if (binding != null && !binding.getPodUid().equals(uid)) {
            binding = null;
        }
        PodDecision decision = PodDecision.decide(pod, binding);
        if (decision == PodDecision.SCHEDULE || decision == PodDecision.BIND_AS_REQUESTED) {
            pending.add(key);
            return;
        }
        if (decision != PodDecision.REFRESH) {
            return;
        }
        try {
            nodes.getOrCreate(binding.getNodeName()).add(PodInfo.of(key, pod).boundTo(binding.getNodeName()));
        } catch (IllegalArgumentException e) {
            LOG.warn("bound pod {} has invalid resources and is not counted on {}: {}",
                    key, binding.getNodeName(), e.getMessage());
        }
    }
}

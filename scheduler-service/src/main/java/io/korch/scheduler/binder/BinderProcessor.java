package io.korch.scheduler.binder;

import io.korch.api.BindOutcome;
import io.korch.api.BindRequest;
import io.korch.api.Pod;
import io.korch.api.PodAssignment;
import io.korch.scheduler.SchedulerTopology;
import io.korch.scheduler.framework.FilterPlugin;
import io.korch.scheduler.framework.NodeCache;
import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.PodInfo;
import io.korch.scheduler.view.ClusterView;
import io.korch.topics.Keys;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The binder of the nodes on one partition: it alone owns their accounting, so no node is given
 * more than its allocatable cpu, memory or pod count, however many placers choose it at once.
 *
 * <pre>
 * korch.bind-requests (node/namespace/name) ──▶ binder [{@value #PODS_STORE}] ──▶ korch.pod-assignments
 *                                                                             └─▶ korch.bind-outcomes
 * </pre>
 *
 * <p>A request is decided by {@link BindDecision} against the node's pods as this binder counts
 * them and the node's record and verdict from the {@link ClusterView}. An accepted pod is stored,
 * written as the node's {@code PodAssignment} and answered {@code accepted}; a refused one is only
 * answered, with the reason, and its placer tries elsewhere. A request for a pod already accepted
 * (same uid) updates its record, as when its labels change; a tombstone releases it.
 *
 * <p>{@link #init} rebuilds the in-memory counts from the store, so a moved or restarted task
 * resumes from its last commit. Each step decides before it writes anything.
 */
public final class BinderProcessor implements Processor<String, BindRequest, String, SpecificRecord> {

    /** Store of every accepted pod, by {@code node/namespace/name}. */
    public static final String PODS_STORE = "binder-pods";

    private static final Logger LOG = LoggerFactory.getLogger(BinderProcessor.class);

    private final ClusterView view;
    private final List<FilterPlugin> filters;
    private final Clock clock;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, PodAssignment> accepted;
    private NodeCache nodes;

    public BinderProcessor(ClusterView view, List<FilterPlugin> filters, Clock clock) {
        this.view = Objects.requireNonNull(view, "view");
        this.filters = List.copyOf(filters);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.accepted = context.getStateStore(PODS_STORE);
        this.nodes = new NodeCache();
        try (KeyValueIterator<String, PodAssignment> all = accepted.all()) {
            all.forEachRemaining(entry -> count(entry.key, entry.value.getPod()));
        }
        LOG.info("binder task {} restored {} node(s)", context.taskId(), nodes.all().size());
    }

    @Override
    public void process(Record<String, BindRequest> record) {
        String key = record.key();
        if (key == null || key.indexOf('/') < 0) {
            LOG.warn("skipping bind request with key {}: not node/namespace/name", key);
            return;
        }
        if (record.value() == null) {
            release(key);
        } else {
            bind(key, record.value());
        }
    }

    private void bind(String key, BindRequest request) {
        String nodeName = Keys.nodeOf(key);
        String podKey = Keys.podOf(key);
        Pod pod = request.getPod();
        String uid = Objects.toString(pod.getMetadata().getUid(), "");
        PodAssignment existing = accepted.get(key);
        boolean sameUid = existing != null && uid.equals(existing.getPod().getMetadata().getUid());
        if (sameUid) {
            if (!existing.getPod().equals(pod)) {
                assign(key, nodeName, podKey, pod, existing.getBoundAt().toEpochMilli());
            }
            answer(podKey, nodeName, uid, Optional.empty());
            return;
        }
        NodeInfo node = nodes.getOrCreate(nodeName);
        view.copyNodeInto(node);
        Optional<String> refusal;
        PodInfo info = null;
        try {
            info = PodInfo.of(podKey, pod).boundTo(nodeName);
            NodeInfo without = existing == null ? node : node.without(podKey);
            refusal = BindDecision.refusal(info, without, request.getRequestedByPod(), filters);
        } catch (IllegalArgumentException e) {
            refusal = Optional.of("invalid pod: " + e.getMessage());
        }
        // nothing was changed before this line
        if (refusal.isPresent()) {
            nodes.forgetIfUnused(nodeName);
            answer(podKey, nodeName, uid, refusal);
            return;
        }
        assign(key, nodeName, podKey, info.pod(), clock.millis());
        answer(podKey, nodeName, uid, Optional.empty());
    }

    private void release(String key) {
        PodAssignment existing = accepted.get(key);
        if (existing == null) {
            return;
        }
        String nodeName = Keys.nodeOf(key);
        NodeInfo node = nodes.get(nodeName);
        if (node != null) {
            node.remove(Keys.podOf(key));
            nodes.forgetIfUnused(nodeName);
        }
        accepted.delete(key);
        context.forward(new Record<>(key, null, clock.millis()), SchedulerTopology.ASSIGNMENTS_SINK);
    }

    private void assign(String key, String nodeName, String podKey, Pod pod, long boundAt) {
        PodAssignment assignment = PodAssignment.newBuilder()
                .setNodeName(nodeName)
                .setPod(pod)
                .setBoundAt(java.time.Instant.ofEpochMilli(boundAt))
                .build();
        count(key, pod);
        accepted.put(key, assignment);
        context.forward(new Record<>(key, (SpecificRecord) assignment, clock.millis()), SchedulerTopology.ASSIGNMENTS_SINK);
        LOG.debug("bound {} to {}", podKey, nodeName);
    }

    private void answer(String podKey, String nodeName, String uid, Optional<String> refusal) {
        BindOutcome outcome = BindOutcome.newBuilder()
                .setPodUid(uid)
                .setNodeName(nodeName)
                .setAccepted(refusal.isEmpty())
                .setReason(refusal.orElse(null))
                .setTimestamp(clock.instant())
                .build();
        context.forward(new Record<>(Keys.outcome(podKey, nodeName), (SpecificRecord) outcome, clock.millis()),
                SchedulerTopology.OUTCOMES_SINK);
    }

    /** Counts the pod of an accepted key on its node. */
    private void count(String key, Pod pod) {
        String nodeName = Keys.nodeOf(key);
        try {
            nodes.getOrCreate(nodeName).add(PodInfo.of(Keys.podOf(key), pod).boundTo(nodeName));
        } catch (IllegalArgumentException e) {
            LOG.warn("accepted pod {} has invalid resources and is not counted: {}", key, e.getMessage());
        }
    }
}

package io.korch.scheduler;

import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.scheduler.framework.NodeCache;
import io.korch.scheduler.framework.PodInfo;
import io.korch.scheduler.framework.Placement;
import io.korch.scheduler.framework.SchedulingPipeline;
import io.korch.scheduler.framework.NodeInfo;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the scheduler does with one pod, decided before anything is written.
 *
 * <p>{@link #plan} is the part of scheduling that can fail on a pod's content: it reads the pod's
 * requests, decides ({@link PodDecision}) and runs the {@link SchedulingPipeline}. It reads the
 * {@link NodeCache} and changes nothing (apart from drawing from the pipeline's generator to break
 * ties), so a plan that throws leaves no trace. {@link io.korch.scheduler.placer.PlacerProcessor}
 * then applies the step to its stores and outputs.
 */
public sealed interface PodStep {

    /** The key of the pod the step is about, {@code namespace/name}. */
    String key();

    /** Bind the pod to {@code nodeName}; {@code pod} already carries {@code spec.nodeName}. */
    record Bind(PodInfo pod, String nodeName) implements PodStep {
        @Override
        public String key() {
            return pod.key();
        }
    }

    /** Keep a bound pod on {@code nodeName} with its latest record, which already carries {@code spec.nodeName}. */
    record Refresh(PodInfo pod, String nodeName) implements PodStep {
        @Override
        public String key() {
            return pod.key();
        }
    }

    /** The pod fits on no node now: explain why, and try again later. */
    record Wait(String key, String uid, String message) implements PodStep {
    }

    /** The pod can never be placed as it is (its record is invalid): explain why, and stop trying. */
    record Reject(String key, String uid, String message) implements PodStep {
    }

    /** A bound pod's update cannot be read: it stays on {@code nodeName} with its last valid record. */
    record KeepLastValid(String key, String nodeName, String problem) implements PodStep {
    }

    /** Place the pod nowhere: it is being deleted before it was placed. */
    record Drop(String key) implements PodStep {
    }

    /**
     * Plans the step for the latest record of a pod. Idempotent: planning the same record against
     * the same bookkeeping gives the same step (up to the tie-breaking draw), and applying a
     * {@link Refresh} of an unchanged record writes nothing.
     *
     * @param key      {@code namespace/name}
     * @param pod      the latest record; not a tombstone
     * @param binding  the pod's binding, or null when it has none; a binding about an older pod of the
     *                 same name (another uid) must be dropped by the caller, who takes that pod off its
     *                 node before applying the step
     * @param pipeline places a pod that waits for a node
     * @param nodes    the bookkeeping of every node; read only
     * @throws RuntimeException only on a bug: an invalid record gives a {@link Reject} or {@link KeepLastValid}
     */
    public static PodStep plan(String key, Pod pod, PodBinding binding, SchedulingPipeline pipeline, NodeCache nodes) {
        return plan(key, pod, binding, pipeline, nodes, Set.of());
    }

    /**
     * {@link #plan(String, Pod, PodBinding, SchedulingPipeline, NodeCache)}, not placing the pod on
     * any of {@code excluded}: nodes whose binder just refused it.
     */
    public static PodStep plan(String key, Pod pod, PodBinding binding, SchedulingPipeline pipeline, NodeCache nodes,
                        Set<String> excluded) {
        Objects.requireNonNull(pod, "pod");
        String uid = Objects.toString(pod.getMetadata().getUid(), "");
        PodInfo info;
        try {
            info = PodInfo.of(key, pod);
        } catch (IllegalArgumentException e) {
            if (binding != null && binding.getNodeName() != null) {
                // a running pod is not taken off its node for an update the scheduler cannot read
                return new KeepLastValid(key, binding.getNodeName(), e.getMessage());
            }
            return new Reject(key, uid, "invalid pod: " + e.getMessage());
        }
        return switch (PodDecision.decide(pod, binding)) {
            case REFRESH -> new Refresh(info.boundTo(binding.getNodeName()), binding.getNodeName());
            case BIND_AS_REQUESTED -> new Bind(info.boundTo(info.requestedNodeName()), info.requestedNodeName());
            case SCHEDULE -> place(info, pipeline, nodes, excluded);
            case HOLD, FORGET -> new Drop(key);
        };
    }

    private static PodStep place(PodInfo pod, SchedulingPipeline pipeline, NodeCache nodes, Set<String> excluded) {
        // an older pod of the same name still counted on a node will have left it when this step applies
        List<NodeInfo> candidates = nodes.candidatesWithout(pod.key());
        if (!excluded.isEmpty()) {
            candidates.removeIf(node -> excluded.contains(node.name()));
        }
        Placement placement = pipeline.place(pod, candidates);
        if (placement.bound()) {
            return new Bind(pod.boundTo(placement.nodeName()), placement.nodeName());
        }
        return new Wait(pod.key(), pod.uid(), placement.message());
    }
}

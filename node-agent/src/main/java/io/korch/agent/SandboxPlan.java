package io.korch.agent;

import io.korch.agent.Action.Reasons;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.agent.runtime.RuntimeContainer.State;
import io.korch.api.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The part of a reconcile pass that keeps each pod's sandbox, the container holding the pod's network
 * namespace, which the pod's containers join. Pure and idempotent, as {@link Reconciler#plan}, which runs it
 * first.
 *
 * <ul>
 *   <li>A sandbox whose pod is no longer assigned is removed last: once no other container of its pod is left.</li>
 *   <li>A pod whose sandbox stopped (or is missing while its containers still run) is recreated as Kubernetes
 *       does: its containers are removed ({@link Reasons#SANDBOX_CHANGED}), then the dead sandbox, and the pod
 *       waits; the next container create starts a new sandbox.</li>
 *   <li>Of two running sandboxes of one pod the newest is kept.</li>
 * </ul>
 * Sandboxes are stopped with no grace period: they only sleep.
 */
final class SandboxPlan {

    private static final Comparator<RuntimeContainer> NEWEST_FIRST = Comparator
            .comparing((RuntimeContainer c) -> c.createdAt() == null ? Instant.MIN : c.createdAt())
            .reversed();

    /**
     * What the pass does about sandboxes.
     *
     * @param containers the observed containers the rest of the pass plans for: no sandbox, and none of a
     *                   waiting pod
     * @param removals   sandboxes and containers to remove
     * @param waiting    uids of assigned pods that must not create or start containers in this pass
     */
    record Result(List<RuntimeContainer> containers, List<Action> removals, Set<String> waiting) {
    }

    private SandboxPlan() {
    }

    /**
     * @param podsByUid   the assigned pods by uid
     * @param desiredKeys the namespace/name keys of the assigned pods
     * @param observed    every container of the node
     * @param sandboxed   whether a pod runs in a sandbox
     */
    static Result plan(Map<String, Pod> podsByUid, Set<String> desiredKeys, List<RuntimeContainer> observed,
                       Predicate<Pod> sandboxed) {
        Map<String, List<RuntimeContainer>> sandboxes = new LinkedHashMap<>();
        Map<String, List<RuntimeContainer>> others = new LinkedHashMap<>();
        for (RuntimeContainer container : observed) {
            if (container.podUid() != null) {
                (container.isSandbox() ? sandboxes : others)
                        .computeIfAbsent(container.podUid(), uid -> new ArrayList<>()).add(container);
            }
        }
        List<Action> removals = new ArrayList<>();
        Set<String> waiting = new HashSet<>();
        sandboxes.forEach((uid, group) -> {
            Pod pod = podsByUid.get(uid);
            List<RuntimeContainer> live = group.stream().filter(c -> c.state() != State.REMOVING).toList();
            boolean podLeft = pod == null || !sandboxed.test(pod);
            if (podLeft) {
                if (!others.containsKey(uid)) {
                    String reason = pod != null ? Reasons.NOT_IN_SPEC
                            : desiredKeys.contains(PodKeys.key(group.get(0))) ? Reasons.REPLACED : Reasons.NOT_ASSIGNED;
                    live.forEach(sandbox -> removals.add(new Action.Remove(sandbox, reason, Duration.ZERO)));
                }
                return;
            }
            List<RuntimeContainer> running = live.stream().filter(c -> c.state() == State.RUNNING)
                    .sorted(NEWEST_FIRST).toList();
            if (!running.isEmpty()) {
                running.subList(1, running.size())
                        .forEach(sandbox -> removals.add(new Action.Remove(sandbox, Reasons.DUPLICATE, Duration.ZERO)));
                live.stream().filter(c -> c.state() != State.RUNNING)
                        .forEach(sandbox -> removals.add(new Action.Remove(sandbox, Reasons.DUPLICATE, Duration.ZERO)));
                return;
            }
            waiting.add(uid);
            removeContainers(pod, others.getOrDefault(uid, List.of()), removals);
            if (!others.containsKey(uid)) {
                live.forEach(sandbox -> removals.add(new Action.Remove(sandbox, Reasons.SANDBOX_CHANGED, Duration.ZERO)));
            }
        });
        others.forEach((uid, group) -> {
            Pod pod = podsByUid.get(uid);
            if (pod != null && sandboxed.test(pod) && !sandboxes.containsKey(uid)) {
                waiting.add(uid);
                removeContainers(pod, group, removals);
            }
        });
        List<RuntimeContainer> containers = new ArrayList<>();
        for (RuntimeContainer container : observed) {
            if (!container.isSandbox() && !waiting.contains(container.podUid())) {
                containers.add(container);
            }
        }
        return new Result(containers, removals, waiting);
    }

    /** Removes the containers of a pod whose sandbox is gone, with the pod's grace period. */
    private static void removeContainers(Pod pod, List<RuntimeContainer> containers, List<Action> removals) {
        for (RuntimeContainer container : containers) {
            if (container.state() != State.REMOVING) {
                removals.add(new Action.Remove(container, Reasons.SANDBOX_CHANGED, Reconciler.gracePeriod(pod),
                        Reconciler.container(pod, container.containerName())));
            }
        }
    }
}

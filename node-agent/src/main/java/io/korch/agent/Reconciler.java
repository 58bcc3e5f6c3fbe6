package io.korch.agent;

import io.korch.agent.Action.Reasons;
import io.korch.agent.probe.ContainerHealth;
import io.korch.agent.probe.Health;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.agent.runtime.RuntimeContainer.State;
import io.korch.api.Container;
import io.korch.api.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The agent's reconcile step: from the pods assigned to the node, the containers the runtime shows and
 * what the agent remembers about them, the actions that bring the node to the assigned state.
 *
 * <p>{@link #plan} is a pure function and idempotent: work is keyed by pod uid and container name, so a
 * container that exists (whoever created it) is adopted rather than created again, and running the plan
 * again on the state its actions produced yields no further action. In order, it
 * <ol>
 *   <li>keeps each sandboxed pod's sandbox ({@link SandboxPlan}): removes the sandboxes of pods that left once
 *       their containers are gone, and recreates a pod whose sandbox stopped;</li>
 *   <li>removes containers whose pod uid is no longer assigned (or was replaced by a new uid under the
 *       same name), whose container is not in the pod spec, that duplicate another, or that lack pod labels;</li>
 *   <li>runs the init containers one after the other, each to a successful exit, before any app
 *       container; a failed init container is restarted as the restart policy says (never under
 *       {@code Never}, which fails the pod);</li>
 *   <li>creates and starts missing containers, unless the old container of the same name is still being
 *       removed or a failed attempt's back-off has not passed;</li>
 *   <li>starts containers that were created but never started;</li>
 *   <li>kills running containers whose liveness or startup probe failed ({@link Health});</li>
 *   <li>restarts exited containers as the restart policy says, after the {@link BackOff} delay counted from
 *       their exit, announcing the back-off once per exit.</li>
 * </ol>
 */
public final class Reconciler {

    /** Grace period of a container whose pod does not say, as in Kubernetes. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(30);

    private static final Comparator<RuntimeContainer> PREFERRED = Comparator
            .comparing((RuntimeContainer c) -> c.state() == State.RUNNING)
            .thenComparing(c -> c.createdAt() == null ? Instant.MIN : c.createdAt())
            .reversed();

    private Reconciler() {
    }

    /**
     * The actions that drive the node from {@code observed} toward {@code desired}.
     *
     * @param desired  the pods assigned to this node (pods without uid are ignored)
     * @param observed every container of this node, as the runtime lists them
     * @param history  what the agent remembers per pod container; missing entries count as new
     * @param now      the current time
     * @return removals first, then creates, starts, restarts and back-off announcements
     */
    public static List<Action> plan(List<Pod> desired, List<RuntimeContainer> observed,
                                    Map<ContainerKey, ContainerHistory> history, Instant now) {
        return plan(desired, observed, history, Health.NONE, now);
    }

    /**
     * The actions that drive the node from {@code observed} toward {@code desired}, killing the running
     * containers whose probes failed as {@code health} tells.
     */
    public static List<Action> plan(List<Pod> desired, List<RuntimeContainer> observed,
                                    Map<ContainerKey, ContainerHistory> history, Health health, Instant now) {
        return plan(desired, observed, history, health, pod -> false, now);
    }

    /**
     * The actions that drive the node from {@code observed} toward {@code desired}, where the pods for which
     * {@code sandboxed} holds run in a sandbox ({@link SandboxPlan}): their containers are created only while
     * it runs or before it was first created, and it is removed after them.
     */
    public static List<Action> plan(List<Pod> desired, List<RuntimeContainer> observed,
                                    Map<ContainerKey, ContainerHistory> history, Health health,
                                    Predicate<Pod> sandboxed, Instant now) {
        Map<String, Pod> podsByUid = new LinkedHashMap<>();
        Set<String> desiredKeys = new HashSet<>();
        for (Pod pod : desired) {
            if (pod.getMetadata().getUid() != null) {
                podsByUid.put(pod.getMetadata().getUid(), pod);
                desiredKeys.add(PodKeys.key(pod));
            }
        }
        SandboxPlan.Result sandboxes = SandboxPlan.plan(podsByUid, desiredKeys, observed, sandboxed);
        List<Action> removals = new ArrayList<>(sandboxes.removals());
        Map<ContainerKey, RuntimeContainer> kept = new HashMap<>();
        Set<String> slotsInUse = new HashSet<>();
        for (List<RuntimeContainer> group : groupByKey(sandboxes.containers(), removals, slotsInUse).values()) {
            RuntimeContainer first = group.get(0);
            Pod pod = podsByUid.get(first.podUid());
            Container spec = pod == null ? null : container(pod, first.containerName());
            if (pod == null) {
                String reason = desiredKeys.contains(PodKeys.key(first)) ? Reasons.REPLACED : Reasons.NOT_ASSIGNED;
                group.forEach(c -> removals.add(remove(c, reason, null, null)));
            } else if (spec == null) {
                group.forEach(c -> removals.add(remove(c, Reasons.NOT_IN_SPEC, pod, null)));
            } else {
                group.sort(PREFERRED);
                kept.put(ContainerKey.of(first), group.get(0));
                group.subList(1, group.size()).forEach(c -> removals.add(remove(c, Reasons.DUPLICATE, pod, null)));
                continue;
            }
            group.forEach(c -> slotsInUse.add(slot(c)));
        }
        List<Action> actions = new ArrayList<>(removals);
        for (Pod pod : podsByUid.values()) {
            if (sandboxes.waiting().contains(pod.getMetadata().getUid())
                    || !planInitContainers(pod, kept, slotsInUse, history, now, actions)) {
                continue;
            }
            for (Container container : pod.getSpec().getContainers()) {
                ContainerKey key = new ContainerKey(pod.getMetadata().getUid(), container.getName());
                ContainerHistory past = history.getOrDefault(key, ContainerHistory.NEW);
                RuntimeContainer current = kept.get(key);
                if (current == null) {
                    if (!slotsInUse.contains(slot(pod, container)) && retryDue(past, now)) {
                        actions.add(new Action.Create(pod, container));
                    }
                } else if (current.state() == State.CREATED) {
                    if (retryDue(past, now)) {
                        actions.add(new Action.Start(pod, container, current));
                    }
                } else if (current.state() == State.RUNNING) {
                    ContainerHealth probed = health.of(container, current);
                    if (probed.mustKill()) {
                        Duration grace = probed.killGracePeriod() != null ? probed.killGracePeriod() : gracePeriod(pod);
                        actions.add(new Action.Kill(pod, container, current, probed.killMessage(), grace));
                    }
                } else if (current.state() == State.EXITED && restarts(pod, current)) {
                    planRestart(pod, container, current, past, now, actions);
                }
            }
        }
        return actions;
    }

    /**
     * Plans the next step of {@code pod}'s init containers, in order: the first one that has not exited
     * successfully is created, started or restarted (as its restart policy says) and the rest wait.
     *
     * @return whether every init container is done, so the app containers may run
     */
    private static boolean planInitContainers(Pod pod, Map<ContainerKey, RuntimeContainer> kept,
                                              Set<String> slotsInUse, Map<ContainerKey, ContainerHistory> history,
                                              Instant now, List<Action> actions) {
        if (initialized(pod, kept)) {
            return true;
        }
        for (Container init : pod.getSpec().getInitContainers()) {
            ContainerKey key = new ContainerKey(pod.getMetadata().getUid(), init.getName());
            ContainerHistory past = history.getOrDefault(key, ContainerHistory.NEW);
            RuntimeContainer current = kept.get(key);
            if (succeeded(current)) {
                continue;
            }
            if (current == null) {
                if (!slotsInUse.contains(slot(pod, init)) && retryDue(past, now)) {
                    actions.add(new Action.Create(pod, init));
                }
            } else if (current.state() == State.CREATED) {
                if (retryDue(past, now)) {
                    actions.add(new Action.Start(pod, init, current));
                }
            } else if (current.state() == State.EXITED && restarts(pod, current)) {
                planRestart(pod, init, current, past, now, actions);
            }
            return false;
        }
        return true;
    }

    /**
     * Whether {@code pod}'s init containers are done: each exited with 0, or an app container exists already
     * (it only ever started after them).
     *
     * @param containers the pod's containers by key
     */
    static boolean initialized(Pod pod, Map<ContainerKey, RuntimeContainer> containers) {
        String uid = pod.getMetadata().getUid();
        for (Container container : pod.getSpec().getContainers()) {
            if (containers.containsKey(new ContainerKey(uid, container.getName()))) {
                return true;
            }
        }
        for (Container init : pod.getSpec().getInitContainers()) {
            if (!succeeded(containers.get(new ContainerKey(uid, init.getName())))) {
                return false;
            }
        }
        return true;
    }

    private static boolean succeeded(RuntimeContainer container) {
        return container != null && container.state() == State.EXITED && Integer.valueOf(0).equals(container.exitCode());
    }

    /** The pod's grace period, or the default. */
    static Duration gracePeriod(Pod pod) {
        Long seconds = pod.getSpec().getTerminationGracePeriodSeconds();
        return seconds == null ? DEFAULT_GRACE_PERIOD : Duration.ofSeconds(Math.max(0, seconds));
    }

    /** The history entries of pods still assigned; the rest is forgotten. */
    public static Map<ContainerKey, ContainerHistory> retain(Map<ContainerKey, ContainerHistory> history,
                                                             List<Pod> desired) {
        Set<String> uids = new HashSet<>();
        desired.forEach(pod -> uids.add(pod.getMetadata().getUid()));
        Map<ContainerKey, ContainerHistory> result = new HashMap<>();
        history.forEach((key, value) -> {
            if (uids.contains(key.podUid())) {
                result.put(key, value);
            }
        });
        return result;
    }

    /** Whether the restart policy of {@code pod} starts the exited {@code container} again. */
    public static boolean restarts(Pod pod, RuntimeContainer container) {
        int exitCode = container.exitCode() == null ? -1 : container.exitCode();
        return RestartPolicy.of(pod.getSpec().getRestartPolicy()).restarts(exitCode);
    }

    /** The back-off before restarting the exited {@code container}: none again once it ran 10 min or more. */
    public static Duration restartDelay(RuntimeContainer container, ContainerHistory past) {
        return BackOff.delay(level(container, past));
    }

    /** When the exited {@code container} is due for its restart: its exit plus the back-off. */
    public static Instant restartDue(RuntimeContainer exited, ContainerHistory past) {
        Instant due = exited.finishedAt() == null ? Instant.MIN : exited.finishedAt().plus(restartDelay(exited, past));
        return past.retryAt() != null && past.retryAt().isAfter(due) ? past.retryAt() : due;
    }

    private static void planRestart(Pod pod, Container container, RuntimeContainer exited, ContainerHistory past,
                                    Instant now, List<Action> actions) {
        int level = level(exited, past);
        Duration delay = BackOff.delay(level);
        Instant due = exited.finishedAt() == null ? now : exited.finishedAt().plus(delay);
        if (past.retryAt() != null && past.retryAt().isAfter(due)) {
            due = past.retryAt();
        }
        if (!now.isBefore(due)) {
            actions.add(new Action.Restart(pod, container, exited,
                    past.restarted(level, PodStatuses.terminated(exited))));
        } else if (exited.finishedAt() != null && !exited.finishedAt().equals(past.backOffAnnouncedFor())) {
            actions.add(new Action.AnnounceBackOff(pod, container, delay, past.announced(exited.finishedAt())));
        }
    }

    private static int level(RuntimeContainer exited, ContainerHistory past) {
        boolean ranLong = exited.startedAt() != null && exited.finishedAt() != null
                && Duration.between(exited.startedAt(), exited.finishedAt()).compareTo(BackOff.RESET_AFTER) >= 0;
        return ranLong ? 0 : past.backOffLevel();
    }

    private static boolean retryDue(ContainerHistory past, Instant now) {
        return past.retryAt() == null || !now.isBefore(past.retryAt());
    }

    /**
     * Groups labelled, live containers by pod container; containers without pod labels are removed
     * right away, and containers the runtime is already removing only keep their name in use.
     */
    private static Map<ContainerKey, List<RuntimeContainer>> groupByKey(
            List<RuntimeContainer> observed, List<Action> removals, Set<String> slotsInUse) {
        Map<ContainerKey, List<RuntimeContainer>> groups = new LinkedHashMap<>();
        for (RuntimeContainer container : observed) {
            if (!container.hasPodLabels()) {
                removals.add(remove(container, Reasons.UNLABELLED, null, null));
            } else if (container.state() == State.REMOVING) {
                slotsInUse.add(slot(container));
            } else {
                groups.computeIfAbsent(ContainerKey.of(container), k -> new ArrayList<>()).add(container);
            }
        }
        return groups;
    }

    /**
     * The removal of {@code container}, with the grace period of its pod: from {@code pod} when it is still
     * assigned, else as the container's label kept it, else the default.
     */
    private static Action.Remove remove(RuntimeContainer container, String reason, Pod pod, Container spec) {
        Long seconds = pod == null ? null : pod.getSpec().getTerminationGracePeriodSeconds();
        Duration gracePeriod = seconds != null ? Duration.ofSeconds(seconds) : container.terminationGracePeriod();
        return new Action.Remove(container, reason, gracePeriod == null ? DEFAULT_GRACE_PERIOD : gracePeriod, spec);
    }

    /** The app or init container of {@code pod} named {@code name}, or null. */
    static Container container(Pod pod, String name) {
        for (Container container : pod.getSpec().getContainers()) {
            if (container.getName().equals(name)) {
                return container;
            }
        }
        for (Container container : pod.getSpec().getInitContainers()) {
            if (container.getName().equals(name)) {
                return container;
            }
        }
        return null;
    }

    /** The runtime name slot of a pod container: one container per namespace, pod name and container name. */
    private static String slot(Pod pod, Container container) {
        return PodKeys.key(pod) + "/" + container.getName();
    }

    private static String slot(RuntimeContainer container) {
        return PodKeys.key(container) + "/" + container.containerName();
    }
}

package io.korch.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.assignment.ApplicationState;
import org.apache.kafka.streams.processor.assignment.AssignmentConfigs;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsState;
import org.apache.kafka.streams.processor.assignment.ProcessId;
import org.apache.kafka.streams.processor.assignment.TaskAssignor;
import org.apache.kafka.streams.processor.assignment.TaskInfo;

/**
 * Assigns the tasks of a korch Streams application so that a dead instance's work moves at once
 * and nothing else moves with it.
 *
 * <p>Kafka Streams' default assignor deals active tasks out anew at every rebalance and then
 * moves back those whose new owner is not caught up, so a task whose standby is caught up can
 * move from one live instance to another. Under cooperative rebalancing such a move waits for a
 * second, follow-up rebalance, and after the kill of one of three instances the dead one's tasks
 * were running again only after it. This assignor decides in this order instead:
 *
 * <ol>
 *   <li>an active task stays on the live instance that ran it;</li>
 *   <li>a task without a live owner (its instance died, or the task is new) goes to the instance
 *       most caught up on its state — the one holding its standby — and among equals to the least
 *       loaded one;</li>
 *   <li>only in a rebalance that orphaned nothing, tasks move off an instance holding more than its
 *       share to one below it that is caught up on them; one that is behind gets a warm-up copy
 *       (a standby) first and a follow-up rebalance at the probing interval moves the task once it
 *       has caught up, as Kafka Streams' own high-availability assignor does;</li>
 *   <li>standbys stay where they were where they can, then go to the most caught-up, least loaded
 *       instance that has not the task — but not in a takeover: there a new copy would open and
 *       restore its stores on an instance that is taking tasks over, ahead of them (Kafka Streams
 *       initializes an instance's new tasks one after the other), so new copies wait for a follow-up
 *       rebalance {@link #STANDBY_DEFERRAL} later.</li>
 * </ol>
 *
 * <p>Set through {@code task.assignor.class} by {@link StreamsConfigs}.
 */
public final class TakeoverTaskAssignor implements TaskAssignor {

    /**
     * How long after a takeover the standbys it left missing are placed, in a follow-up rebalance: long
     * enough for the moved tasks to be processing again (about two seconds after the reassignment on a busy
     * 2-cpu machine), short enough that a second failure soon after finds most tasks with a warm copy.
     */
    static final Duration STANDBY_DEFERRAL = Duration.ofSeconds(10);

    @Override
    public TaskAssignment assign(ApplicationState application) {
        AssignmentConfigs configs = application.assignmentConfigs();
        Placement placement = new Placement(application.kafkaStreamsStates(true), application.allTasks(),
                configs.acceptableRecoveryLag());
        placement.keepRunningTasks();
        boolean orphaned = placement.placeOrphans();
        boolean warming = !orphaned && placement.balance(configs.maxWarmupReplicas());
        // in a takeover, new copies would open and restore stores on the instances taking the tasks over,
        // ahead of those tasks: only the copies already held are kept, the rest come with the follow-up
        boolean standbysMissing = !placement.placeStandbys(configs.numStandbyReplicas(), !placement.tookOver());
        Instant now = Instant.now();
        Instant followup = warming || (orphaned && !placement.balanced())
                ? now.plusMillis(configs.probingRebalanceIntervalMs())
                : null;
        if (standbysMissing && (followup == null || followup.isAfter(now.plus(STANDBY_DEFERRAL)))) {
            followup = now.plus(STANDBY_DEFERRAL);
        }
        return new TaskAssignment(placement.assignments(followup));
    }

    /** The assignment being worked out: which instance runs and which keeps a copy of each task. */
    static final class Placement {

        /** The lag Kafka Streams reports for a task an instance runs, and so is caught up on. */
        private static final long RUNNING = -2;

        private final Map<ProcessId, KafkaStreamsState> instances;
        private final Map<TaskId, TaskInfo> tasks;
        private final long acceptableLag;
        private final Map<TaskId, ProcessId> active = new TreeMap<>();
        private final Map<ProcessId, SortedSet<TaskId>> activeOf = new HashMap<>();
        private final Map<ProcessId, SortedSet<TaskId>> standbysOf = new HashMap<>();
        private final Map<ProcessId, SortedSet<TaskId>> warmupsOf = new HashMap<>();
        private final int totalThreads;
        private boolean tookOver;

        Placement(Map<ProcessId, KafkaStreamsState> instances, Map<TaskId, TaskInfo> tasks, long acceptableLag) {
            this.instances = new TreeMap<>(instances);
            this.tasks = new TreeMap<>(tasks);
            this.acceptableLag = acceptableLag;
            this.instances.keySet().forEach(id -> {
                activeOf.put(id, new TreeSet<>());
                standbysOf.put(id, new TreeSet<>());
                warmupsOf.put(id, new TreeSet<>());
            });
            this.totalThreads = this.instances.values().stream().mapToInt(s -> Math.max(1, s.numProcessingThreads())).sum();
        }

        /** Step 1: every task that a live instance ran stays there (the least lagging one, were there two). */
        void keepRunningTasks() {
            for (TaskId task : tasks.keySet()) {
                instances.values().stream()
                        .filter(state -> state.previousActiveTasks().contains(task))
                        .min(Comparator.comparingLong(state -> lag(state, task)))
                        .ifPresent(state -> runOn(task, state.processId()));
            }
        }

        /** Step 2: tasks without a live owner go to the most caught-up instance, least loaded first; whether any did. */
        boolean placeOrphans() {
            boolean any = false;
            for (TaskId task : tasks.keySet()) {
                if (!active.containsKey(task)) {
                    KafkaStreamsState taker = instances.values().stream()
                            .min(Comparator.<KafkaStreamsState>comparingInt(state -> caughtUp(state, task) ? 0 : 1)
                                    .thenComparingDouble(this::load)
                                    .thenComparingLong(state -> lag(state, task))
                                    .thenComparing(KafkaStreamsState::processId))
                            .orElseThrow();
                    runOn(task, taker.processId());
                    tookOver |= heldBefore(taker, task);
                    any = true;
                }
            }
            return any;
        }

        /**
         * Whether step 2 gave a task to an instance that kept a copy of it: a takeover of a dead
         * instance's work, rather than the first assignment of new tasks.
         */
        boolean tookOver() {
            return tookOver;
        }

        /**
         * Step 3: moves tasks from instances above their share to caught-up ones below it; gives up to
         * {@code maxWarmups} warm-up copies to instances below their share that are not caught up on any
         * task they could take. Returns whether warm-ups were placed, that is, whether tasks are still to move.
         */
        boolean balance(int maxWarmups) {
            int warmups = 0;
            for (ProcessId from : List.copyOf(instances.keySet())) {
                for (TaskId task : List.copyOf(activeOf.get(from))) {
                    if (activeOf.get(from).size() <= share(from)) {
                        break;
                    }
                    ProcessId to = below(task, true);
                    if (to != null) {
                        move(task, from, to);
                    } else if (warmups < maxWarmups) {
                        ProcessId behind = below(task, false);
                        if (behind != null && warmupsOf.get(behind).add(task)) {
                            warmups++;
                        }
                    }
                }
            }
            return warmups > 0;
        }

        /** Whether no instance runs more than its share. */
        boolean balanced() {
            return instances.keySet().stream().allMatch(id -> activeOf.get(id).size() <= share(id));
        }

        /**
         * Step 4: {@code count} standbys of every stateful task, on instances that do not run it; warm-up
         * copies come on top, as they are on an instance still catching up. With {@code newCopies} false,
         * only on instances that held the task before. Returns whether every task got its {@code count}.
         */
        boolean placeStandbys(int count, boolean newCopies) {
            boolean complete = true;
            for (TaskId task : tasks.keySet()) {
                if (!tasks.get(task).isStateful()) {
                    continue;
                }
                int placed = (int) standbysOf.values().stream().filter(set -> set.contains(task)).count();
                while (placed < count) {
                    ProcessId owner = active.get(task);
                    ProcessId holder = instances.values().stream()
                            .filter(state -> !state.processId().equals(owner) && !standbysOf.get(state.processId()).contains(task))
                            .filter(state -> newCopies || heldBefore(state, task))
                            .min(Comparator.<KafkaStreamsState>comparingInt(state -> heldBefore(state, task) ? 0 : 1)
                                    .thenComparingInt(state -> caughtUp(state, task) ? 0 : 1)
                                    .thenComparingInt(state -> standbysOf.get(state.processId()).size())
                                    .thenComparing(KafkaStreamsState::processId))
                            .map(KafkaStreamsState::processId)
                            .orElse(null);
                    if (holder == null) {
                        complete &= newCopies || instances.size() <= placed + 1;
                        break;
                    }
                    standbysOf.get(holder).add(task);
                    placed++;
                }
            }
            return complete;
        }

        /** What each instance runs and keeps, with a follow-up rebalance at {@code followup} if not null. */
        Collection<KafkaStreamsAssignment> assignments(Instant followup) {
            return instances.keySet().stream().map(id -> {
                Set<AssignedTask> assigned = new HashSet<>();
                activeOf.get(id).forEach(task -> assigned.add(new AssignedTask(task, AssignedTask.Type.ACTIVE)));
                standbysOf.get(id).forEach(task -> assigned.add(new AssignedTask(task, AssignedTask.Type.STANDBY)));
                warmupsOf.get(id).forEach(task -> assigned.add(new AssignedTask(task, AssignedTask.Type.STANDBY)));
                KafkaStreamsAssignment assignment = KafkaStreamsAssignment.of(id, assigned);
                return followup == null ? assignment : assignment.withFollowupRebalance(followup);
            }).toList();
        }

        private ProcessId below(TaskId task, boolean caughtUp) {
            return instances.values().stream()
                    .filter(state -> activeOf.get(state.processId()).size() < share(state.processId()))
                    .filter(state -> caughtUp(state, task) == caughtUp)
                    .min(Comparator.<KafkaStreamsState>comparingDouble(this::load).thenComparing(KafkaStreamsState::processId))
                    .map(KafkaStreamsState::processId)
                    .orElse(null);
        }

        private void runOn(TaskId task, ProcessId instance) {
            active.put(task, instance);
            activeOf.get(instance).add(task);
        }

        private void move(TaskId task, ProcessId from, ProcessId to) {
            activeOf.get(from).remove(task);
            runOn(task, to);
        }

        /** The most active tasks {@code instance} should run: its threads' part of all tasks, rounded up. */
        private int share(ProcessId instance) {
            int threads = Math.max(1, instances.get(instance).numProcessingThreads());
            return (int) Math.ceil((double) tasks.size() * threads / totalThreads);
        }

        private double load(KafkaStreamsState state) {
            return (double) activeOf.get(state.processId()).size() / Math.max(1, state.numProcessingThreads());
        }

        private boolean caughtUp(KafkaStreamsState state, TaskId task) {
            return !tasks.get(task).isStateful() || lag(state, task) <= acceptableLag;
        }

        private boolean heldBefore(KafkaStreamsState state, TaskId task) {
            return state.previousStandbyTasks().contains(task) || state.previousActiveTasks().contains(task);
        }

        /** How far {@code state}'s copy of the task's stores is behind; unknown (no lags computed, a stateless task) as the most. */
        private long lag(KafkaStreamsState state, TaskId task) {
            if (!tasks.get(task).isStateful()) {
                return 0;
            }
            try {
                long lag = state.lagFor(task);
                return lag == RUNNING ? 0 : lag < 0 ? Long.MAX_VALUE : lag;
            } catch (RuntimeException lagsNotKnown) {
                return Long.MAX_VALUE;
            }
        }
    }
}

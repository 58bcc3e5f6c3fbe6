package io.korch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.assignment.ApplicationState;
import org.apache.kafka.streams.processor.assignment.AssignmentConfigs;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsState;
import org.apache.kafka.streams.processor.assignment.ProcessId;
import org.apache.kafka.streams.processor.assignment.TaskAssignmentUtils;
import org.apache.kafka.streams.processor.assignment.TaskAssignor.AssignmentError;
import org.apache.kafka.streams.processor.assignment.TaskAssignor.TaskAssignment;
import org.apache.kafka.streams.processor.assignment.TaskInfo;
import org.apache.kafka.streams.processor.assignment.TaskTopicPartition;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** Where {@link TakeoverTaskAssignor} puts active and standby tasks: a dead instance's work moves, nothing else. */
class TakeoverTaskAssignorTest {

    private static final long ACCEPTABLE_LAG = 10_000;
    private static final long RUNNING = -2;
    private static final long NO_STATE = -3;

    private static final TaskId A0 = new TaskId(0, 0);
    private static final TaskId A1 = new TaskId(0, 1);
    private static final TaskId A2 = new TaskId(0, 2);
    private static final TaskId B0 = new TaskId(1, 0);
    private static final TaskId B1 = new TaskId(1, 1);
    private static final TaskId B2 = new TaskId(1, 2);
    private static final List<TaskId> ALL = List.of(A0, A1, A2, B0, B1, B2);

    private final ProcessId one = process(1);
    private final ProcessId two = process(2);
    private final ProcessId three = process(3);

    @Test
    void aFreshApplicationSpreadsItsTasksWithEveryStandbyElsewhere() {
        Application app = new Application()
                .instance(new Instance(one))
                .instance(new Instance(two))
                .instance(new Instance(three));

        TaskAssignment assignment = new TakeoverTaskAssignor().assign(app);

        assertThat(TaskAssignmentUtils.validateTaskAssignment(app, assignment)).isEqualTo(AssignmentError.NONE);
        assertThat(actives(assignment).values()).allSatisfy(tasks -> assertThat(tasks).hasSize(2));
        assertThat(standbyCount(assignment)).isEqualTo(ALL.size());
        assertThat(followups(assignment)).isEmpty();
    }

    @Test
    void aKilledInstancesTasksGoToTheirStandbysAndNoLiveTaskMoves() {
        // three instances ran two tasks each, each with its standby on the next instance; three died
        Application app = new Application()
                .instance(new Instance(one).running(A0, B0).standby(A2, 0).standby(B2, 0))
                .instance(new Instance(two).running(A1, B1).standby(A0, 0).standby(B0, 0));

        TaskAssignment assignment = new TakeoverTaskAssignor().assign(app);

        assertThat(TaskAssignmentUtils.validateTaskAssignment(app, assignment)).isEqualTo(AssignmentError.NONE);
        Map<ProcessId, Set<TaskId>> actives = actives(assignment);
        assertThat(actives.get(one)).containsExactlyInAnyOrder(A0, B0, A2, B2);
        assertThat(actives.get(two)).containsExactlyInAnyOrder(A1, B1);
        // a later rebalance evens the load once it is safe to move a running task
        assertThat(followups(assignment)).isNotEmpty();
    }

    @Test
    void aTakeoverMakesNoNewStandbyCopyAndPlacesThemInAFollowUpSoonAfter() {
        // three instances ran two tasks each, each with its standby on the next instance; three died
        Application app = new Application()
                .instance(new Instance(one).running(A0, B0).standby(A2, 0).standby(B2, 0))
                .instance(new Instance(two).running(A1, B1).standby(A0, 0).standby(B0, 0));
        Instant before = Instant.now();

        TaskAssignment assignment = new TakeoverTaskAssignor().assign(app);

        // only copies already held are kept: two's of A0 and B0; A1, B1 (three held them) and the tasks
        // one took over (its copies became the tasks) have none until the follow-up
        assertThat(standbys(assignment).get(two)).containsExactlyInAnyOrder(A0, B0);
        assertThat(standbys(assignment).get(one)).isEmpty();
        assertThat(followups(assignment)).allSatisfy(deadline -> assertThat((Instant) deadline)
                .isBetween(before.plus(TakeoverTaskAssignor.STANDBY_DEFERRAL),
                        Instant.now().plus(TakeoverTaskAssignor.STANDBY_DEFERRAL)));
    }

    @Test
    void theFollowUpAfterATakeoverPlacesTheMissingStandbys() {
        // the assignment the takeover above left, as the instances report it at the follow-up
        Application app = new Application()
                .instance(new Instance(one).running(A0, B0, A2, B2))
                .instance(new Instance(two).running(A1, B1).standby(A0, 0).standby(B0, 0));

        TaskAssignment assignment = new TakeoverTaskAssignor().assign(app);

        // every task has its standby on the instance that does not run it (and the load evens out)
        assertThat(TaskAssignmentUtils.validateTaskAssignment(app, assignment)).isEqualTo(AssignmentError.NONE);
        assertThat(standbyCount(assignment)).isEqualTo(ALL.size());
        Map<ProcessId, Set<TaskId>> actives = actives(assignment);
        Map<ProcessId, Set<TaskId>> standbys = standbys(assignment);
        assertThat(standbys.get(one)).doesNotContainAnyElementsOf(actives.get(one));
        assertThat(standbys.get(two)).doesNotContainAnyElementsOf(actives.get(two));
    }

    @Test
    void anOrphanGoesToTheCaughtUpInstanceEvenWhenAnotherIsLessLoaded() {
        Application app = new Application()
                .instance(new Instance(one).running(A0).standby(A1, 5))
                .instance(new Instance(two).lag(A1, NO_STATE));

        Map<ProcessId, Set<TaskId>> actives = actives(new TakeoverTaskAssignor().assign(app.tasks(A0, A1)));

        assertThat(actives.get(one)).containsExactlyInAnyOrder(A0, A1);
        assertThat(actives.get(two)).isEmpty();
    }

    @Test
    void amongCaughtUpInstancesTheLeastLoadedTakesTheOrphan() {
        Application app = new Application()
                .instance(new Instance(one).running(A0, B0).standby(A1, 0))
                .instance(new Instance(two).running(B1).standby(A1, 0));

        Map<ProcessId, Set<TaskId>> actives = actives(new TakeoverTaskAssignor().assign(app.tasks(A0, A1, B0, B1)));

        assertThat(actives.get(two)).containsExactlyInAnyOrder(B1, A1);
        assertThat(actives.get(one)).containsExactlyInAnyOrder(A0, B0);
    }

    @Test
    void aCaughtUpReturningInstanceTakesItsShareOnceNothingIsOrphaned() {
        Application app = new Application()
                .instance(new Instance(one).running(A0, B0, A2).standby(A1, 0).standby(B1, 0))
                .instance(new Instance(two).running(A1, B1, B2).standby(A0, 0).standby(B0, 0))
                .instance(new Instance(three).lagOnAll(3));

        TaskAssignment assignment = new TakeoverTaskAssignor().assign(app);

        assertThat(TaskAssignmentUtils.validateTaskAssignment(app, assignment)).isEqualTo(AssignmentError.NONE);
        Map<ProcessId, Set<TaskId>> actives = actives(assignment);
        assertThat(actives.values()).allSatisfy(tasks -> assertThat(tasks).hasSize(2));
        // what stays, stays where it ran
        assertThat(app.states.get(one).previousActiveTasks()).containsAll(actives.get(one));
        assertThat(app.states.get(two).previousActiveTasks()).containsAll(actives.get(two));
        assertThat(followups(assignment)).isEmpty();
    }

    @Test
    void aReturningInstanceThatIsBehindWarmsUpBeforeItTakesTasks() {
        Application app = new Application()
                .instance(new Instance(one).running(A0, B0, A2).standby(A1, 0).standby(B1, 0))
                .instance(new Instance(two).running(A1, B1, B2).standby(A0, 0).standby(B0, 0))
                .instance(new Instance(three).lagOnAll(ACCEPTABLE_LAG + 1));

        TaskAssignment assignment = new TakeoverTaskAssignor().assign(app);

        Map<ProcessId, Set<TaskId>> actives = actives(assignment);
        assertThat(actives.get(one)).containsExactlyInAnyOrder(A0, B0, A2);
        assertThat(actives.get(two)).containsExactlyInAnyOrder(A1, B1, B2);
        assertThat(standbys(assignment).get(three)).isNotEmpty();
        assertThat(followups(assignment)).isNotEmpty();
    }

    @Test
    void standbysStayWhereTheyWere() {
        Application app = new Application()
                .instance(new Instance(one).running(A0).standby(A1, 0))
                .instance(new Instance(two).running(A1))
                .instance(new Instance(three).standby(A0, 0));

        TaskAssignment assignment = new TakeoverTaskAssignor().assign(app.tasks(A0, A1));

        assertThat(standbys(assignment).get(three)).containsExactly(A0);
        assertThat(standbys(assignment).get(one)).containsExactly(A1);
    }

    private static ProcessId process(int n) {
        return new ProcessId(new UUID(0, n));
    }

    private static Map<ProcessId, Set<TaskId>> actives(TaskAssignment assignment) {
        return tasksOfType(assignment, AssignedTask.Type.ACTIVE);
    }

    private static Map<ProcessId, Set<TaskId>> standbys(TaskAssignment assignment) {
        return tasksOfType(assignment, AssignedTask.Type.STANDBY);
    }

    private static long standbyCount(TaskAssignment assignment) {
        return standbys(assignment).values().stream().mapToLong(Set::size).sum();
    }

    private static Map<ProcessId, Set<TaskId>> tasksOfType(TaskAssignment assignment, AssignedTask.Type type) {
        return assignment.assignment().stream().collect(Collectors.toMap(KafkaStreamsAssignment::processId,
                a -> a.tasks().values().stream().filter(t -> t.type() == type).map(AssignedTask::id)
                        .collect(Collectors.toCollection(TreeSet::new))));
    }

    private static List<?> followups(TaskAssignment assignment) {
        return assignment.assignment().stream().flatMap(a -> a.followupRebalanceDeadline().stream()).toList();
    }

    /** The application as the group leader sees it: instances with what they ran and kept, and every task. */
    private static final class Application implements ApplicationState {
        private final Map<ProcessId, Instance> states = new TreeMap<>();
        private Map<TaskId, TaskInfo> tasks = tasksOf(ALL);

        Application instance(Instance instance) {
            states.put(instance.processId(), instance);
            return this;
        }

        Application tasks(TaskId... ids) {
            tasks = tasksOf(List.of(ids));
            return this;
        }

        @Override
        public Map<ProcessId, KafkaStreamsState> kafkaStreamsStates(boolean computeTaskLags) {
            states.values().forEach(instance -> instance.completeLags(tasks.keySet()));
            return new TreeMap<>(states);
        }

        @Override
        public AssignmentConfigs assignmentConfigs() {
            return new AssignmentConfigs(ACCEPTABLE_LAG, 2, 1, 60_000L, List.of());
        }

        @Override
        public Map<TaskId, TaskInfo> allTasks() {
            return tasks;
        }

        private static Map<TaskId, TaskInfo> tasksOf(List<TaskId> ids) {
            Map<TaskId, TaskInfo> tasks = new TreeMap<>();
            ids.forEach(id -> tasks.put(id, new StatefulTask(id)));
            return tasks;
        }
    }

    private record StatefulTask(TaskId id) implements TaskInfo {
        @Override
        public boolean isStateful() {
            return true;
        }

        @Override
        public Set<String> stateStoreNames() {
            return Set.of("store-" + id.subtopology());
        }

        @Override
        public Set<TaskTopicPartition> topicPartitions() {
            return Set.of();
        }
    }

    /** One instance: the tasks it ran and kept copies of, and its lag on each task's stores. */
    private static final class Instance implements KafkaStreamsState {
        private final ProcessId id;
        private final SortedSet<TaskId> active = new TreeSet<>();
        private final SortedSet<TaskId> standby = new TreeSet<>();
        private final Map<TaskId, Long> lags = new HashMap<>();
        private Long defaultLag = NO_STATE + 0L;

        Instance(ProcessId id) {
            this.id = id;
        }

        Instance running(TaskId... tasks) {
            for (TaskId task : tasks) {
                active.add(task);
                lags.put(task, RUNNING);
            }
            return this;
        }

        Instance standby(TaskId task, long lag) {
            standby.add(task);
            lags.put(task, lag);
            return this;
        }

        Instance lag(TaskId task, long lag) {
            lags.put(task, lag);
            return this;
        }

        Instance lagOnAll(long lag) {
            defaultLag = lag;
            return this;
        }

        void completeLags(Set<TaskId> tasks) {
            tasks.forEach(task -> lags.putIfAbsent(task, defaultLag));
        }

        @Override
        public ProcessId processId() {
            return id;
        }

        @Override
        public int numProcessingThreads() {
            return 1;
        }

        @Override
        public SortedSet<String> consumerClientIds() {
            return new TreeSet<>(Set.of(id + "-consumer"));
        }

        @Override
        public SortedSet<TaskId> previousActiveTasks() {
            return active;
        }

        @Override
        public SortedSet<TaskId> previousStandbyTasks() {
            return standby;
        }

        @Override
        public long lagFor(TaskId task) {
            return lags.get(task);
        }

        @Override
        public SortedSet<TaskId> prevTasksByLag(String consumerClientId) {
            return new TreeSet<>(active);
        }

        @Override
        public Map<TaskId, Long> statefulTasksToLagSums() {
            return lags;
        }

        @Override
        public Optional<HostInfo> hostInfo() {
            return Optional.empty();
        }

        @Override
        public Map<String, String> clientTags() {
            return Map.of();
        }

        @Override
        public Optional<String> rackId() {
            return Optional.empty();
        }
    }
}

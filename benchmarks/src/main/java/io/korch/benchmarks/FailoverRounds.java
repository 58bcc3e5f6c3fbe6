package io.korch.benchmarks;

import io.korch.benchmarks.StreamsApp.Members;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * Kills a process of a service with SIGKILL several times in a row and times each takeover: per
 * Streams application of the service ({@link Takeover}: dead member gone, partitions reassigned, a
 * record written after the kill processed on every moved task) and end to end, until a new pod in
 * every namespace is Running. Right after each kill it creates, through the API, a one-replica
 * Deployment and a bare pod in every namespace: those are the records written after the kill.
 *
 * <p>Before each kill it waits until every process is a member of each group holding partitions in
 * it, and kills one holding partitions in every application, another one each time where it can;
 * after the takeover it starts the killed process again on its data directory. It prints a line per
 * kill and application, then min / median / max over the kills.
 */
final class FailoverRounds {

    /** What the rounds need of the running cluster. */
    interface Cluster {
        /**
         * Creates in every namespace a one-replica Deployment named {@code prefix} and a bare pod
         * named {@code probe-prefix}; returns how many calls failed.
         */
        int createAfterKill(String prefix);

        /** When each pod of the Deployment {@code prefix} was first seen Running ({@link System#nanoTime}). */
        List<Long> runningAt(String prefix);

        /** The namespaces, so the pods of each round's Deployments. */
        int namespaces();

        /** Waits until {@code done} holds, checking every 100 ms; whether it did within {@code timeout}. */
        boolean await(java.util.function.BooleanSupplier done, Duration timeout);
    }

    private final String service;
    private final ServiceInstances instances;
    private final List<StreamsApp> apps;
    private final int partitions;
    private final Admin admin;
    private final String bootstrapServers;
    private final Cluster cluster;
    private final Duration timeout;
    /** Each process's identity per application ({@link StreamsApp#identity}), kept across restarts. */
    private final Map<String, String> instanceIds = new ConcurrentHashMap<>();

    FailoverRounds(String service, ServiceInstances instances, List<StreamsApp> apps, int partitions, Admin admin,
                   String bootstrapServers, Cluster cluster, Duration timeout) {
        this.service = service;
        this.instances = instances;
        this.apps = List.copyOf(apps);
        this.partitions = partitions;
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.cluster = cluster;
        this.timeout = timeout;
    }

    /** The times of one kill, in seconds: per application detection, reassignment and processing, then end to end. */
    private record Round(Map<String, double[]> takeover, double endToEnd) {
    }

    /** Runs {@code kills} rounds and prints each and the summary to {@code out}. */
    void run(int kills, PrintStream out) {
        List<Round> rounds = new ArrayList<>();
        for (int round = 1; round <= kills; round++) {
            rounds.add(round(round, kills, out));
        }
        summary(rounds, out);
    }

    private Round round(int round, int kills, PrintStream out) {
        Map<StreamsApp, Members> before = awaitBalanced(out);
        int victim = victim(before, round);
        String prefix = "after-" + service + "-kill-" + round;
        String loadAverage = loadAverage();
        LocalDateTime killedAtClock = LocalDateTime.now();
        long killedAt = System.nanoTime();
        String killed = instances.kill(victim);
        List<Takeover> takeovers = apps.stream().map(app -> new Takeover(admin, bootstrapServers, app,
                instanceId(app, victim), before.get(app), killedAt)).toList();
        try {
            CompletableFuture<Integer> created = CompletableFuture.supplyAsync(() -> cluster.createAfterKill(prefix));
            // every takeover is looked at on each check, not only until the first one not done
            boolean done = cluster.await(() -> takeovers.stream().map(t -> t.poll(admin)).toList().stream()
                    .allMatch(Boolean::booleanValue) && cluster.runningAt(prefix).size() >= cluster.namespaces(),
                    timeout);
            List<Long> running = cluster.runningAt(prefix);
            double endToEnd = done ? (running.stream().mapToLong(Long::longValue).max().orElseThrow() - killedAt) / 1e9
                    : Double.NaN;
            out.printf("failover %d/%d: %s killed with SIGKILL at %s (load average %s); %s (%d create calls"
                            + " failed)%n", round, kills, killed, killedAtClock.toLocalTime(), loadAverage,
                    done ? String.format("a new pod Running in each of the %d namespaces %.2f s after the kill",
                            cluster.namespaces(), endToEnd)
                            : "not all taken over within " + timeout.toSeconds() + " s, " + running.size()
                            + " new pods Running", created.join());
            Map<String, double[]> times = new LinkedHashMap<>();
            for (Takeover takeover : takeovers) {
                out.printf("  %-34s %d tasks moved: member gone %s, partitions reassigned %s, first record"
                                + " processed %s, longest wait of a first record %s (last: %s)%n",
                        takeover.app().applicationId(), takeover.movedTasks().size(),
                        seconds(takeover.detection()), seconds(takeover.reassignment()), seconds(takeover.processing()),
                        seconds(takeover.longestWait()), takeover.lastProcessed());
                times.put(takeover.app().applicationId(), new double[] {value(takeover.detection()),
                        value(takeover.reassignment()), value(takeover.processing()), value(takeover.longestWait())});
            }
            return new Round(times, endToEnd);
        } finally {
            takeovers.forEach(Takeover::close);
            instances.restart(victim, timeout);
        }
    }

    /**
     * Waits until every process is a member of every application's group, each holding partitions,
     * and every partition is assigned; returns the groups as last described, balanced or not.
     */
    private Map<StreamsApp, Members> awaitBalanced(PrintStream out) {
        AtomicReference<Map<StreamsApp, Members>> last = new AtomicReference<>();
        boolean balanced = cluster.await(() -> {
            Map<StreamsApp, Members> groups = new LinkedHashMap<>();
            apps.forEach(app -> groups.put(app, app.describe(admin)));
            last.set(groups);
            return apps.stream().allMatch(app -> balanced(app, groups.get(app)));
        }, timeout);
        if (!balanced) {
            out.printf("  (not every %s process held partitions of every group within %d s: %s)%n", service,
                    timeout.toSeconds(), last.get().entrySet().stream().map(e -> e.getKey().applicationId() + " "
                            + e.getValue().state() + " " + e.getValue().partitions().values().stream()
                            .map(Set::size).toList()).toList());
        }
        return last.get();
    }

    private boolean balanced(StreamsApp app, Members members) {
        Set<TopicPartition> all = new HashSet<>();
        app.subtopologies().keySet().forEach(topic -> IntStream.range(0, partitions)
                .forEach(partition -> all.add(new TopicPartition(topic, partition))));
        return members.assigned().containsAll(all) && IntStream.range(0, instances.count())
                .allMatch(i -> !members.of(instanceId(app, i)).isEmpty());
    }

    private String instanceId(StreamsApp app, int index) {
        return instanceIds.computeIfAbsent(app.applicationId() + "@" + index,
                key -> app.identity(instances.dataDir(index)));
    }

    /** A process holding partitions of every application, another one each round where there is a choice. */
    private int victim(Map<StreamsApp, Members> groups, int round) {
        List<Integer> candidates = IntStream.range(0, instances.count()).boxed()
                .filter(i -> apps.stream().allMatch(app -> !groups.get(app)
                        .of(instanceId(app, i)).isEmpty()))
                .toList();
        return candidates.isEmpty() ? 0 : candidates.get(round % candidates.size());
    }

    private void summary(List<Round> rounds, PrintStream out) {
        out.printf("takeover of a killed %s process, %d kills, min / median / max in s (from the SIGKILL):%n",
                service, rounds.size());
        for (StreamsApp app : apps) {
            String id = app.applicationId();
            out.printf("  %-34s member gone %s, partitions reassigned %s, first record processed %s,"
                            + " longest wait of a first record %s%n", id,
                    stats(rounds, round -> round.takeover().get(id)[0]),
                    stats(rounds, round -> round.takeover().get(id)[1]),
                    stats(rounds, round -> round.takeover().get(id)[2]),
                    stats(rounds, round -> round.takeover().get(id)[3]));
        }
        out.printf("  %-34s %s%n", "a new pod Running in every namespace", stats(rounds, Round::endToEnd));
    }

    private static String stats(List<Round> rounds, Function<Round, Double> value) {
        double[] values = rounds.stream().map(value).mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v))
                .toArray();
        if (values.length == 0) {
            return "none";
        }
        String missing = values.length < rounds.size() ? " (" + (rounds.size() - values.length) + " not seen)" : "";
        return String.format("%.2f / %.2f / %.2f%s", Stats.min(values), Stats.median(values), Stats.max(values),
                missing);
    }

    /** The system's one-minute load average, as Linux tells it, or "?". */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static double value(Duration duration) {
        return duration == null ? Double.NaN : duration.toNanos() / 1e9;
    }

    private static String seconds(Duration duration) {
        return duration == null ? "not seen" : String.format("%.2f s", duration.toNanos() / 1e9);
    }
}

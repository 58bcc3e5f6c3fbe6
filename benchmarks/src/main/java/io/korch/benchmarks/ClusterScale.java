package io.korch.benchmarks;

import io.korch.agent.hollow.HollowNodes;
import io.korch.agent.hollow.HollowNodesConfig;
import io.korch.controllers.ControllersApp;
import io.korch.controllers.ControllersConfig;
import io.korch.controllers.ControllersTopology;
import io.korch.controllers.nodelifecycle.NodeEviction;
import io.korch.controllers.nodelifecycle.NodeLifecycleController;
import io.korch.gateway.GatewayApp;
import io.korch.gateway.GatewayConfig;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.scheduler.SchedulerApp;
import io.korch.scheduler.SchedulerConfig;
import io.korch.scheduler.SchedulerTopology;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;

/**
 * Measures the whole path of a pod through a real broker: created as part of a Deployment through the REST
 * API, its ReplicaSet and pod made by the controllers, bound by the scheduler, reported Running by a
 * hollow node.
 *
 * <p>In one process it starts a single-node Kafka broker ({@link EmbeddedKafkaBroker}, loopback, korch topics
 * with {@link #PARTITIONS} partitions), the real {@link GatewayApp}, {@link ControllersApp} and
 * {@link SchedulerApp}, and {@code --nodes} {@link HollowNodes}. A {@link ClusterLog} reads every korch topic
 * meanwhile. Once every node is Ready in {@code korch.node-health}, {@code --concurrency} clients create
 * {@code --pods / --replicas} Deployments spread over {@code --namespaces} namespaces, and the benchmark
 * waits until every pod was bound ({@code korch.bindings} with a node) and reported Running
 * ({@code korch.status.pods}). Then it stops the heartbeats of one node and times its NotReady verdict.
 *
 * <p>It reports pods/s from the first create to the last bound and to the last Running pod, the latency of
 * the create calls, the bytes written per pod (record sizes read back, and the log size on disk from
 * {@code describeLogDirs}), the largest record, the sampled peak heap of the whole process, NotReady
 * verdicts before the kill (false alarms, all nodes heartbeat) and the detection time of the killed node.
 * Every wait is bounded by {@code --timeout-seconds}.
 *
 * <p>Usage: {@code ClusterScale [--nodes N] [--pods P] [--namespaces K] [--replicas R] [--concurrency C]
 * [--timeout-seconds T] [--controllers N] [--schedulers N] [--instances jvm|processes] [--kills K]}: the
 * controllers and the scheduler run as that many instances, each with its own state directory, sharing
 * the partitions as one consumer group each, in this JVM or (with {@code processes}) each as a
 * {@code korch} process of its own. With processes, it reports each one's peak memory, and, when there
 * are two or more of a service, after the run kills one with SIGKILL {@code --kills} times, starting it
 * again in between, and times the takeover of each of its Streams applications and how long a new
 * Deployment in every namespace (so on every partition) takes to be Running ({@link FailoverRounds}).
 */
public final class ClusterScale {

    /** Partitions of every korch topic. */
    static final int PARTITIONS = 3;
    /** The node-lifecycle controller's grace period: a node without heartbeat this long is NotReady. */
    static final Duration GRACE_PERIOD = ControllersConfig.DEFAULT_NODE_GRACE_PERIOD;
    static final String NAMESPACE_PREFIX = "bench-";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /**
     * What to run.
     *
     * @param nodes       hollow nodes
     * @param pods        pods, in Deployments of {@code replicas}
     * @param namespaces  namespaces the Deployments are spread over
     * @param replicas    replicas of each Deployment
     * @param concurrency API clients creating them
     * @param timeout     bounds each wait: nodes Ready, pods bound and Running, the killed node NotReady
     * @param controllers controller instances, one consumer group
     * @param schedulers  scheduler instances, one consumer group
     * @param instances   whether those run in this JVM or each as a {@code korch} process of its own
     * @param kills       how often one process of a service is killed, with processes and two or more of it
     */
    public record Options(int nodes, int pods, int namespaces, int replicas, int concurrency, Duration timeout,
                          int controllers, int schedulers, ServiceInstances.Mode instances, int kills) {
        public static final Options DEFAULTS = new Options(1_000, 5_000, 50, 10, 8, Duration.ofMinutes(5), 1, 1,
                ServiceInstances.Mode.JVM, 1);

        public Options {
            if (nodes < 1 || pods < 1 || namespaces < 1 || replicas < 1 || concurrency < 1 || controllers < 1
                    || schedulers < 1 || kills < 1) {
                throw new IllegalArgumentException("every option must be positive");
            }
        }

        /** Deployments created: enough for {@code pods}, the last one smaller. */
        int deployments() {
            return (pods + replicas - 1) / replicas;
        }

        static Options parse(String[] args) {
            Args parsed = Args.parse(args, Set.of("nodes", "pods", "namespaces", "replicas", "concurrency",
                    "timeout-seconds", "controllers", "schedulers", "instances", "kills"));
            return new Options(parsed.positiveInt("nodes", DEFAULTS.nodes()), parsed.positiveInt("pods", DEFAULTS.pods()),
                    parsed.positiveInt("namespaces", DEFAULTS.namespaces()),
                    parsed.positiveInt("replicas", DEFAULTS.replicas()),
                    parsed.positiveInt("concurrency", DEFAULTS.concurrency()),
                    Duration.ofSeconds(parsed.positiveInt("timeout-seconds", (int) DEFAULTS.timeout().toSeconds())),
                    parsed.positiveInt("controllers", DEFAULTS.controllers()),
                    parsed.positiveInt("schedulers", DEFAULTS.schedulers()),
                    mode(parsed.string("instances", "jvm")), parsed.positiveInt("kills", DEFAULTS.kills()));
        }

        private static ServiceInstances.Mode mode(String value) {
            return switch (value) {
                case "jvm" -> ServiceInstances.Mode.JVM;
                case "processes" -> ServiceInstances.Mode.PROCESSES;
                default -> throw new IllegalArgumentException("--instances is jvm or processes, not " + value);
            };
        }
    }

    /**
     * The outcome of a run; times in nanoseconds from the first create call.
     *
     * @param bound           pods bound to a node
     * @param running         pods reported Running
     * @param lastBound       when the last pod was bound
     * @param lastRunning     when the last pod was reported Running
     * @param createNanos     latency of every create call, sorted
     * @param failedCalls     create calls without a 2xx answer
     * @param recordBytes     key plus value bytes of every record of every korch topic
     * @param logBytes        size of the korch topics' logs on disk
     * @param largestRecord   the largest record (key plus value), and its topic
     * @param peakHeap        the largest heap use sampled during the run
     * @param falseNotReady   NotReady verdicts while every node heartbeat
     * @param killDetection   from stopping a node's heartbeats to its NotReady verdict, or null if none came
     */
    public record Report(Options options, int bound, int running, long lastBound, long lastRunning,
                         long[] createNanos, long failedCalls, long recordBytes, long logBytes, long largestRecord,
                         String largestRecordTopic, long peakHeap, int falseNotReady, Duration killDetection) {

        public double boundPerSecond() {
            return bound * 1e9 / Math.max(1, lastBound);
        }

        public double runningPerSecond() {
            return running * 1e9 / Math.max(1, lastRunning);
        }
    }

    private ClusterScale() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ClusterScale: " + e.getMessage());
            System.err.println("usage: ClusterScale [--nodes N] [--pods P] [--namespaces K] [--replicas R]"
                    + " [--concurrency C] [--timeout-seconds T] [--controllers N] [--schedulers N]"
                    + " [--instances jvm|processes] [--kills K]");
            System.exit(2);
            return;
        }
        Report report = run(options, System.out);
        System.exit(report.running() == options.pods() && report.failedCalls() == 0 ? 0 : 1);
    }

    /** Starts the cluster, runs the load, prints the result to {@code out} and stops everything. */
    public static Report run(Options options, PrintStream out) {
        out.printf("korch cluster scale: %,d hollow nodes, %,d pods in %,d Deployments over %d namespaces, "
                        + "%d clients, topics with %d partitions; Java %s, %d cpus%n", options.nodes(), options.pods(),
                options.deployments(), options.namespaces(), options.concurrency(), PARTITIONS, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        Path stateDir = temporaryDirectory();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "benchmark-timer");
            thread.setDaemon(true);
            return thread;
        });
        AtomicLong peakHeap = new AtomicLong();
        ScheduledFuture<?> heapSampler = timer.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max),
                0, 100, TimeUnit.MILLISECONDS);
        long startUp = System.nanoTime();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            String bootstrap = broker.bootstrapServers();
            TopicAdmin.createTopics(bootstrap, PARTITIONS, (short) 1);
            try (GatewayApp gateway = GatewayApp.start(new GatewayConfig(bootstrap, "127.0.0.1", 0));
                 ServiceInstances controllers = startControllers(options, bootstrap, stateDir);
                 ServiceInstances schedulers = startSchedulers(options, bootstrap, stateDir);
                 ClusterLog log = new ClusterLog(bootstrap, NAMESPACE_PREFIX)) {
                out.printf("broker, gateway, %d controllers, %d schedulers up in %.1f s%n", options.controllers(),
                        options.schedulers(), (System.nanoTime() - startUp) / 1e9);
                long heapBefore = heapAfterGc();
                long nodesStart = System.nanoTime();
                try (HollowNodes nodes = HollowNodes.start(HollowNodesConfig.defaults(bootstrap, options.nodes()))) {
                    await(timer, () -> log.readyNodes.size() >= options.nodes(), options.timeout(),
                            () -> log.readyNodes.size() + " of " + options.nodes() + " nodes Ready");
                    out.printf("%,d hollow nodes Ready in %.1f s (heap after GC: %,d MiB before the nodes, %,d MiB"
                                    + " with them)%n", options.nodes(), (System.nanoTime() - nodesStart) / 1e9,
                            heapBefore >> 20, heapAfterGc() >> 20);
                    int notReadyBefore = log.notReady.size();
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(10)).build();
                    List<Long> failed = new ArrayList<>();
                    createNamespaces(client, gateway.url(), options, failed);
                    long t0 = System.nanoTime();
                    long[] createNanos = createDeployments(client, gateway.url(), options, failed);
                    out.printf("%,d Deployments created in %.1f s%n", options.deployments(),
                            (System.nanoTime() - t0) / 1e9);
                    awaitQuietly(timer, () -> log.boundAt.size() >= options.pods()
                            && log.runningAt.size() >= options.pods(), options.timeout());
                    int falseNotReady = log.notReady.size() - notReadyBefore;
                    log.notReady.stream().skip(notReadyBefore).limit(3).forEach(verdict -> out.printf(
                            "false NotReady of %s: %s%n", verdict.node(), verdict.message()));
                    out.printf("hollow nodes run %,d pods; heap after GC now %,d MiB%n", nodes.runningPods(),
                            heapAfterGc() >> 20);
                    Duration detection = killOne(nodes, log, timer, options.timeout());
                    long[] bytes = bytesWritten(bootstrap, log);
                    Map.Entry<String, ClusterLog.TopicBytes> largest = log.topics.entrySet().stream()
                            .max(Comparator.comparingLong(e -> e.getValue().largest.get())).orElseThrow();
                    heapSampler.cancel(false);
                    Report report = new Report(options, log.boundAt.size(), log.runningAt.size(),
                            latest(log.boundAt, t0), latest(log.runningAt, t0), createNanos, failed.size(), bytes[0],
                            bytes[1], largest.getValue().largest.get(), largest.getKey(), peakHeap.get(),
                            falseNotReady, detection);
                    print(out, report, log);
                    List<String> memory = new ArrayList<>(controllers.peakMemory());
                    memory.addAll(schedulers.peakMemory());
                    if (!memory.isEmpty()) {
                        out.printf("processes: peak resident memory %s%n", String.join(", ", memory));
                    }
                    // after the report, which counts the run's pods only
                    failover(options, bootstrap, controllers, schedulers, client, gateway.url(), log, timer, out);
                    return report;
                }
            }
        } finally {
            timer.shutdownNow();
            deleteQuietly(stateDir);
        }
    }

    private static ServiceInstances startControllers(Options options, String bootstrap, Path stateDir) {
        if (options.instances() == ServiceInstances.Mode.PROCESSES) {
            return ServiceInstances.processes("controllers", options.controllers(), stateDir, options.timeout(),
                    "controllers", "--kafka", bootstrap, "--node-grace-period", GRACE_PERIOD.toSeconds() + "s");
        }
        return ServiceInstances.inJvm(options.controllers(), i -> ControllersApp.start(new ControllersConfig(bootstrap,
                ControllersConfig.DEFAULT_APPLICATION_ID, stateDir.resolve("controllers-" + i), GRACE_PERIOD)));
    }

    private static ServiceInstances startSchedulers(Options options, String bootstrap, Path stateDir) {
        if (options.instances() == ServiceInstances.Mode.PROCESSES) {
            return ServiceInstances.processes("scheduler", options.schedulers(), stateDir, options.timeout(),
                    "scheduler", "--kafka", bootstrap);
        }
        return ServiceInstances.inJvm(options.schedulers(), i -> SchedulerApp.start(
                SchedulerConfig.defaults(bootstrap, stateDir.resolve("scheduler-" + i))));
    }

    /**
     * With two or more processes of a service, kills one with SIGKILL {@code --kills} times and times
     * each takeover ({@link FailoverRounds}): the controllers' two applications, then the scheduler's.
     */
    private static void failover(Options options, String bootstrap, ServiceInstances controllers,
                                 ServiceInstances schedulers, HttpClient client, String url, ClusterLog log,
                                 ScheduledExecutorService timer, PrintStream out) {
        if (options.instances() != ServiceInstances.Mode.PROCESSES
                || (controllers.count() < 2 && schedulers.count() < 2)) {
            return;
        }
        FailoverRounds.Cluster cluster = new FailoverRounds.Cluster() {
            @Override
            public int createAfterKill(String prefix) {
                int failed = 0;
                for (int i = 0; i < options.namespaces(); i++) {
                    if (!post(client, url + "/apis/apps/v1/namespaces/" + namespace(i) + "/deployments",
                            deployment(prefix, 1)).succeeded) {
                        failed++;
                    }
                    if (!post(client, url + "/api/v1/namespaces/" + namespace(i) + "/pods",
                            pod("probe-" + prefix)).succeeded) {
                        failed++;
                    }
                }
                return failed;
            }

            @Override
            public List<Long> runningAt(String prefix) {
                return log.runningAt.entrySet().stream().filter(e -> e.getKey().contains("/" + prefix + "-"))
                        .map(Map.Entry::getValue).toList();
            }

            @Override
            public int namespaces() {
                return options.namespaces();
            }

            @Override
            public boolean await(BooleanSupplier done, Duration timeout) {
                return awaitQuietly(timer, done, timeout);
            }
        };
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (controllers.count() >= 2) {
                new FailoverRounds("controllers", controllers, controllerApps(), PARTITIONS, admin, bootstrap,
                        cluster, options.timeout()).run(options.kills(), out);
            }
            if (schedulers.count() >= 2) {
                new FailoverRounds("scheduler", schedulers, List.of(StreamsApp.of(
                        SchedulerConfig.DEFAULT_APPLICATION_ID, "scheduler",
                        SchedulerTopology.topology(Clock.systemUTC(), new Random()))), PARTITIONS, admin, bootstrap,
                        cluster, options.timeout()).run(options.kills(), out);
            }
        }
    }

    /** The controllers' two Streams applications, as {@code korch controllers} runs them. */
    private static List<StreamsApp> controllerApps() {
        ControllersConfig config = ControllersConfig.defaults("unused:9092", Path.of("unused"));
        return List.of(
                StreamsApp.of(config.applicationId(), "controllers", ControllersTopology.topology(config)),
                StreamsApp.of(config.nodeLifecycleApplicationId(), "controllers",
                        NodeLifecycleController.topology(GRACE_PERIOD, NodeEviction.DEFAULTS, partition -> null)));
    }

    private static void createNamespaces(HttpClient client, String url, Options options, List<Long> failed) {
        for (int i = 0; i < options.namespaces(); i++) {
            String body = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + namespace(i)
                    + "\"}}";
            if (!post(client, url + "/api/v1/namespaces", body).succeeded) {
                failed.add((long) i);
            }
        }
    }

    /** Creates every Deployment from {@code options.concurrency()} clients; returns the sorted call latencies. */
    private static long[] createDeployments(HttpClient client, String url, Options options, List<Long> failed) {
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(options.concurrency());
        for (int c = 0; c < options.concurrency(); c++) {
            clients.execute(() -> {
                for (int i = next.getAndIncrement(); i < options.deployments(); i = next.getAndIncrement()) {
                    int replicas = Math.min(options.replicas(), options.pods() - i * options.replicas());
                    String ns = namespace(i % options.namespaces());
                    Result result = post(client, url + "/apis/apps/v1/namespaces/" + ns + "/deployments",
                            deployment("app-" + i, replicas));
                    nanos.add(result.nanos);
                    if (!result.succeeded) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        clients.shutdown();
        try {
            if (!clients.awaitTermination(options.timeout().toSeconds(), TimeUnit.SECONDS)) {
                clients.shutdownNow();
                throw new IllegalStateException("the create calls did not finish within " + options.timeout());
            }
        } catch (InterruptedException e) {
            clients.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        for (int i = 0; i < failures.get(); i++) {
            failed.add(-1L);
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /** Stops the heartbeats of the first node and waits for its NotReady verdict. */
    private static Duration killOne(HollowNodes nodes, ClusterLog log, ScheduledExecutorService timer,
                                    Duration timeout) {
        String victim = nodes.nodeNames().get(0);
        int seen = log.notReady.size();
        long killedAt = System.nanoTime();
        nodes.kill(victim);
        boolean detected = awaitQuietly(timer, () -> log.notReady.stream().skip(seen)
                .anyMatch(verdict -> verdict.node().equals(victim)), timeout.plus(GRACE_PERIOD));
        if (!detected) {
            return null;
        }
        long at = log.notReady.stream().skip(seen).filter(verdict -> verdict.node().equals(victim))
                .mapToLong(ClusterLog.NotReady::readAtNanos).min().orElseThrow();
        return Duration.ofNanos(at - killedAt);
    }

    /** Bytes of every korch topic: {record key + value bytes read back, log size on the broker's disk}. */
    private static long[] bytesWritten(String bootstrap, ClusterLog log) {
        long records = log.topics.values().stream().mapToLong(t -> t.bytes.get()).sum();
        Set<String> korch = Topics.ALL.stream().map(topic -> topic.name()).collect(java.util.stream.Collectors.toSet());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<Integer> brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
                    .map(node -> node.id()).toList();
            long onDisk = 0;
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions()
                    .get(30, TimeUnit.SECONDS).values()) {
                for (LogDirDescription dir : dirs.values()) {
                    onDisk += dir.replicaInfos().entrySet().stream()
                            .filter(e -> korch.contains(e.getKey().topic()))
                            .mapToLong(e -> e.getValue().size()).sum();
                }
            }
            return new long[] {records, onDisk};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the log dirs: " + e, e);
        }
    }

    private static void print(PrintStream out, Report report, ClusterLog log) {
        Options options = report.options();
        out.printf("bound:     %,d of %,d pods, last %.2f s after the first create: %,.0f pods/s%n", report.bound(),
                options.pods(), report.lastBound() / 1e9, report.boundPerSecond());
        out.printf("running:   %,d of %,d pods, last %.2f s after the first create: %,.0f pods/s%n", report.running(),
                options.pods(), report.lastRunning() / 1e9, report.runningPerSecond());
        long[] calls = report.createNanos();
        out.printf("API:       %,d create calls (%,d failed), p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", calls.length,
                report.failedCalls(), Stats.percentile(calls, 50) / 1e6, Stats.percentile(calls, 99) / 1e6,
                calls[calls.length - 1] / 1e6);
        out.printf("bytes:     %,d record bytes (key + value) in all korch topics, %,d per pod; %,d on disk,"
                        + " %,d per pod%n", report.recordBytes(), report.recordBytes() / options.pods(),
                report.logBytes(), report.logBytes() / options.pods());
        log.topics.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> -e.getValue().bytes.get()))
                .forEach(e -> out.printf("  %-26s %,10d records %,14d bytes  largest %,8d%n", e.getKey(),
                        e.getValue().records.get(), e.getValue().bytes.get(), e.getValue().largest.get()));
        out.printf("largest:   %,d bytes (%s)%n", report.largestRecord(), report.largestRecordTopic());
        out.printf("heap:      peak %,d MiB sampled every 100 ms (whole process: broker, services, hollow nodes)%n",
                report.peakHeap() >> 20);
        out.printf("NotReady:  %d false verdicts while every node heartbeat; a killed node NotReady after %s"
                        + " (grace period %d s)%n", report.falseNotReady(),
                report.killDetection() == null ? "no verdict within the timeout"
                        : String.format("%.2f s", report.killDetection().toMillis() / 1e3),
                GRACE_PERIOD.toSeconds());
    }

    private static long latest(Map<String, Long> times, long t0) {
        return times.values().stream().mapToLong(at -> at - t0).max().orElse(0);
    }

    private static String namespace(int index) {
        return String.format("%s%03d", NAMESPACE_PREFIX, index);
    }

    private static String deployment(String name, int replicas) {
        return """
                {"apiVersion":"apps/v1","kind":"Deployment",
                 "metadata":{"name":"%1$s","labels":{"app":"%1$s"}},
                 "spec":{"replicas":%2$d,"selector":{"matchLabels":{"app":"%1$s"}},
                  "template":{"metadata":{"labels":{"app":"%1$s"}},
                   "spec":{"containers":[{"name":"web","image":"nginx:1.27",
                    "resources":{"requests":{"cpu":"100m","memory":"64Mi"}}}]}}}}
                """.formatted(name, replicas);
    }

    private static String pod(String name) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%1$s","labels":{"probe":"%1$s"}},
                 "spec":{"containers":[{"name":"web","image":"nginx:1.27",
                   "resources":{"requests":{"cpu":"100m","memory":"64Mi"}}}]}}
                """.formatted(name);
    }

    private record Result(boolean succeeded, long nanos) {
    }

    private static Result post(HttpClient client, String url, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Result(status >= 200 && status < 300, System.nanoTime() - start);
        } catch (IOException e) {
            return new Result(false, System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, System.nanoTime() - start);
        }
    }

    /** Waits until {@code done} holds, checking every 100 ms on {@code timer}; fails after {@code timeout}. */
    private static void await(ScheduledExecutorService timer, BooleanSupplier done, Duration timeout,
                              java.util.function.Supplier<String> progress) {
        if (!awaitQuietly(timer, done, timeout)) {
            throw new IllegalStateException("not done within " + timeout.toSeconds() + " s: " + progress.get());
        }
    }

    /** Whether {@code done} held within {@code timeout}, checked every 100 ms on {@code timer}. */
    private static boolean awaitQuietly(ScheduledExecutorService timer, BooleanSupplier done, Duration timeout) {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        ScheduledFuture<?> check = timer.scheduleAtFixedRate(() -> {
            try {
                if (done.getAsBoolean()) {
                    reached.complete(null);
                }
            } catch (RuntimeException e) {
                reached.completeExceptionally(e);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        try {
            reached.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            check.cancel(false);
        }
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("korch-cluster-scale");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("ClusterScale: cannot delete " + dir + ": " + e.getMessage());
        }
    }
}

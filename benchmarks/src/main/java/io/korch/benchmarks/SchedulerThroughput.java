package io.korch.benchmarks;

import io.korch.api.Node;
import io.korch.api.Pod;
import io.korch.scheduler.PodDecision;
import io.korch.scheduler.StandardPipeline;
import io.korch.scheduler.framework.NodeCache;
import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.PodInfo;
import io.korch.scheduler.framework.Placement;
import io.korch.scheduler.framework.SchedulingPipeline;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Measures how many pods per second the scheduler's placement pipeline places, and prints the
 * figure next to kube-scheduler's CI floor (680–810 pods/s at 5,000 nodes).
 *
 * <p>It runs the real {@link StandardPipeline} over a {@link FakeCluster} of N nodes (default
 * 5,000) and places M pods (default 30,000) one after the other, doing per pod what the
 * scheduler's placer does between reading a pod and writing its bind request: read the pod's
 * requests ({@link PodInfo#of}), decide ({@link PodDecision#decide}), run the pipeline over
 * the candidates ({@link NodeCache#candidatesWithout}) with every node filtered, and on success
 * count the pod on its node ({@link NodeInfo#add}). Kafka (state stores, the binder's round trip,
 * producing the binding) is not part of the measurement.
 *
 * <p>One warm-up round, then {@code --rounds} measured rounds (default 3), each on a fresh copy
 * of the same cluster with a seeded tie-breaker, so rounds do the same work. After each round the
 * bookkeeping is checked: every pod is placed or explained, and no node holds more than it has.
 *
 * <p>Usage: {@code SchedulerThroughput [--nodes N] [--pods M] [--rounds R]}
 */
public final class SchedulerThroughput {

    /** kube-scheduler's CI throughput floor at 5,000 fake nodes, low end, pods per second. */
    public static final double KUBE_SCHEDULER_FLOOR_LOW = 680;
    /** kube-scheduler's CI throughput floor at 5,000 fake nodes, high end, pods per second. */
    public static final double KUBE_SCHEDULER_FLOOR_HIGH = 810;
    /** The cluster size the reference figure was measured at. */
    public static final int REFERENCE_NODES = 5_000;

    static final long CLUSTER_SEED = 20_261_127L;
    static final long TIE_BREAK_SEED = 42L;

    /**
     * What to measure.
     *
     * @param nodes  fake nodes in the cluster
     * @param pods   pods placed per round
     * @param rounds measured rounds, after one warm-up round
     */
    public record Options(int nodes, int pods, int rounds) {
        public static final Options DEFAULTS = new Options(5_000, 30_000, 3);

        public Options {
            if (nodes < 1 || pods < 1 || rounds < 1) {
                throw new IllegalArgumentException("nodes, pods and rounds must be positive");
            }
        }

        static Options parse(String[] args) {
            Args parsed = Args.parse(args, Set.of("nodes", "pods", "rounds"));
            return new Options(parsed.positiveInt("nodes", DEFAULTS.nodes()),
                    parsed.positiveInt("pods", DEFAULTS.pods()),
                    parsed.positiveInt("rounds", DEFAULTS.rounds()));
        }
    }

    /**
     * What one round did.
     *
     * @param pods                  pods offered to the scheduler
     * @param placed                pods bound to a node
     * @param unschedulable         pods that fit nowhere, each with an explanation
     * @param explanations          each distinct explanation and how many pods got it
     * @param nanos                 time spent placing, in nanoseconds
     * @param podsOnNodes           pods counted on the nodes afterwards
     * @param overcommittedNodes    nodes whose requested cpu, memory or pod count exceeds what they have
     */
    public record Round(int pods, int placed, int unschedulable, Map<String, Integer> explanations, long nanos,
                        int podsOnNodes, int overcommittedNodes) {

        /** Pods handled (placed or explained) per second. */
        public double podsPerSecond() {
            return pods * 1e9 / Math.max(1, nanos);
        }
    }

    /**
     * The outcome of a run.
     *
     * @param options  what was measured
     * @param warmUp   the warm-up round, not counted
     * @param measured the measured rounds
     */
    public record Report(Options options, Round warmUp, List<Round> measured) {

        double[] rates() {
            return measured.stream().mapToDouble(Round::podsPerSecond).toArray();
        }

        /** Median pods per second over the measured rounds. */
        public double medianPodsPerSecond() {
            return Stats.median(rates());
        }

        public double minPodsPerSecond() {
            return Stats.min(rates());
        }

        public double maxPodsPerSecond() {
            return Stats.max(rates());
        }
    }

    private SchedulerThroughput() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SchedulerThroughput: " + e.getMessage());
            System.err.println("usage: SchedulerThroughput [--nodes N] [--pods M] [--rounds R]");
            System.exit(2);
            return;
        }
        run(options, System.out);
    }

    /** Runs the warm-up and the measured rounds, printing progress and the result to {@code out}. */
    public static Report run(Options options, PrintStream out) {
        List<Node> nodes = FakeCluster.nodes(options.nodes(), CLUSTER_SEED);
        List<Pod> pods = FakeCluster.pods(options.pods(), CLUSTER_SEED + 1);
        out.printf("korch scheduler throughput: %s%n", describe(StandardPipeline.create(new SplittableRandom(0))));
        out.printf("cluster: %,d fake nodes (4/8/16 cpu, 110 pods each, 3 zones), %,d pods per round "
                + "(~%d per owner, 10%% bare, some with nodeSelector); Java %s, %d cpus%n",
                options.nodes(), options.pods(), FakeCluster.PODS_PER_OWNER, Runtime.version(),
                Runtime.getRuntime().availableProcessors());

        Round warmUp = round(nodes, pods);
        print(out, "warm-up", warmUp);
        List<Round> measured = new ArrayList<>(options.rounds());
        for (int i = 1; i <= options.rounds(); i++) {
            Round round = round(nodes, pods);
            measured.add(round);
            print(out, "round " + i, round);
        }
        Report report = new Report(options, warmUp, measured);
        printSummary(out, report);
        return report;
    }

    /** Places every pod on a fresh copy of the cluster; only the placement loop is timed. */
    static Round round(List<Node> nodes, List<Pod> pods) {
        NodeCache cache = new NodeCache();
        for (Node node : nodes) {
            cache.getOrCreate(node.getMetadata().getName()).setNode(node);
        }
        SchedulingPipeline pipeline = StandardPipeline.create(new SplittableRandom(TIE_BREAK_SEED));
        Map<String, Integer> explanations = new TreeMap<>();
        int placed = 0;

        long start = System.nanoTime();
        for (Pod pod : pods) {
            String key = FakeCluster.key(pod);
            PodInfo info = PodInfo.of(key, pod);
            if (PodDecision.decide(pod, null) != PodDecision.SCHEDULE) {
                throw new IllegalStateException("a fake pod must wait for a node: " + key);
            }
            Placement placement = pipeline.place(info, cache.candidatesWithout(key));
            if (placement.bound()) {
                NodeInfo node = cache.getOrCreate(placement.nodeName());
                node.add(info.boundTo(placement.nodeName()));
                placed++;
            } else {
                explanations.merge(placement.message(), 1, Integer::sum);
            }
        }
        long nanos = System.nanoTime() - start;

        int podsOnNodes = 0;
        int overcommitted = 0;
        for (NodeInfo node : cache.all()) {
            podsOnNodes += node.podCount();
            if (node.requestedCpuMillis() > node.allocatableCpuMillis()
                    || node.requestedMemoryBytes() > node.allocatableMemoryBytes()
                    || node.podCount() > node.allocatablePods()) {
                overcommitted++;
            }
        }
        int unschedulable = explanations.values().stream().mapToInt(Integer::intValue).sum();
        return new Round(pods.size(), placed, unschedulable, explanations, nanos, podsOnNodes, overcommitted);
    }

    private static String describe(SchedulingPipeline pipeline) {
        String filters = pipeline.filters().stream().map(f -> f.name()).collect(Collectors.joining(" → "));
        String scores = pipeline.scores().stream().map(s -> s.plugin().name() + "×" + s.weight())
                .collect(Collectors.joining(" + "));
        return "StandardPipeline [filters " + filters + "; scores " + scores + "]";
    }

    private static void print(PrintStream out, String label, Round round) {
        out.printf("%-8s %,d pods in %.2f s: %,.0f pods/s (%,d placed, %,d unschedulable, %d overcommitted nodes)%n",
                label + ":", round.pods(), round.nanos() / 1e9, round.podsPerSecond(), round.placed(),
                round.unschedulable(), round.overcommittedNodes());
    }

    private static void printSummary(PrintStream out, Report report) {
        Round last = report.measured().get(report.measured().size() - 1);
        if (!last.explanations().isEmpty()) {
            out.println("unschedulable pods were explained as:");
            last.explanations().entrySet().stream().limit(10)
                    .forEach(e -> out.printf("  %,d × %s%n", e.getValue(), e.getKey()));
            if (last.explanations().size() > 10) {
                out.printf("  … and %d other explanations%n", last.explanations().size() - 10);
            }
        }
        double median = report.medianPodsPerSecond();
        out.printf("result:    median %,.0f pods/s (min %,.0f, max %,.0f) over %d rounds at %,d nodes%n",
                median, report.minPodsPerSecond(), report.maxPodsPerSecond(), report.measured().size(),
                report.options().nodes());
        out.printf("reference: kube-scheduler CI floor %,.0f–%,.0f pods/s at %,d fake nodes "
                        + "(its own harness and machine, not measured here)%n",
                KUBE_SCHEDULER_FLOOR_LOW, KUBE_SCHEDULER_FLOOR_HIGH, REFERENCE_NODES);
        out.printf("ratio:     %.2f× to %.2f× that floor%s%n",
                median / KUBE_SCHEDULER_FLOOR_HIGH, median / KUBE_SCHEDULER_FLOOR_LOW,
                report.options().nodes() == REFERENCE_NODES ? "" : " (at a different node count: not comparable)");
    }
}

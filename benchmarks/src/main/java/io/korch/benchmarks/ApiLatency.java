package io.korch.benchmarks;

import io.korch.gateway.GatewayApp;
import io.korch.gateway.GatewayConfig;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.topics.TopicAdmin;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures the latency of mutating API calls through the real gateway, and prints it next to the
 * Kubernetes SLO (mutating API calls: p99 ≤ 1 s).
 *
 * <p>It starts a real single-node Kafka broker in the process ({@link EmbeddedKafkaBroker}),
 * creates the korch topics ({@link TopicAdmin#createTopics}) and starts the real
 * {@link GatewayApp} on a free loopback port. Then {@code --concurrency} clients (default 8) send
 * {@code --calls} mutating calls (default 2,000) over HTTP/1.1 with {@code java.net.http}: for each
 * object a create ({@code POST}) followed by a replace ({@code PUT}), alternating Deployments and
 * Pods. A call counts from sending the request to receiving the whole answer, which the gateway
 * gives only once Kafka acknowledged the write ({@code acks=all}). {@code --warmup} calls (default
 * 200) on other objects run first and are not counted.
 *
 * <p>Only the gateway runs: no controllers or scheduler, so the numbers are those of the API's
 * write path alone. Loopback only; every call is bounded by {@link #CALL_TIMEOUT} and the whole run
 * by {@link #RUN_TIMEOUT}, after which it stops by itself.
 *
 * <p>Usage: {@code ApiLatency [--calls K] [--concurrency C] [--warmup W]}
 */
public final class ApiLatency {

    /** The Kubernetes SLO for mutating API calls: 99th percentile at most this. */
    public static final Duration SLO_P99 = Duration.ofSeconds(1);
    /** Bounds one call; a call that takes longer counts as failed. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** Bounds the warm-up and the measured calls together. */
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";
    static final String PODS = "/api/v1/namespaces/default/pods";

    /**
     * What to measure.
     *
     * @param calls       measured mutating calls
     * @param concurrency clients sending at the same time
     * @param warmup      calls sent first and not counted
     */
    public record Options(int calls, int concurrency, int warmup) {
        public static final Options DEFAULTS = new Options(2_000, 8, 200);

        public Options {
            if (calls < 1 || concurrency < 1 || warmup < 0) {
                throw new IllegalArgumentException("calls and concurrency must be positive, warmup not negative");
            }
        }

        static Options parse(String[] args) {
            Args parsed = Args.parse(args, Set.of("calls", "concurrency", "warmup"));
            return new Options(parsed.positiveInt("calls", DEFAULTS.calls()),
                    parsed.positiveInt("concurrency", DEFAULTS.concurrency()),
                    parsed.nonNegativeInt("warmup", DEFAULTS.warmup()));
        }
    }

    /**
     * One measured call.
     *
     * @param operation {@code create Deployment}, {@code replace Pod}, …
     * @param status    the HTTP status, or -1 when no answer came
     * @param nanos     from sending the request to receiving the whole answer
     */
    public record Call(String operation, int status, long nanos) {
        public boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * The outcome of a run.
     *
     * @param options   what was measured
     * @param calls     every measured call
     * @param wallNanos time from the first measured call to the last answer
     */
    public record Report(Options options, List<Call> calls, long wallNanos) {

        /** Calls that got no 2xx answer. */
        public long failures() {
            return calls.stream().filter(call -> !call.succeeded()).count();
        }

        /** Measured calls per second of wall time. */
        public double callsPerSecond() {
            return calls.size() * 1e9 / Math.max(1, wallNanos);
        }

        /** The nearest-rank percentile of every call's latency, in nanoseconds. */
        public long percentileNanos(double percent) {
            return Stats.percentile(sortedNanos(calls), percent);
        }

        public long maxNanos() {
            return calls.stream().mapToLong(Call::nanos).max().orElseThrow();
        }

        /** The calls grouped by operation, in name order. */
        Map<String, List<Call>> byOperation() {
            Map<String, List<Call>> groups = new TreeMap<>();
            for (Call call : calls) {
                groups.computeIfAbsent(call.operation(), operation -> new ArrayList<>()).add(call);
            }
            return groups;
        }
    }

    private ApiLatency() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ApiLatency: " + e.getMessage());
            System.err.println("usage: ApiLatency [--calls K] [--concurrency C] [--warmup W]");
            System.exit(2);
            return;
        }
        Report report = run(options, System.out);
        System.exit(report.failures() == 0 ? 0 : 1);
    }

    /** Starts a broker and a gateway, sends the warm-up and measured calls, prints the result to {@code out}. */
    public static Report run(Options options, PrintStream out) {
        out.printf("korch API latency: %,d mutating calls (create then replace, Deployments and Pods), "
                        + "%d concurrent clients, %,d warm-up calls; Java %s, %d cpus%n",
                options.calls(), options.concurrency(), options.warmup(), Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        long startUp = System.nanoTime();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            TopicAdmin.createTopics(broker.bootstrapServers(), 1, (short) 1);
            try (GatewayApp gateway = GatewayApp.start(new GatewayConfig(broker.bootstrapServers(), "127.0.0.1", 0))) {
                out.printf("broker %s and gateway %s up in %.1f s%n", broker.bootstrapServers(), gateway.url(),
                        (System.nanoTime() - startUp) / 1e9);
                HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
                long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
                if (options.warmup() > 0) {
                    Report warmUp = send(client, gateway.url(), "warm", options.warmup(), options, deadline);
                    out.printf("warm-up:   %,d calls, %,d failed, p99 %.2f ms (not counted)%n", warmUp.calls().size(),
                            warmUp.failures(), warmUp.percentileNanos(99) / 1e6);
                }
                Report report = send(client, gateway.url(), "bench", options.calls(), options, deadline);
                printSummary(out, report);
                return report;
            }
        }
    }

    /**
     * Sends {@code calls} calls from {@code options.concurrency()} clients, on objects named
     * {@code prefix-NNNNNN}: object i is created, then replaced. Returns when all were answered, or
     * fails when the deadline passed first.
     */
    static Report send(HttpClient client, String baseUrl, String prefix, int calls, Options options, long deadline) {
        int concurrency = options.concurrency();
        int objects = (calls + 1) / 2;
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Call> done = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            clients.execute(() -> {
                for (int i = next.getAndIncrement(); i < objects && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                    ObjectCalls object = ObjectCalls.of(prefix, i);
                    done.add(call(client, "create " + object.kind(), HttpRequest.newBuilder(URI.create(baseUrl + object.collection()))
                            .POST(HttpRequest.BodyPublishers.ofString(object.created()))));
                    if (2 * i + 1 < calls) {
                        done.add(call(client, "replace " + object.kind(),
                                HttpRequest.newBuilder(URI.create(baseUrl + object.collection() + "/" + object.name()))
                                        .PUT(HttpRequest.BodyPublishers.ofString(object.replaced()))));
                    }
                }
            });
        }
        clients.shutdown();
        try {
            long left = deadline - System.nanoTime();
            if (!clients.awaitTermination(Math.max(0, left) + CALL_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                clients.shutdownNow();
                throw new IllegalStateException("the calls did not finish within " + RUN_TIMEOUT.toMinutes() + " minutes");
            }
        } catch (InterruptedException e) {
            clients.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the calls", e);
        }
        long wall = System.nanoTime() - start;
        if (done.size() < calls) {
            throw new IllegalStateException("only " + done.size() + " of " + calls + " calls were sent within "
                    + RUN_TIMEOUT.toMinutes() + " minutes");
        }
        return new Report(options, List.copyOf(done), wall);
    }

    /** Sends one JSON request and times it until the whole answer arrived. */
    private static Call call(HttpClient client, String operation, HttpRequest.Builder request) {
        HttpRequest built = request.timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .build();
        long start = System.nanoTime();
        int status;
        try {
            status = client.send(built, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        return new Call(operation, status, System.nanoTime() - start);
    }

    private static long[] sortedNanos(List<Call> calls) {
        long[] nanos = calls.stream().mapToLong(Call::nanos).toArray();
        Arrays.sort(nanos);
        return nanos;
    }

    private static void printSummary(PrintStream out, Report report) {
        report.byOperation().forEach((operation, calls) -> {
            long[] nanos = sortedNanos(calls);
            out.printf("  %-18s %,6d calls  p50 %7.2f ms  p99 %7.2f ms%n", operation, calls.size(),
                    Stats.percentile(nanos, 50) / 1e6, Stats.percentile(nanos, 99) / 1e6);
        });
        if (report.failures() > 0) {
            Map<Integer, Long> statuses = new TreeMap<>();
            report.calls().stream().filter(call -> !call.succeeded())
                    .forEach(call -> statuses.merge(call.status(), 1L, Long::sum));
            out.printf("FAILED:    %,d calls without a 2xx answer, by status: %s%n", report.failures(), statuses);
        }
        long p99 = report.percentileNanos(99);
        out.printf("result:    %,d calls in %.2f s: %,.0f calls/s; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                report.calls().size(), report.wallNanos() / 1e9, report.callsPerSecond(),
                report.percentileNanos(50) / 1e6, report.percentileNanos(90) / 1e6, p99 / 1e6, report.maxNanos() / 1e6);
        out.printf("reference: Kubernetes SLO, mutating API calls p99 ≤ %d s (Kubernetes measures it over 5 min "
                + "on a live cluster; not measured here)%n", SLO_P99.toSeconds());
        out.printf("ratio:     p99 is %.3f of the SLO bound%n", p99 / (double) SLO_P99.toNanos());
    }

    /** The create and replace bodies of one benchmark object: even indexes are Deployments, odd ones Pods. */
    private record ObjectCalls(String kind, String collection, String name, String created, String replaced) {

        static ObjectCalls of(String prefix, int index) {
            String name = String.format("%s-%06d", prefix, index);
            if (index % 2 == 0) {
                return new ObjectCalls("Deployment", DEPLOYMENTS, name, deployment(name, 2, "v1"), deployment(name, 3, "v2"));
            }
            return new ObjectCalls("Pod", PODS, name, pod(name, "v1"), pod(name, "v2"));
        }

        private static String deployment(String name, int replicas, String track) {
            return """
                    {"apiVersion":"apps/v1","kind":"Deployment",
                     "metadata":{"name":"%1$s","labels":{"app":"%1$s","track":"%3$s"}},
                     "spec":{"replicas":%2$d,"selector":{"matchLabels":{"app":"%1$s"}},
                      "template":{"metadata":{"labels":{"app":"%1$s"}},
                       "spec":{"containers":[{"name":"web","image":"nginx:1.27",
                        "resources":{"requests":{"cpu":"100m","memory":"64Mi"},"limits":{"cpu":"200m","memory":"128Mi"}}}]}}}}
                    """.formatted(name, replicas, track);
        }

        private static String pod(String name, String track) {
            return """
                    {"apiVersion":"v1","kind":"Pod",
                     "metadata":{"name":"%1$s","labels":{"app":"%1$s","track":"%2$s"}},
                     "spec":{"containers":[{"name":"main","image":"nginx:1.27",
                      "resources":{"requests":{"cpu":"50m","memory":"32Mi"}}}]}}
                    """.formatted(name, track);
        }
    }
}

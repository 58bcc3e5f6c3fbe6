package io.korch.benchmarks;

import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.topics.TopicAdmin;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watch delivery latency: the time from sending a create to its ADDED event arriving at each of
 * {@code --watchers} clients watching the pods of one namespace.
 *
 * <p>It starts a broker in this JVM, the gateway as a child JVM ({@link GatewayProcess}), then opens
 * {@code --watchers} watches ({@code GET /api/v1/namespaces/default/pods?watch=true}, one HTTP/1.1
 * connection each, Vert.x HTTP clients on one event loop) and, once every watch answered,
 * creates {@code --rate} pods per second for {@code --seconds} from a scheduled writer (asynchronous
 * sends, so a slow answer does not hold the next create back). Each pod carries the
 * {@link System#nanoTime} of its send in the annotation {@value #SENT_AT}; a watcher takes the time a
 * line arrives, before parsing it, and the latency is the difference (same JVM, same clock). It
 * reports p50/p99/max of every (watcher, event), the events that never came, the creates'
 * own latency at that rate, and the CPU the gateway's and this JVM used meanwhile. The first
 * {@code --warmup-seconds} of creates (same rate, same watchers) are not counted. The watchers run in this JVM with the broker, so they compete with it for
 * the 2 cpus, not with the gateway's JVM.
 *
 * <p>Usage: {@code WatchLatency [--watchers 100] [--rate 200] [--seconds 10] [--warmup-seconds 10]}
 */
public final class WatchLatency {

    static final String SENT_AT = "bench.korch.io/sent-nanos";
    private static final String PODS = "/api/v1/namespaces/default/pods";
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    /**
     * What to measure.
     *
     * @param warmupSeconds creates at the same rate before the measured ones, their events not counted:
     *                      the gateway JVM is new, and its first seconds are JIT compilation
     */
    record Options(int watchers, int rate, int seconds, int warmupSeconds) {
        static Options parse(String[] args) {
            Args parsed = Args.parse(args, Set.of("watchers", "rate", "seconds", "warmup-seconds"));
            return new Options(parsed.positiveInt("watchers", 100), parsed.positiveInt("rate", 200),
                    parsed.positiveInt("seconds", 10), parsed.nonNegativeInt("warmup-seconds", 10));
        }
    }

    /**
     * The outcome.
     *
     * @param eventNanos   latency of every event received, sorted
     * @param missing      events expected (watchers × creates answered 201) but not received
     * @param createNanos  latency of every create, sorted
     * @param failedCreates creates that got no 201
     */
    record Report(long[] eventNanos, long missing, long[] createNanos, long failedCreates) {
    }

    private WatchLatency() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("WatchLatency: " + e.getMessage());
            System.exit(2);
            return;
        }
        Report report = run(options, System.out);
        System.exit(report.missing() == 0 && report.failedCreates() == 0 ? 0 : 1);
    }

    static Report run(Options options, PrintStream out) {
        Path logs = ApiThroughput.temporaryDir("korch-watch-latency-");
        out.printf("korch watch latency: %d watchers of one pods list, %d creates/s for %d s; Java %s, %d cpus; logs in %s%n",
                options.watchers(), options.rate(), options.seconds(), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), logs);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            TopicAdmin.createTopics(broker.bootstrapServers(), 1, (short) 1);
            try (GatewayProcess gateway = GatewayProcess.start("gateway", broker.bootstrapServers(),
                    logs.resolve("gateway-state"), logs, List.of("-Xmx2g"), ApiThroughput.START_TIMEOUT)) {
                out.printf("gateway %s up%n", gateway.url());
                return measure(gateway.url(), options, out, gateway::cpuMillis);
            }
        }
    }

    static Report measure(String url, Options options, PrintStream out, java.util.function.LongSupplier gatewayCpu) {
        int warmups = options.rate() * options.warmupSeconds();
        int creates = options.rate() * options.seconds();
        AtomicLong measuredFrom = new AtomicLong(Long.MAX_VALUE);
        ConcurrentLinkedQueue<Long> events = new ConcurrentLinkedQueue<>();
        AtomicLong received = new AtomicLong();
        CountDownLatch open = new CountDownLatch(options.watchers());
        // The watchers are Vert.x HTTP clients on one event loop: reading 100 streams costs this JVM
        // far less CPU than 100 java.net.http streams would, and that CPU is shared with the broker.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        URI base = URI.create(url);
        io.vertx.core.http.HttpClient watchClient = vertx.createHttpClient(new HttpClientOptions(),
                new PoolOptions().setHttp1MaxSize(options.watchers()));
        for (int w = 0; w < options.watchers(); w++) {
            watchClient.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost())
                            .setPort(base.getPort()).setURI(PODS + "?watch=true"))
                    .compose(HttpClientRequest::send)
                    .onSuccess(response -> {
                        response.handler(RecordParser.newDelimited("\n", line -> {
                            long arrived = System.nanoTime();
                            long sentAt = sentAt(line.toString(StandardCharsets.UTF_8));
                            if (sentAt >= measuredFrom.get()) {
                                events.add(arrived - sentAt);
                                received.incrementAndGet();
                            }
                        }));
                        open.countDown();
                    });
        }
        try {
            if (!open.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + (options.watchers() - open.getCount()) + " of "
                        + options.watchers() + " watches were answered within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the watches open", e);
        }
        out.printf("%d watches open%n", options.watchers());

        HttpClient writeClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4, daemon("write-client"))).build();
        ConcurrentLinkedQueue<Long> createLatencies = new ConcurrentLinkedQueue<>();
        AtomicInteger createdOk = new AtomicInteger();
        AtomicInteger createsDone = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        String run = ApiThroughput.runId();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(daemon("writer"));
        CountDownLatch allAnswered = new CountDownLatch(creates);
        long[] cpuAtStart = new long[2];
        writer.scheduleAtFixedRate(() -> {
            int i = sent.getAndIncrement() - warmups;
            if (i >= creates) {
                return;
            }
            long sentAt = System.nanoTime();
            if (i == 0) {
                cpuAtStart[0] = gatewayCpu.getAsLong();
                cpuAtStart[1] = ProcessCpu.self();
                measuredFrom.set(sentAt);
            }
            if (i < 0) {
                HttpRequest warmup = HttpRequest.newBuilder(URI.create(url + PODS)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(pod(run + "-w" + (-i), sentAt))).build();
                writeClient.sendAsync(warmup, HttpResponse.BodyHandlers.discarding());
                return;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + PODS))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(pod(run + "-" + i, sentAt))).build();
            writeClient.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((answer, error) -> {
                createLatencies.add(System.nanoTime() - sentAt);
                if (error == null && answer.statusCode() == 201) {
                    createdOk.incrementAndGet();
                }
                createsDone.incrementAndGet();
                allAnswered.countDown();
            });
        }, 0, 1_000_000_000L / options.rate(), TimeUnit.NANOSECONDS);
        long gatewayCpuMillis;
        long selfCpuMillis;
        try {
            if (!allAnswered.await(options.warmupSeconds() + options.seconds() + DRAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                out.printf("only %d of %d creates answered in time%n", createsDone.get(), creates);
            }
            writer.shutdownNow();
            long expected = (long) createdOk.get() * options.watchers();
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (received.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50); // a benchmark's bounded wait for the last events
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gatewayCpuMillis = gatewayCpu.getAsLong() - cpuAtStart[0];
        selfCpuMillis = ProcessCpu.self() - cpuAtStart[1];
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        long[] eventNanos = events.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] createNanos = createLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long expected = (long) createdOk.get() * options.watchers();
        Report report = new Report(eventNanos, Math.max(0, expected - eventNanos.length), createNanos,
                creates - createdOk.get());
        print(out, options, report, creates);
        out.printf("cpu:       from the first measured create to the last event: gateway JVM %.1f s, "
                + "this JVM (broker and watchers) %.1f s%n", gatewayCpuMillis / 1e3, selfCpuMillis / 1e3);
        return report;
    }

    /** The send time an ADDED event's pod carries, or 0 for another line. */
    static long sentAt(String line) {
        if (!line.contains("\"ADDED\"")) {
            return 0;
        }
        int at = line.indexOf(SENT_AT);
        if (at < 0) {
            return 0;
        }
        int start = line.indexOf('"', at + SENT_AT.length() + 1) + 1;
        int end = line.indexOf('"', start);
        return Long.parseLong(line.substring(start, end));
    }

    static String pod(String name, long sentAt) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"watch-bench"},
                 "annotations":{"%s":"%d"}},
                 "spec":{"containers":[{"name":"main","image":"nginx:1.27","resources":{"requests":{"cpu":"50m","memory":"32Mi"}}}]}}
                """.formatted(name, SENT_AT, sentAt);
    }

    private static void print(PrintStream out, Options options, Report report, int creates) {
        long[] c = report.createNanos();
        out.printf("creates:   %,d sent at %d/s, %,d failed; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", creates,
                options.rate(), report.failedCreates(), Stats.percentile(c, 50) / 1e6, Stats.percentile(c, 99) / 1e6,
                c[c.length - 1] / 1e6);
        long[] e = report.eventNanos();
        if (e.length == 0) {
            out.println("watch:     no event arrived");
            return;
        }
        out.printf("watch:     %,d events (%d watchers), %,d missing; create sent → event at the watcher: "
                        + "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", e.length, options.watchers(),
                report.missing(), Stats.percentile(e, 50) / 1e6, Stats.percentile(e, 90) / 1e6,
                Stats.percentile(e, 99) / 1e6, e[e.length - 1] / 1e6);
        out.printf("goal:      watch p99 ≤ 50 ms: %s%n", Stats.percentile(e, 99) <= 50_000_000L ? "met" : "not met");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

package io.korch.benchmarks;

import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.topics.TopicAdmin;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates per second through the REST API, from a load generator in its own process, next to etcd
 * measured the same way in the same run.
 *
 * <p>It starts a single-node Kafka broker in this JVM ({@link EmbeddedKafkaBroker}, KRaft, loopback),
 * creates the korch topics (one partition each), and starts the real gateway as a child JVM
 * ({@code korch gateway}, {@link GatewayProcess}). wrk ({@code --threads} threads, {@code --connections}
 * connections, {@code --seconds} each run; {@code benchmarks/scripts/korch-create-pods.lua}) then
 * creates pods with unique names as fast as the answers come, twice: on the fresh gateway JVM and
 * once it is warm; then a third time at a fixed {@code --rate} of creates per second, for latency
 * at that load. A create is answered once the change log applied it and the gateway's view holds
 * it; every write to Kafka is {@code acks=all}. Then the gateway stops and etcd
 * ({@link EtcdServer}) gets the same three wrk runs of puts of unique keys with 300-byte values
 * ({@code etcd-put.lua}, its v3 HTTP gateway). The report is a table of both, the ratio, and the
 * CPU each server used per request.
 *
 * <p>Loopback only; each wrk run is bounded by its duration, the whole by a few minutes. With
 * {@code --jfr FILE} the gateway records a JFR profile ({@code settings=profile}) of its whole life.
 *
 * <p>Usage: {@code ApiThroughput [--seconds 10] [--threads 2] [--connections 64] [--rate 1000]
 * [--gateway-heap 2g] [--jfr FILE] [--scripts benchmarks/scripts] [--skip-etcd 1]}
 */
public final class ApiThroughput {

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /**
     * What to measure.
     *
     * @param seconds     the length of each wrk run
     * @param threads     wrk threads
     * @param connections wrk connections, shared by the threads
     * @param rate        creates (puts) per second of the fixed-rate run; 0 skips it
     * @param gatewayHeap the gateway JVM's -Xmx
     * @param jfr         where the gateway writes its JFR recording; empty for none
     * @param scripts     the directory of the wrk scripts
     * @param etcd        whether to measure etcd too
     */
    record Options(int seconds, int threads, int connections, int rate, String gatewayHeap, String jfr, Path scripts,
                   boolean etcd) {

        static Options parse(String[] args) {
            Args parsed = Args.parse(args, Set.of("seconds", "threads", "connections", "rate", "gateway-heap", "jfr",
                    "scripts", "skip-etcd"));
            return new Options(parsed.positiveInt("seconds", 10), parsed.positiveInt("threads", 2),
                    parsed.positiveInt("connections", 64), parsed.nonNegativeInt("rate", 1000),
                    parsed.string("gateway-heap", "2g"), parsed.string("jfr", ""),
                    Path.of(parsed.string("scripts", "benchmarks/scripts")),
                    parsed.nonNegativeInt("skip-etcd", 0) == 0);
        }
    }

    /**
     * One server's three runs.
     *
     * @param cpuMillis CPU the server's processes used over the three runs
     */
    record ServerRuns(String server, Wrk.Result fresh, Wrk.Result warm, Wrk.Result fixedRate, long cpuMillis) {

        long requests() {
            return fresh.requests() + warm.requests() + (fixedRate == null ? 0 : fixedRate.requests());
        }
    }

    private ApiThroughput() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ApiThroughput: " + e.getMessage());
            System.exit(2);
            return;
        }
        String missing = Wrk.missing(options.scripts());
        if (missing.isEmpty() && options.etcd()) {
            missing = EtcdServer.missing();
        }
        if (!missing.isEmpty()) {
            System.err.println("ApiThroughput: " + missing);
            System.exit(2);
            return;
        }
        List<ServerRuns> runs = run(options, System.out);
        boolean failed = runs.stream().anyMatch(r -> r.fresh().errors() + r.warm().errors()
                + (r.fixedRate() == null ? 0 : r.fixedRate().errors()) > 0);
        System.exit(failed ? 1 : 0);
    }

    static List<ServerRuns> run(Options options, PrintStream out) {
        Path logs = temporaryDir("korch-api-throughput-");
        Wrk wrk = new Wrk(options.scripts(), logs);
        String runId = runId();
        out.printf("korch API throughput: wrk %d threads, %d connections, %d s per run; fixed rate %,d/s; "
                        + "Java %s, %d cpus; logs in %s%n", options.threads(), options.connections(), options.seconds(),
                options.rate(), Runtime.version(), Runtime.getRuntime().availableProcessors(), logs);
        List<ServerRuns> runs = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            TopicAdmin.createTopics(broker.bootstrapServers(), 1, (short) 1);
            List<String> jvm = new ArrayList<>(List.of("-Xmx" + options.gatewayHeap()));
            if (!options.jfr().isEmpty()) {
                jvm.add("-XX:StartFlightRecording=filename=" + Path.of(options.jfr()).toAbsolutePath() + ",settings=profile");
            }
            long startUp = System.nanoTime();
            try (GatewayProcess gateway = GatewayProcess.start("gateway", broker.bootstrapServers(),
                    logs.resolve("gateway-state"), logs, jvm, START_TIMEOUT)) {
                out.printf("gateway %s (pid %d) up in %.1f s%n", gateway.url(), gateway.pid(),
                        (System.nanoTime() - startUp) / 1e9);
                Map<String, LongSupplier> cpu = new LinkedHashMap<>();
                cpu.put("gateway JVM", gateway::cpuMillis);
                cpu.put("broker JVM", ProcessCpu::self);
                runs.add(measure("korch", wrk, "korch-create-pods.lua", gateway.url(), options, runId, out, cpu));
            }
        }
        if (options.etcd()) {
            try (EtcdServer etcd = EtcdServer.start(logs)) {
                runs.add(measure("etcd", wrk, "etcd-put.lua", etcd.url(), options, runId, out,
                        Map.of("etcd", etcd::cpuMillis)));
            }
        }
        printReport(out, options, runs);
        return runs;
    }

    private static ServerRuns measure(String server, Wrk wrk, String script, String url, Options options, String runId,
                                      PrintStream out, Map<String, LongSupplier> cpu) {
        Duration each = Duration.ofSeconds(options.seconds());
        long[] total = new long[1];
        Wrk.Result fresh = timed(String.format("%-5s fresh:     ", server), cpu, total, out,
                () -> wrk.run(server + "-fresh", script, url, options.threads(), options.connections(), each, runId + "a", 0));
        Wrk.Result warm = timed(String.format("%-5s warm:      ", server), cpu, total, out,
                () -> wrk.run(server + "-warm", script, url, options.threads(), options.connections(), each, runId + "b", 0));
        Wrk.Result fixed = null;
        if (options.rate() > 0) {
            int perThread = Math.max(1, options.rate() / options.threads());
            fixed = timed(String.format("%-5s at %,d/s:", server, perThread * options.threads()), cpu, total, out,
                    () -> wrk.run(server + "-rate", script, url, options.threads(), options.connections(), each,
                            runId + "c", perThread));
        }
        return new ServerRuns(server, fresh, warm, fixed, total[0]);
    }

    /**
     * Runs {@code run}, prints its result after {@code label} and the CPU each process used per
     * request meanwhile, and adds that CPU to {@code total[0]}.
     */
    private static Wrk.Result timed(String label, Map<String, LongSupplier> cpu, long[] total, PrintStream out,
                                    Supplier<Wrk.Result> run) {
        Map<String, Long> before = new LinkedHashMap<>();
        cpu.forEach((name, millis) -> before.put(name, millis.getAsLong()));
        Wrk.Result result = run.get();
        out.printf("%s %s%n", label, line(result));
        StringBuilder line = new StringBuilder("      cpu per request:");
        cpu.forEach((name, millis) -> {
            long used = millis.getAsLong() - before.get(name);
            total[0] += used;
            line.append(String.format(" %s %.3f ms (%.2f cpus);", name, used / (double) Math.max(1, result.requests()),
                    used / (result.durationMicros() / 1e3)));
        });
        out.println(line);
        return result;
    }

    private static String line(Wrk.Result r) {
        return String.format("%,8.0f req/s  p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (%,d requests, %d errors)",
                r.perSecond(), r.p50() / 1e3, r.p90() / 1e3, r.p99() / 1e3, r.max() / 1e3, r.requests(), r.errors());
    }

    private static void printReport(PrintStream out, Options options, List<ServerRuns> runs) {
        out.println();
        StringBuilder header = new StringBuilder("| |");
        StringBuilder rule = new StringBuilder("|---|");
        for (ServerRuns run : runs) {
            header.append(' ').append(run.server().equals("korch") ? "korch gateway (creates)" : "etcd 3.4 (puts)").append(" |");
            rule.append("---|");
        }
        if (runs.size() == 2) {
            header.append(" korch / etcd |");
            rule.append("---|");
        }
        out.println(header);
        out.println(rule);
        row(out, runs, "requests/s, fresh (first " + options.seconds() + " s)", r -> r.fresh().perSecond(), "%,.0f");
        row(out, runs, "requests/s, warm (next " + options.seconds() + " s)", r -> r.warm().perSecond(), "%,.0f");
        row(out, runs, "warm p50 latency, ms", r -> r.warm().p50() / 1e3, "%.2f");
        row(out, runs, "warm p90 latency, ms", r -> r.warm().p90() / 1e3, "%.2f");
        row(out, runs, "warm p99 latency, ms", r -> r.warm().p99() / 1e3, "%.2f");
        row(out, runs, "warm max latency, ms", r -> r.warm().max() / 1e3, "%.2f");
        if (options.rate() > 0) {
            row(out, runs, "fixed rate: achieved requests/s", r -> r.fixedRate().perSecond(), "%,.0f");
            row(out, runs, "fixed rate: p50 latency, ms", r -> r.fixedRate().p50() / 1e3, "%.2f");
            row(out, runs, "fixed rate: p99 latency, ms", r -> r.fixedRate().p99() / 1e3, "%.2f");
            row(out, runs, "fixed rate: max latency, ms", r -> r.fixedRate().max() / 1e3, "%.2f");
        }
        row(out, runs, "server CPU per request, ms", r -> r.cpuMillis() / (double) Math.max(1, r.requests()), "%.3f");
        StringBuilder errors = new StringBuilder("| errors (all runs) |");
        for (ServerRuns run : runs) {
            errors.append(' ').append(run.fresh().errors() + run.warm().errors()
                    + (run.fixedRate() == null ? 0 : run.fixedRate().errors())).append(" |");
        }
        out.println(runs.size() == 2 ? errors + " |" : errors.toString());
        out.println();
        out.println("korch: a create is answered once the change log applied it and the gateway's view holds it; "
                + "Kafka writes acks=all, one broker, no fsync per write (Kafka's default). etcd: one member, "
                + "each put fsync'ed to its WAL before the answer (etcd's default). Server CPU: korch = gateway JVM "
                + "+ broker JVM, etcd = its process; wrk's own CPU not counted.");
    }

    private static void row(PrintStream out, List<ServerRuns> runs, String label,
                            ToDoubleFunction<ServerRuns> value, String format) {
        StringBuilder line = new StringBuilder("| " + label + " |");
        for (ServerRuns run : runs) {
            line.append(' ').append(String.format(format, value.applyAsDouble(run))).append(" |");
        }
        if (runs.size() == 2) {
            double etcd = value.applyAsDouble(runs.get(1));
            line.append(' ').append(etcd == 0 ? "—" : String.format("%.2f×", value.applyAsDouble(runs.get(0)) / etcd)).append(" |");
        }
        out.println(line);
    }

    /** Six lower-case letters and digits, starting with a letter: a valid start of an object name. */
    static String runId() {
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder("r");
        for (int i = 0; i < 5; i++) {
            id.append(chars.charAt(ThreadLocalRandom.current().nextInt(chars.length())));
        }
        return id.toString();
    }

    static Path temporaryDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }
}

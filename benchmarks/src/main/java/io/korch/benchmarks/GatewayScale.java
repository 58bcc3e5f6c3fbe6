package io.korch.benchmarks;

import io.korch.api.Pod;
import io.korch.api.WriteRequest;
import io.korch.gateway.history.ChangeLogReader;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.testkit.Pods;
import io.korch.topics.Keys;
import io.korch.topics.KorchPartitioner;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A gateway's memory with many objects, and the time to replay a long change log to a new watcher.
 *
 * <p>It starts a broker in this JVM and the gateway as a child JVM ({@link GatewayProcess}), then
 * asks the change log for {@code --pods} pods: write requests on {@code korch.write-requests}, as a
 * gateway sends them after admission, from a plain idempotent producer (acks=all), which the change
 * log applies, records and answers like any other. Once the gateway serves the last of them it takes
 * the gateway's heap after a full GC ({@code jcmd GC.run}, {@code GC.heap_info}), against the same
 * figure before the pods.
 *
 * <p>Then it sends {@code --changes} write requests replacing those pods (a new label each, cycling
 * over the pods; the last one labelled {@code bench=done}) and times until the gateway serves the
 * last: the change log's rate. (Requests, not agents' status reports: the status topics are
 * compacted, and reports published faster than the change log reads them are partly compacted away
 * before it records them, so a million reports do not make a million changes.) It stops
 * that gateway and starts a fresh one (a new JVM; {@code korch gateway} keeps its change-log state
 * under a directory named by its port, so a new one too: its member restores the stores from their
 * changelogs, its view reads the snapshot), and opens a watch on the pods from the
 * resourceVersion of the last pod created, before the replacements: far beyond the gateway's
 * in-memory window, so it is replayed from the change log. It times the first event and the
 * {@code --changes}-th (every replacement is a MODIFIED event of its pod), and counts, with a reader of
 * its own, how many changes {@code korch.changes} holds after that resourceVersion. Every wait is
 * bounded by {@code --timeout-seconds}; loopback only.
 *
 * <p>Usage: {@code GatewayScale [--pods 100000] [--changes 1000000] [--gateway-heap 4g] [--timeout-seconds 600]}
 */
public final class GatewayScale {

    private static final String PODS = "/api/v1/namespaces/default/pods";
    private static final Pattern RESOURCE_VERSION = Pattern.compile("\"resourceVersion\"\\s*:\\s*\"(\\d+)\"");
    private static final Pattern EVENT_TYPE = Pattern.compile("^\\{\"type\":\"(\\w+)\"");
    /** The gateway id the load's requests name: no gateway waits for their answers. */
    private static final String LOAD_GATEWAY = "bench-load";
    private static final Instant OBSERVED = Instant.parse("2026-01-01T00:00:00Z");
    /** A replay that gives no event for this long is taken as over. */
    private static final Duration STALL = Duration.ofSeconds(30);

    record Options(int pods, int changes, String gatewayHeap, int timeoutSeconds) {
        static Options parse(String[] args) {
            Args parsed = Args.parse(args, Set.of("pods", "changes", "gateway-heap", "timeout-seconds"));
            return new Options(parsed.positiveInt("pods", 100_000), parsed.positiveInt("changes", 1_000_000),
                    parsed.string("gateway-heap", "4g"), parsed.positiveInt("timeout-seconds", 600));
        }
    }

    /**
     * The figures.
     *
     * @param heapEmpty        the gateway's heap after GC before the pods, bytes
     * @param heapWithPods     the same once it serves every pod
     * @param heapRestarted    the same in the fresh second gateway, after its start
     * @param podsNanos        first pod requested → gateway serves the last
     * @param changesNanos     first replacement requested → gateway serves the last
     * @param restartNanos     start of the new gateway → it serves
     * @param firstEventNanos  watch sent → first event
     * @param replayNanos      watch sent → the {@code changes}-th event
     * @param events           MODIFIED events received
     */
    record Report(long heapEmpty, long heapWithPods, long heapRestarted, long podsNanos, long changesNanos,
                  long restartNanos, long firstEventNanos, long replayNanos, long events) {
    }

    private GatewayScale() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("GatewayScale: " + e.getMessage());
            System.exit(2);
            return;
        }
        Report report = run(options, System.out);
        System.exit(report.events() >= options.changes() ? 0 : 1);
    }

    static Report run(Options options, PrintStream out) {
        Path logs = ApiThroughput.temporaryDir("korch-gateway-scale-");
        out.printf("korch gateway scale: %,d pods, %,d replacements, gateway -Xmx%s; Java %s, %d cpus; logs in %s%n",
                options.pods(), options.changes(), options.gatewayHeap(), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), logs);
        long deadline = System.nanoTime() + Duration.ofSeconds(options.timeoutSeconds()).toNanos();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // the watch package logs at INFO when it cuts a watch off: worth seeing in the gateway's log here
        List<String> jvm = List.of("-Xmx" + options.gatewayHeap(), "-Dorg.slf4j.simpleLogger.log.io.korch.gateway.watch=info");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             Producer<byte[], byte[]> producer = producer(broker.bootstrapServers())) {
            TopicAdmin.createTopics(broker.bootstrapServers(), 1, (short) 1);
            Path state = logs.resolve("gateway-state");
            long heapEmpty;
            long heapWithPods;
            long podsNanos;
            long changesNanos;
            String lastName = name(options.pods() - 1);
            long fromRevision;
            long lastChangeRevision;
            try (GatewayProcess gateway = GatewayProcess.start("gateway-1", broker.bootstrapServers(), state, logs, jvm,
                    ApiThroughput.START_TIMEOUT)) {
                heapEmpty = gateway.heapUsedAfterGc();
                out.printf("gateway %s up; heap after GC with no pods: %.1f MiB%n", gateway.url(), heapEmpty / 1048576.0);
                long start = System.nanoTime();
                for (int i = 0; i < options.pods(); i++) {
                    request(producer, pod(i, "0"), i);
                }
                producer.flush();
                String last = awaitServed(http, gateway.url(), lastName, body -> true, deadline);
                podsNanos = System.nanoTime() - start;
                fromRevision = Long.parseLong(match(RESOURCE_VERSION, last));
                out.printf("pods:      %,d requested and served in %.1f s (%,.0f/s through the change log); "
                        + "resourceVersion of the last: %d%n", options.pods(), podsNanos / 1e9,
                        options.pods() / (podsNanos / 1e9), fromRevision);
                heapWithPods = gateway.heapUsedAfterGc();
                out.printf("memory:    gateway heap after GC %.1f MiB with %,d pods (%.1f MiB without): %,.0f bytes per pod%n",
                        heapWithPods / 1048576.0, options.pods(), heapEmpty / 1048576.0,
                        (heapWithPods - heapEmpty) / (double) options.pods());
                out.print(gateway.classHistogram(18));

                start = System.nanoTime();
                for (int i = 0; i < options.changes(); i++) {
                    boolean lastChange = i == options.changes() - 1;
                    int which = lastChange ? options.pods() - 1 : i % options.pods();
                    request(producer, pod(which, lastChange ? "done" : Integer.toString(i + 1)), options.pods() + i);
                }
                producer.flush();
                long published = System.nanoTime() - start;
                lastChangeRevision = Long.parseLong(match(RESOURCE_VERSION,
                        awaitServed(http, gateway.url(), lastName, body -> body.contains("\"done\""), deadline)));
                changesNanos = System.nanoTime() - start;
                out.printf("changes:   %,d replacements requested in %.1f s, all served after %.1f s (%,.0f changes/s "
                        + "through the change log and the view)%n", options.changes(), published / 1e9,
                        changesNanos / 1e9, options.changes() / (changesNanos / 1e9));
            }
            long restartStart = System.nanoTime();
            try (GatewayProcess gateway = GatewayProcess.start("gateway-2", broker.bootstrapServers(), state, logs, jvm,
                    ApiThroughput.START_TIMEOUT)) {
                long restartNanos = System.nanoTime() - restartStart;
                long heapRestarted = gateway.heapUsedAfterGc();
                out.printf("restart:   a fresh gateway (new JVM, new change-log state) served after %.1f s; heap after GC %.1f MiB%n",
                        restartNanos / 1e9, heapRestarted / 1048576.0);
                long[] replay = replay(http, gateway.url(), fromRevision, options.changes(), deadline, out);
                if (replay[2] < options.changes()) {
                    out.printf("replay:    the gateway's position (an empty list's resourceVersion) is %s; the last "
                            + "replacement is at %d%n", position(http, gateway.url()), lastChangeRevision);
                }
                long recorded = changesAfter(broker.bootstrapServers(), fromRevision);
                out.printf("check:     korch.changes holds %,d changes after resourceVersion %d%n", recorded, fromRevision);
                long firstEvent = replay[0];
                long replayNanos = replay[1];
                long events = replay[2];
                out.printf("replay:    watch from resourceVersion %d: first event after %.2f s, %,d of %,d events after "
                        + "%.1f s: %,.0f events/s%n", fromRevision, firstEvent / 1e9, events, options.changes(),
                        replayNanos / 1e9, events / (replayNanos / 1e9));
                return new Report(heapEmpty, heapWithPods, heapRestarted, podsNanos, changesNanos, restartNanos,
                        firstEvent, replayNanos, events);
            }
        }
    }

    /**
     * Reads the watch until {@code expected} MODIFIED events came, or none came for {@link #STALL}, or
     * the deadline passed; {first event, last event, events}, times in nanoseconds from the request.
     */
    private static long[] replay(HttpClient http, String url, long fromRevision, int expected, long deadline,
                                 PrintStream out) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + PODS + "?watch=true&resourceVersion=" + fromRevision))
                .GET().build();
        long start = System.nanoTime();
        long first = -1;
        long last = -1;
        AtomicLong events = new AtomicLong();
        AtomicLong lastEventAt = new AtomicLong(start);
        String lastLine = null;
        String firstLine = null;
        Map<String, Long> types = new java.util.TreeMap<>();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the watch got " + response.statusCode());
            }
            InputStream body = response.body();
            Thread watchdog = new Thread(() -> {
                try {
                    while (events.get() < expected) {
                        Thread.sleep(1000); // a benchmark's watchdog over a blocking read
                        long now = System.nanoTime();
                        if (now - lastEventAt.get() > STALL.toNanos() || now > deadline) {
                            out.printf("replay:    no event for %d s (or the deadline passed) after %,d events: stopping%n",
                                    STALL.toSeconds(), events.get());
                            body.close();
                            return;
                        }
                    }
                } catch (InterruptedException | IOException e) {
                    Thread.currentThread().interrupt();
                }
            }, "replay-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher type = EVENT_TYPE.matcher(line);
                    types.merge(type.find() ? type.group(1) : "(no type)", 1L, Long::sum);
                    if (line.contains("\"type\":\"MODIFIED\"")) {
                        long n = events.incrementAndGet();
                        lastLine = line;
                        last = System.nanoTime();
                        lastEventAt.set(last);
                        if (first < 0) {
                            first = last - start;
                            firstLine = line;
                        }
                        if (n % 200_000 == 0) {
                            out.printf("replay:    %,d events after %.1f s%n", n, (last - start) / 1e9);
                        }
                        if (n >= expected) {
                            break;
                        }
                    }
                }
            } catch (IOException e) {
                if (events.get() < expected && System.nanoTime() - lastEventAt.get() <= STALL.toNanos()) {
                    throw e;
                }
            }
            watchdog.interrupt();
            if (events.get() < expected && lastLine != null) {
                out.printf("replay:    the first event received is at resourceVersion %s, the last at %s; lines by event "
                        + "type: %s%n", match(RESOURCE_VERSION, firstLine), match(RESOURCE_VERSION, lastLine), types);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the watch broke after " + events.get() + " events: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while watching", e);
        }
        return new long[] {first, last - start, events.get()};
    }

    /** Polls GET pod {@code name} until it exists and {@code ready} holds for its body; returns the body. */
    private static String awaitServed(HttpClient http, String url, String name, java.util.function.Predicate<String> ready,
                                      long deadline) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + PODS + "/" + name)).GET().build();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && ready.test(answer.body())) {
                    return answer.body();
                }
                Thread.sleep(100); // a benchmark's bounded wait
            } catch (IOException e) {
                throw new IllegalStateException("cannot read pod " + name + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for pod " + name, e);
            }
        }
        throw new IllegalStateException("pod " + name + " was not served as expected before the deadline");
    }

    /** How many changes the change log holds after {@code revision}, read with a reader of the gateway's own kind. */
    private static long changesAfter(String bootstrap, long revision) {
        try (ChangeLogReader reader = ChangeLogReader.open(bootstrap)) {
            long[] count = {0};
            reader.read(revision, Long.MAX_VALUE, change -> {
                count[0]++;
                return true;
            });
            return count[0];
        }
    }

    /** The resourceVersion of a list that selects nothing: the gateway's view position. */
    private static String position(HttpClient http, String url) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + PODS + "?labelSelector=app%3Dnone"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return match(RESOURCE_VERSION, answer.body());
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + text);
        }
        return matcher.group(1);
    }

    static String name(int i) {
        return String.format("scale-%07d", i);
    }

    /** Pod {@code i} at generation {@code generation} (a label), with a container that requests resources. */
    static Pod pod(int i, String generation) {
        return Pods.pod(name(i)).label("app", "scale-" + (i % 1000)).label("bench", generation)
                .created(OBSERVED).cpu("100m").memory("64Mi").build();
    }

    /** Asks the change log to write {@code pod} to {@code korch.pods}, unconditionally, as request number {@code n}. */
    private static void request(Producer<byte[], byte[]> producer, Pod pod, long n) {
        String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        WriteRequest request = WriteRequest.newBuilder()
                .setRequestId("bench-" + n)
                .setGateway(LOAD_GATEWAY)
                .setTopic(Topics.PODS.name())
                .setKey(key)
                .setValue(ByteBuffer.wrap(Topics.PODS.valueSerde().serializer().serialize(Topics.PODS.name(), pod)))
                .setPreconditions(List.of())
                .setActor("bench/GatewayScale")
                .setRequestedAt(Instant.now())
                .build();
        send(producer, Topics.WRITE_REQUESTS.name(), Keys.changed(Topics.PODS.name(), key),
                Topics.WRITE_REQUESTS.valueSerde().serializer().serialize(Topics.WRITE_REQUESTS.name(), request));
    }

    private static void send(Producer<byte[], byte[]> producer, String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value), (metadata, error) -> {
            if (error != null) {
                throw new IllegalStateException("publishing to " + topic + " failed", error);
            }
        });
    }

    /** A plain idempotent producer, acks=all, batching for throughput (this is the load, not the measured path). */
    private static Producer<byte[], byte[]> producer(String bootstrap) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(KorchPartitioner.use(props));
    }
}

package io.korch.benchmarks;

import io.korch.agent.network.DockerNetwork;
import io.korch.agent.proxy.NodeProxy;
import io.korch.agent.proxy.ProxyMode;
import io.korch.agent.proxy.ServiceCidrRoute;
import io.korch.agent.proxy.iptables.IptablesProxier;
import io.korch.agent.services.ServiceCatalog;
import io.korch.api.EndpointSlice;
import io.korch.model.ClusterNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Requests per second and connect latency through the node proxy, against the same pod reached directly.
 *
 * <p>Starts busybox httpd pods on the pod network ({@code korch-pods}, made as the agent makes it when it is not
 * there, and removed again then: internal, 10.244.0.0/16), each at a fixed address of 10.244.250.0/24 serving a
 * 3-byte page, and, in this process, a node proxy with the Service network routed locally, fed two Services: a
 * ClusterIP one ({@code 10.96.250.1:80}) and a NodePort one ({@code 127.0.0.1:NODEPORT}), each with {@code --pods}
 * endpoints of its own. Then, per round, wrk ({@code --threads}, {@code --connections}, {@code --seconds}) runs
 * against one more pod directly, against the ClusterIP and against the NodePort, one after the other, each round
 * starting with the next path of the three (busybox httpd closes every connection after its answer, so every
 * request is a new connection). Then {@code --samples} sequential connections per path are timed: the TCP connect
 * alone, and the whole exchange of a new connection (connect, GET, the full answer). With several pods the proxied
 * paths spread over them while the direct path uses one, so compare with {@code --pods 1} (the default).
 * {@code --mode iptables} has the kernel carry the Services ({@link IptablesProxier}: NAT rules written with
 * {@code iptables-restore}, removed at the end) instead of the user-space proxy ({@code --mode userspace}, the
 * default here); the proxy's cpu is then the kernel's, in the clients' and servers' system time, and reported as 0.
 *
 * <p>Every path has pods of its own because the server closes first, so each connection leaves a TIME_WAIT socket
 * in the pod for 60 s. The host reaches a pod from its bridge address whatever the path, but with a TCP timestamp
 * clock (and initial sequence numbers) of each destination address it dialled: a SYN through the ClusterIP meeting
 * the TIME_WAIT of a direct connection from the same address and port fails PAWS and waits out a one-second
 * retransmission. Measured with one pod shared by the three paths, that cross-path effect (4,700
 * {@code TcpExtPAWSTimewait} drops in the pod in three rounds of 5 s) and not the kernel's NAT set the proxied paths' rate.
 * On the client's side, the host's own TIME_WAIT sockets would soon make every connect search the port range,
 * so the run allows their reuse ({@link TimeWaitReuse}).
 *
 * <p>{@code java ... io.korch.benchmarks.ProxyThroughput [--seconds 10] [--connections 16] [--threads 2]
 * [--rounds 3] [--samples 2000] [--pods 1] [--mode userspace|iptables] [--scripts benchmarks/scripts]}; needs root, Docker and the image
 * {@code korch/busybox:latest}, and wrk.
 */
public final class ProxyThroughput {

    static final String NETWORK = "korch-pods";
    private static final String CLUSTER_IP = "10.96.250.1";
    private static final String NODE_PORT_CLUSTER_IP = "10.96.250.2";
    private static final String POD_PREFIX = "10.244.250.";
    private static final String IMAGE = "korch/busybox:latest";
    private static final String CONTAINER = "korch-bench-httpd-";

    record Options(int seconds, int connections, int threads, int rounds, int samples, int pods, Path scripts,
                   ProxyMode mode) {
    }

    /** What one path measured: a wrk result per round, and the latencies of sequential new connections. */
    record PathResult(String path, List<Wrk.Result> rounds, long[] connectMicros, long[] exchangeMicros,
                      double proxyCpuMicrosPerRequest) {

        double medianPerSecond() {
            return Stats.median(rounds.stream().mapToDouble(Wrk.Result::perSecond).toArray());
        }

        long errors() {
            return rounds.stream().mapToLong(Wrk.Result::errors).sum();
        }
    }

    private ProxyThroughput() {
    }

    public static void main(String[] args) {
        Args parsed = Args.parse(args, Set.of("seconds", "connections", "threads", "rounds", "samples", "pods",
                "scripts", "mode"));
        Options options = new Options(parsed.positiveInt("seconds", 10), parsed.positiveInt("connections", 16),
                parsed.positiveInt("threads", 2), parsed.positiveInt("rounds", 3), parsed.positiveInt("samples", 2000),
                parsed.positiveInt("pods", 1), Path.of(parsed.string("scripts", "benchmarks/scripts")),
                ProxyMode.parse(parsed.string("mode", "userspace")));
        List<PathResult> results = run(options, System.out);
        System.exit(results.stream().allMatch(r -> r.errors() == 0) ? 0 : 1);
    }

    /** Why the benchmark cannot run here, or empty. */
    static String missing(Path scripts) {
        String wrk = Wrk.missing(scripts);
        if (!wrk.isEmpty()) {
            return wrk;
        }
        if (!Executables.onPath("docker") || docker(List.of("image", "inspect", IMAGE)).exitCode() != 0) {
            return "Docker with the image " + IMAGE + " is needed (images/busybox/build.sh)";
        }
        return "";
    }

    static List<PathResult> run(Options options, PrintStream out) {
        Path logs = ApiThroughput.temporaryDir("korch-proxy-throughput-");
        out.printf("korch node proxy throughput, %s mode: %d pod(s) per Service and one reached directly, wrk -t%d -c%d -d%ds x %d rounds, %d sequential "
                        + "connections per path; Java %s, %d cpus; logs in %s%n", options.mode(), options.pods(),
                options.threads(),
                options.connections(), options.seconds(), options.rounds(), options.samples(), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), logs);
        ServiceCidrRoute route = new ServiceCidrRoute(ClusterNetwork.SERVICE_CIDR);
        boolean routedBefore = route.present();
        boolean networkCreated = ensureNetwork();
        List<String> pods = new ArrayList<>();
        ServiceCatalog catalog = new ServiceCatalog();
        NodeProxy proxy = new NodeProxy(catalog, "127.0.0.1", Runtime.getRuntime().availableProcessors(),
                "bench-proxy");
        IptablesProxier kernel = options.mode() == ProxyMode.IPTABLES ? new IptablesProxier(catalog, "bench",
                "127.0.0.1", ClusterNetwork.CLUSTER_CIDR, ClusterNetwork.CLUSTER_DNS, DockerNetwork.BRIDGE) : null;
        try {
            route.ensure();
            // one pod for the direct path, then --pods for each Service: no pod serves two paths
            for (int i = 0; i < 1 + 2 * options.pods(); i++) {
                pods.add(startPod(i));
            }
            for (String pod : pods) {
                awaitAnswer(pod, 80, Duration.ofSeconds(30));
            }
            List<String> clusterIPPods = pods.subList(1, 1 + options.pods());
            List<String> nodePortPods = pods.subList(1 + options.pods(), pods.size());
            int nodePort = freePort();
            catalog.addListener(kernel == null ? proxy : kernel);
            catalog.apply(Map.of("bench/web", ServiceRecords.service("bench", "web", CLUSTER_IP, 80, null),
                            "bench/web-np", ServiceRecords.service("bench", "web-np", NODE_PORT_CLUSTER_IP, 80, nodePort)),
                    Map.of("bench/web-1", allReady("web", clusterIPPods), "bench/web-np-1", allReady("web-np", nodePortPods)));
            if (kernel != null) {
                kernel.start();
            }
            Map<String, InetSocketAddress> paths = new LinkedHashMap<>();
            paths.put("direct to the pod", new InetSocketAddress(pods.get(0), 80));
            paths.put("ClusterIP", new InetSocketAddress(CLUSTER_IP, 80));
            paths.put("NodePort", new InetSocketAddress("127.0.0.1", nodePort));
            for (InetSocketAddress address : paths.values()) {
                awaitAnswer(address.getHostString(), address.getPort(), Duration.ofSeconds(10));
            }
            try (TimeWaitReuse reuse = TimeWaitReuse.enable()) {
                out.printf("net.ipv4.tcp_tw_reuse set to 1 for the run (was %s)%n", reuse.previous());
                return measure(options, paths, new Wrk(options.scripts(), logs), out);
            }
        } finally {
            if (kernel != null) {
                kernel.close();
            }
            proxy.close();
            for (int i = 0; i < pods.size(); i++) {
                docker(List.of("rm", "-f", CONTAINER + i));
            }
            if (networkCreated) {
                docker(List.of("network", "rm", NETWORK));
            }
            if (!routedBefore) {
                route.close();
            }
        }
    }

    private static EndpointSlice allReady(String service, List<String> pods) {
        return ServiceRecords.slice("bench", service, 80, pods, pods.stream().map(pod -> true).toList());
    }

    private static List<PathResult> measure(Options options, Map<String, InetSocketAddress> paths, Wrk wrk,
                                            PrintStream out) {
        Map<String, List<Wrk.Result>> rounds = new LinkedHashMap<>();
        Map<String, long[]> cpu = new LinkedHashMap<>();
        paths.keySet().forEach(path -> {
            rounds.put(path, new ArrayList<>());
            cpu.put(path, new long[2]);
        });
        for (Map.Entry<String, InetSocketAddress> path : paths.entrySet()) {
            wrk.run("warmup-" + label(path.getKey()), "http-get.lua", url(path.getValue()), options.threads(),
                    options.connections(), Duration.ofSeconds(2), "w", 0);
        }
        for (int round = 1; round <= options.rounds(); round++) {
            // each round starts with the next path, so that no path is always measured after the others
            List<Map.Entry<String, InetSocketAddress>> order = new ArrayList<>(paths.entrySet());
            Collections.rotate(order, -(round - 1));
            for (Map.Entry<String, InetSocketAddress> path : order) {
                long cpuBefore = proxyCpuNanos();
                Wrk.Result result = wrk.run(label(path.getKey()) + "-" + round, "http-get.lua", url(path.getValue()),
                        options.threads(), options.connections(), Duration.ofSeconds(options.seconds()), "r" + round, 0);
                rounds.get(path.getKey()).add(result);
                cpu.get(path.getKey())[0] += proxyCpuNanos() - cpuBefore;
                cpu.get(path.getKey())[1] += result.requests();
                out.printf("round %d, %s: %.0f requests/s, p99 %.2f ms, %d errors%n", round, path.getKey(),
                        result.perSecond(), result.p99() / 1000.0, result.errors());
            }
        }
        List<PathResult> results = new ArrayList<>();
        for (Map.Entry<String, InetSocketAddress> path : paths.entrySet()) {
            long[][] latencies = sequential(path.getValue(), options.samples());
            long[] used = cpu.get(path.getKey());
            results.add(new PathResult(path.getKey(), rounds.get(path.getKey()), latencies[0], latencies[1],
                    used[0] / 1000.0 / Math.max(1, used[1])));
        }
        print(results, out);
        return results;
    }

    private static void print(List<PathResult> results, PrintStream out) {
        PathResult direct = results.get(0);
        long directConnect = Stats.percentile(results.get(0).connectMicros(), 99);
        long directExchange = Stats.percentile(results.get(0).exchangeMicros(), 99);
        out.println();
        out.println("| path | requests/s (median of rounds) | vs direct (median of the rounds' ratios) | wrk p99 | connect p50 / p99 "
                + "| new connection's exchange p50 / p99 | proxy cpu per request | errors |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (PathResult result : results) {
            long wrkP99 = Stats.median(result.rounds().stream().mapToDouble(Wrk.Result::p99).toArray()) > 0
                    ? (long) Stats.median(result.rounds().stream().mapToDouble(Wrk.Result::p99).toArray()) : 0;
            out.printf("| %s | %.0f | %.2f | %.2f ms | %.3f / %.3f ms | %.3f / %.3f ms | %.0f µs | %d |%n",
                    result.path(),
                    result.medianPerSecond(), ratioToDirect(result, direct), wrkP99 / 1000.0,
                    Stats.percentile(result.connectMicros(), 50) / 1000.0,
                    Stats.percentile(result.connectMicros(), 99) / 1000.0,
                    Stats.percentile(result.exchangeMicros(), 50) / 1000.0,
                    Stats.percentile(result.exchangeMicros(), 99) / 1000.0, result.proxyCpuMicrosPerRequest(),
                    result.errors());
        }
        out.printf("%nconnect p99 vs direct: %s; exchange p99 vs direct: %s%n",
                ratios(results, r -> Stats.percentile(r.connectMicros(), 99), directConnect),
                ratios(results, r -> Stats.percentile(r.exchangeMicros(), 99), directExchange));
    }

    /**
     * The median over rounds of {@code result}'s requests/s divided by the direct path's in the same round: a
     * round's paths run one after the other, so their ratio holds where the machine's speed drifts between rounds.
     */
    private static double ratioToDirect(PathResult result, PathResult direct) {
        double[] ratios = new double[result.rounds().size()];
        for (int round = 0; round < ratios.length; round++) {
            ratios[round] = result.rounds().get(round).perSecond() / direct.rounds().get(round).perSecond();
        }
        return Stats.median(ratios);
    }

    private static String ratios(List<PathResult> results, java.util.function.ToLongFunction<PathResult> value,
                                 long direct) {
        List<String> parts = new ArrayList<>();
        for (PathResult result : results.subList(1, results.size())) {
            parts.add(String.format("%s %.2fx", result.path(), value.applyAsLong(result) / (double) Math.max(1, direct)));
        }
        return String.join(", ", parts);
    }

    /** The cpu time the proxy's threads ({@code bench-proxy-N}) used so far. */
    private static long proxyCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("bench-proxy-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** {@code samples} sequential new connections: the connect times and the whole exchanges, sorted, in µs. */
    private static long[][] sequential(InetSocketAddress address, int samples) {
        long[] connect = new long[samples];
        long[] exchange = new long[samples];
        byte[] request = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < samples; i++) {
            try (Socket socket = new Socket()) {
                socket.setSoTimeout(10_000);
                long start = System.nanoTime();
                socket.connect(address, 10_000);
                long connected = System.nanoTime();
                socket.getOutputStream().write(request);
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[4096];
                while (in.read(buffer) >= 0) {
                    // the answer, up to the server's close
                }
                long done = System.nanoTime();
                connect[i] = (connected - start) / 1000;
                exchange[i] = (done - start) / 1000;
            } catch (IOException e) {
                throw new IllegalStateException("a connection to " + address + " failed: " + e.getMessage(), e);
            }
        }
        java.util.Arrays.sort(connect);
        java.util.Arrays.sort(exchange);
        return new long[][] {connect, exchange};
    }

    /** Creates the pod network as the agent does when it is missing; whether it was created. */
    private static boolean ensureNetwork() {
        if (docker(List.of("network", "inspect", NETWORK)).exitCode() == 0) {
            return false;
        }
        DockerCli.Result created = docker(List.of("network", "create", "--internal", "--subnet", ClusterNetwork.CLUSTER_CIDR,
                "--gateway", "10.244.0.1", "-o", "com.docker.network.bridge.name=korch0", NETWORK));
        if (created.exitCode() != 0) {
            throw new IllegalStateException("cannot create the Docker network " + NETWORK + ": " + created.output());
        }
        return true;
    }

    private static String startPod(int i) {
        String ip = POD_PREFIX + (10 + i);
        docker(List.of("rm", "-f", CONTAINER + i));
        DockerCli.Result started = docker(List.of("run", "-d", "--name", CONTAINER + i, "--network", NETWORK, "--ip", ip, IMAGE,
                "sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 80 -h /www"));
        if (started.exitCode() != 0) {
            throw new IllegalStateException("cannot start the httpd pod: " + started.output());
        }
        return ip;
    }

    private static void awaitAnswer(String ip, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(ip, port), 1000);
                socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                if (socket.getInputStream().readAllBytes().length > 0) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new IllegalStateException(ip + ":" + port + " did not answer within " + timeout.toSeconds() + " s"
                + (last == null ? "" : ": " + last.getMessage()));
    }

    private static String url(InetSocketAddress address) {
        return "http://" + address.getHostString() + ":" + address.getPort() + "/";
    }

    private static String label(String path) {
        return path.split(" ")[0].toLowerCase(java.util.Locale.ROOT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DockerCli.Result docker(List<String> args) {
        return DockerCli.run(args);
    }
}

package io.korch.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A single-member etcd (Debian's {@code etcd-server}, the store Kubernetes writes to) run as a child
 * process for comparison: listening on 127.0.0.1 only, client, peer and metrics ports free ones, its
 * data in a new directory under {@code /tmp} that {@link #close} deletes. Default settings otherwise:
 * every put is in the write-ahead log, fsync'ed, before etcd answers.
 */
final class EtcdServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path dir;
    private final String url;

    private EtcdServer(Process process, Path dir, String url) {
        this.process = process;
        this.dir = dir;
        this.url = url;
    }

    /** Whether etcd is installed; empty when it is, else what to do. */
    static String missing() {
        return Executables.onPath("etcd") ? "" : "etcd is not installed (apt-get install etcd-server)";
    }

    /** Starts etcd, its log in {@code logDir/etcd.log}, and waits until it answers {@code /version}. */
    static EtcdServer start(Path logDir) {
        int client = GatewayProcess.freePort();
        int peer = GatewayProcess.freePort();
        int metrics = GatewayProcess.freePort();
        String clientUrl = "http://127.0.0.1:" + client;
        String peerUrl = "http://127.0.0.1:" + peer;
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "korch-bench-etcd-");
            Files.createDirectories(logDir);
            Process process = new ProcessBuilder(List.of("etcd", "--name", "bench", "--data-dir", dir.resolve("data").toString(),
                    "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
                    "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
                    "--initial-cluster", "bench=" + peerUrl, "--listen-metrics-urls", "http://127.0.0.1:" + metrics))
                    .redirectErrorStream(true).redirectOutput(logDir.resolve("etcd.log").toFile()).start();
            EtcdServer server = new EtcdServer(process, dir, clientUrl);
            server.awaitAnswer();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start etcd", e);
        }
    }

    String url() {
        return url;
    }

    long cpuMillis() {
        return ProcessCpu.millis(process.pid());
    }

    private void awaitAnswer() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url + "/version"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while etcd starts", e);
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("etcd did not answer within " + START_TIMEOUT.toSeconds() + " s");
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while etcd starts", e);
            }
        }
    }

    /** Stops etcd and deletes its data. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete etcd's data in " + dir, e);
        }
    }
}

package io.korch.benchmarks;

import io.korch.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A korch API gateway ({@code korch gateway}) run as a child JVM with this JVM's class path, so
 * that what the benchmarks measure of it — CPU, heap, a JFR recording — is the gateway's alone and
 * not the broker's or the load generator's. Its output goes to {@code <logDir>/<name>.log}; it
 * listens on a free loopback port and does not create topics (the benchmark has).
 */
final class GatewayProcess implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("korch API: (http://\\S+)");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Process process;
    private final Path log;
    private final String url;

    private GatewayProcess(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /**
     * Starts a gateway on {@code bootstrapServers} whose change log keeps its state under
     * {@code stateDir} ({@code korch gateway} uses {@code stateDir/gateway-PORT}, and the port is a new
     * free one each time, so each start has a state of its own), and waits until it serves.
     *
     * @param jvmOptions such as {@code -Xmx2g} or {@code -XX:StartFlightRecording=...}
     */
    static GatewayProcess start(String name, String bootstrapServers, Path stateDir, Path logDir,
                                List<String> jvmOptions, Duration timeout) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "gateway",
                "--kafka", bootstrapServers, "--no-create-topics", "--host", "127.0.0.1",
                "--port", Integer.toString(freePort()), "--data-dir", stateDir.toString()));
        Path log = logDir.resolve(name + ".log");
        Process process;
        try {
            Files.createDirectories(logDir);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the gateway: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Matcher matcher = URL.matcher(read(log));
                if (matcher.find()) {
                    return new GatewayProcess(process, log, matcher.group(1));
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String text = read(log);
                    process.destroyForcibly();
                    throw new IllegalStateException("the gateway " + (process.isAlive() ? "did not start within " + timeout
                            : "exited") + ": " + text.substring(Math.max(0, text.length() - 3000)));
                }
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the gateway starts", e);
        }
    }

    /** The base URL of its API, {@code http://127.0.0.1:PORT}. */
    String url() {
        return url;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time it used so far (user + system), in milliseconds. */
    long cpuMillis() {
        return ProcessCpu.millis(process.pid());
    }

    /**
     * Its heap in use right after a full collection ({@code jcmd PID GC.run}, then
     * {@code GC.heap_info}), in bytes.
     */
    long heapUsedAfterGc() {
        jcmd("GC.run");
        Matcher matcher = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!matcher.find()) {
            throw new IllegalStateException("jcmd GC.heap_info printed no heap use");
        }
        return Long.parseLong(matcher.group(1)) * 1024;
    }

    /** The first {@code lines} lines of its class histogram ({@code jcmd PID GC.class_histogram}), for where the heap goes. */
    String classHistogram(int lines) {
        return jcmd("GC.class_histogram").lines().limit(lines).reduce("", (a, b) -> a + b + "\n");
    }

    /** Runs {@code jcmd PID command} and returns what it printed. */
    String jcmd(String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process run = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), command)
                    .redirectErrorStream(true).start();
            String out = new String(run.getInputStream().readAllBytes());
            if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run jcmd " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd", e);
        }
    }

    /** Where its output goes. */
    Path log() {
        return log;
    }

    /** Stops it gracefully (SIGTERM: it closes the change log and its consumers), forcibly after 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }
}

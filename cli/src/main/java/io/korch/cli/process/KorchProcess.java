package io.korch.cli.process;

import io.korch.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code korch} command ({@code controllers}, {@code scheduler}, ...) run as a child JVM with this
 * JVM's classpath, its output kept in a log file: how tests and benchmarks run several instances of a
 * service as separate processes, and kill one as a machine failure would ({@link #kill}: SIGKILL, no
 * shutdown hook, no leaving the group).
 */
public final class KorchProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private KorchProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code korch <args>} in a JVM of at most {@code maxHeap} (such as {@code 384m}); its output
     * goes to {@code <logDir>/<name>.log}.
     *
     * @param jvmOptions further JVM options, such as {@code -XX:+UseSerialGC}
     */
    public static KorchProcess start(String name, Path logDir, String maxHeap, List<String> jvmOptions,
                                     String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path log = logDir.resolve(name + ".log");
        try {
            Files.createDirectories(logDir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new KorchProcess(name, process, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Whether its log says it runs (the line every service prints once started). */
    public boolean announcedRunning() {
        return logText().contains("running against");
    }

    /**
     * Waits until its log says it runs.
     *
     * @throws IllegalStateException with the end of its log when it exited or did not start in time
     */
    public void awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!announcedRunning()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String text = logText();
                throw new IllegalStateException(name + (process.isAlive() ? " did not start within " + timeout
                        : " exited with " + process.exitValue()) + ": " + text.substring(Math.max(0, text.length() - 2000)));
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + name + " starts", e);
            }
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Kills it at once, as a lost machine: SIGKILL, so it neither commits nor leaves its group. */
    public void kill() {
        process.destroyForcibly();
    }

    /**
     * The most memory the process held at once (its peak resident set, Linux' {@code VmHWM}), in
     * bytes; -1 where the system does not tell it, or once the process is gone.
     */
    public long peakResidentBytes() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Everything it printed so far. */
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** Stops it gracefully if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}

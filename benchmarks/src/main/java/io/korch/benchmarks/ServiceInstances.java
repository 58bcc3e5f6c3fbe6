package io.korch.benchmarks;

import io.korch.cli.process.KorchProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The instances of one service a benchmark runs, all in one consumer group: either in the
 * benchmark's JVM, or each as a {@code korch} process of its own ({@link KorchProcess}), whose peak
 * memory can then be read apart and which can be killed as a lost machine and started again on
 * its data directory. Closed together, in reverse order.
 */
final class ServiceInstances implements AutoCloseable {

    /** Where the instances run. */
    enum Mode {
        /** In the benchmark's JVM. */
        JVM,
        /** Each as a child JVM running {@code korch <service>}. */
        PROCESSES
    }

    private final List<AutoCloseable> inJvm = new ArrayList<>();
    private final List<KorchProcess> processes = new ArrayList<>();
    private final String service;
    private final Path dir;
    private final List<String> args;
    private int restarts;

    private ServiceInstances(String service, Path dir, List<String> args) {
        this.service = service;
        this.dir = dir;
        this.args = args;
    }

    /** Starts {@code count} instances in this JVM; {@code starter} gets 1, 2, ... */
    static ServiceInstances inJvm(int count, IntFunction<AutoCloseable> starter) {
        ServiceInstances instances = new ServiceInstances(null, null, List.of());
        try {
            for (int i = 1; i <= count; i++) {
                instances.inJvm.add(starter.apply(i));
            }
            return instances;
        } catch (RuntimeException e) {
            instances.close();
            throw e;
        }
    }

    /**
     * Starts {@code count} {@code korch} processes named {@code <service>-1}, ..., each with its own
     * data directory under {@code dir}, and waits until each says it runs.
     *
     * @param args the command's arguments, such as {@code controllers --kafka HOST:PORT}
     */
    static ServiceInstances processes(String service, int count, Path dir, Duration timeout, String... args) {
        ServiceInstances instances = new ServiceInstances(service, dir, List.of(args));
        try {
            for (int i = 0; i < count; i++) {
                instances.processes.add(instances.startProcess(i, dir.resolve("logs")));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (KorchProcess process : instances.processes) {
                process.awaitRunning(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
            return instances;
        } catch (RuntimeException e) {
            instances.close();
            throw e;
        }
    }

    /** How many instances run. */
    int count() {
        return inJvm.size() + processes.size();
    }

    private KorchProcess startProcess(int index, Path logDir) {
        List<String> command = new ArrayList<>(args);
        command.addAll(List.of("--data-dir", dataDir(index).toString()));
        return KorchProcess.start(name(index), logDir, "1g", List.of(), command.toArray(String[]::new));
    }

    private String name(int index) {
        return service + "-" + (index + 1);
    }

    /** The data directory of process {@code index} (from 0), which its state directories are under. */
    Path dataDir(int index) {
        return dir.resolve(name(index));
    }

    /** Kills process {@code index} (from 0) with SIGKILL, as a lost machine; returns its name. */
    String kill(int index) {
        KorchProcess process = processes.get(index);
        process.kill();
        return process.toString();
    }

    /**
     * Starts process {@code index} again on its data directory, so as the same static group members,
     * after it was killed, and waits until it says it runs; its log goes to {@code logs/restart-N}.
     */
    void restart(int index, Duration timeout) {
        if (processes.get(index).alive()) {
            throw new IllegalStateException(name(index) + " still runs");
        }
        restarts++;
        KorchProcess process = startProcess(index, dir.resolve("logs").resolve("restart-" + restarts));
        processes.set(index, process);
        process.awaitRunning(timeout);
    }

    /** Each process's peak resident memory, {@code name=MiB}; empty for instances in this JVM. */
    List<String> peakMemory() {
        return processes.stream()
                .map(process -> process + "=" + (process.peakResidentBytes() < 0 ? "gone"
                        : (process.peakResidentBytes() >> 20) + " MiB"))
                .toList();
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        for (int i = inJvm.size() - 1; i >= 0; i--) {
            try {
                inJvm.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping an instance failed: " + e.getMessage());
            }
        }
    }
}

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
 * memory can then be read apart and which can be killed as a lost machine. Closed together, in
 * reverse order.
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

    private ServiceInstances() {
    }

    /** Starts {@code count} instances in this JVM; {@code starter} gets 1, 2, ... */
    static ServiceInstances inJvm(int count, IntFunction<AutoCloseable> starter) {
        ServiceInstances instances = new ServiceInstances();
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
        ServiceInstances instances = new ServiceInstances();
        try {
            for (int i = 1; i <= count; i++) {
                String name = service + "-" + i;
                List<String> command = new ArrayList<>(List.of(args));
                command.addAll(List.of("--data-dir", dir.resolve(name).toString()));
                instances.processes.add(KorchProcess.start(name, dir.resolve("logs"), "1g", List.of(),
                        command.toArray(String[]::new)));
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

    /** Kills the first process with SIGKILL, as a lost machine; returns its name. */
    String killFirst() {
        KorchProcess first = processes.get(0);
        first.kill();
        return first.toString();
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

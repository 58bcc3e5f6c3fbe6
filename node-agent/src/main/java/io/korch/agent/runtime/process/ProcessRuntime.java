package io.korch.agent.runtime.process;

import io.korch.agent.runtime.ContainerLabels;
import io.korch.agent.runtime.ContainerRuntime;
import io.korch.agent.runtime.ContainerSpec;
import io.korch.agent.runtime.ExecResult;
import io.korch.agent.runtime.LogRequest;
import io.korch.agent.runtime.LogSink;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.agent.runtime.RuntimeContainer.State;
import io.korch.agent.runtime.StreamHandle;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A fallback runtime for machines without Docker: each container is a local process running the
 * container's command followed by its args. The image, port publishing, resource limits, mounts and security
 * settings are ignored (a process sees the node's own file system, so its pod's volumes stay in the agent's pod
 * directory rather than at their mount paths, and it runs as the agent's user); the process sees the agent's
 * environment plus the container's env, and its output goes to {@code <logDir>/<container name>.log}, which
 * {@link #logs} serves (without times); commands for probes and hooks run as local processes beside it, but
 * interactive exec is not offered.
 *
 * <p>Containers live in this object's memory only. Adoption after an agent restart is therefore
 * impossible: a new runtime sees no containers, and {@link #close()} stops every process it started
 * so that none is left behind unseen.
 */
public final class ProcessRuntime implements ContainerRuntime {

    private final Path logDir;
    private final Clock clock;
    private final Map<String, LocalContainer> containers = new ConcurrentHashMap<>();

    /** A runtime writing process output under {@code logDir}. */
    public ProcessRuntime(Path logDir) {
        this(logDir, Clock.systemUTC());
    }

    ProcessRuntime(Path logDir, Clock clock) {
        this.logDir = logDir;
        this.clock = clock;
    }

    /** A runtime writing process output under the system temporary directory. */
    public static ProcessRuntime inTempDir() {
        return new ProcessRuntime(Path.of(System.getProperty("java.io.tmpdir"), "korch-processes"));
    }

    /** Where a container's output goes. */
    public Path logFile(String containerName) {
        return logDir.resolve(containerName + ".log");
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public String version() {
        return "process://" + Runtime.version().feature();
    }

    @Override
    public List<RuntimeContainer> list(String nodeName) {
        List<RuntimeContainer> result = new ArrayList<>();
        for (LocalContainer container : containers.values()) {
            if (nodeName.equals(container.spec.labels().get(ContainerLabels.NODE))) {
                result.add(container.snapshot());
            }
        }
        return result;
    }

    @Override
    public Optional<RuntimeContainer> inspect(String id) {
        LocalContainer container = containers.get(id);
        return container == null ? Optional.empty() : Optional.of(container.snapshot());
    }

    /**
     * Records the container; nothing runs until {@link #start}.
     *
     * @throws IllegalArgumentException if the container has neither command nor args (an image default
     *                                  cannot be run as a local process) or its name is taken
     */
    @Override
    public String create(ContainerSpec spec) {
        if (spec.entrypoint().isEmpty() && spec.cmd().isEmpty()) {
            throw new IllegalArgumentException("the local-process runtime cannot run the default command of image "
                    + spec.image() + ": give the container a command");
        }
        for (LocalContainer existing : containers.values()) {
            if (existing.spec.name().equals(spec.name())) {
                throw new IllegalArgumentException("a container named " + spec.name() + " already exists");
            }
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        containers.put(id, new LocalContainer(id, spec, clock.instant()));
        return id;
    }

    @Override
    public void start(String id) {
        LocalContainer container = containers.get(id);
        if (container == null) {
            throw new IllegalArgumentException("no such container: " + id);
        }
        container.start();
    }

    /** Sends SIGTERM to the process and its descendants, and returns. */
    @Override
    public void sendStopSignal(String id) {
        LocalContainer container = containers.get(id);
        if (container != null) {
            container.signalStop();
        }
    }

    @Override
    public void kill(String id) {
        LocalContainer container = containers.get(id);
        if (container != null) {
            container.stop(Duration.ZERO);
        }
    }

    @Override
    public void remove(String id, Duration gracePeriod) {
        LocalContainer container = containers.get(id);
        if (container != null) {
            container.stop(gracePeriod);
            containers.remove(id);
        }
    }

    /**
     * Runs the command as a local process beside the container's, with the container's environment and
     * working directory; a process still running at the timeout is killed.
     */
    @Override
    public ExecResult execCapture(String id, List<String> command, Duration timeout) {
        LocalContainer container = containers.get(id);
        if (container == null) {
            throw new IllegalArgumentException("no such container: " + id);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(container.spec.env());
        if (container.spec.workingDir() != null && new File(container.spec.workingDir()).isDirectory()) {
            builder.directory(new File(container.spec.workingDir()));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new ExecResult(-1, output.getNow(""), true);
            }
            return new ExecResult(process.exitValue(), output.get(5, TimeUnit.SECONDS), false);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new ExecResult(-1, "", true);
        } catch (ExecutionException | TimeoutException e) {
            return new ExecResult(process.exitValue(), "", false);
        }
    }

    /** Local processes share the machine's loopback address. */
    @Override
    public Optional<String> address(String id) {
        return containers.containsKey(id) ? Optional.of("127.0.0.1") : Optional.empty();
    }

    /** The container's log file: the latest run from the offset it started at, the previous runs before it. */
    @Override
    public StreamHandle logs(String id, LogRequest request, LogSink sink) {
        LocalContainer container = containers.get(id);
        if (container == null) {
            throw new IllegalArgumentException("no such container: " + id);
        }
        return ProcessLogs.stream(logFile(container.spec.name()), container.runStartOffset(), request,
                container::running, sink);
    }

    /** Stops every process this runtime started: they could never be adopted by another agent. */
    @Override
    public void close() {
        for (String id : List.copyOf(containers.keySet())) {
            remove(id, Duration.ofSeconds(2));
        }
    }

    /** One local "container": its spec and the process of its latest run. */
    private final class LocalContainer {
        private final String id;
        private final ContainerSpec spec;
        private final Instant createdAt;
        private Process process;
        private Instant startedAt;
        private long runStartOffset;
        private Instant finishedAt;
        private Integer exitCode;
        private String error;

        LocalContainer(String id, ContainerSpec spec, Instant createdAt) {
            this.id = id;
            this.spec = spec;
            this.createdAt = createdAt;
        }

        synchronized void start() {
            if (process != null && process.isAlive()) {
                return;
            }
            List<String> command = new ArrayList<>(spec.entrypoint());
            command.addAll(spec.cmd());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(spec.env());
            if (spec.workingDir() != null) {
                File dir = new File(spec.workingDir());
                if (!dir.isDirectory()) {
                    error = "working directory " + spec.workingDir() + " does not exist on this machine";
                    throw new IllegalStateException(error);
                }
                builder.directory(dir);
            }
            try {
                Files.createDirectories(logDir);
                Path log = logFile(spec.name());
                runStartOffset = Files.exists(log) ? Files.size(log) : 0;
                builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(spec.name()).toFile()));
                Process started = builder.start();
                process = started;
                startedAt = clock.instant();
                finishedAt = null;
                exitCode = null;
                error = null;
                started.onExit().thenAccept(this::exited);
            } catch (IOException e) {
                error = "cannot start " + command + ": " + e.getMessage();
                throw new UncheckedIOException(error, e);
            }
        }

        synchronized long runStartOffset() {
            return runStartOffset;
        }

        synchronized boolean running() {
            return process != null && process.isAlive();
        }

        private synchronized void exited(Process ended) {
            if (ended == process) {
                exitCode = ended.exitValue();
                finishedAt = clock.instant();
            }
        }

        void signalStop() {
            Process running;
            synchronized (this) {
                running = process;
            }
            if (running != null && running.isAlive()) {
                List<ProcessHandle> descendants = running.descendants().toList();
                running.destroy();
                descendants.forEach(ProcessHandle::destroy);
            }
        }

        void stop(Duration gracePeriod) {
            Process running;
            synchronized (this) {
                running = process;
            }
            if (running == null || !running.isAlive()) {
                return;
            }
            List<ProcessHandle> descendants = running.descendants().toList();
            running.destroy();
            descendants.forEach(ProcessHandle::destroy);
            try {
                if (!running.waitFor(gracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
                    running.destroyForcibly();
                }
            } catch (InterruptedException e) {
                running.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }

        synchronized RuntimeContainer snapshot() {
            if (process != null && exitCode == null && !process.isAlive()) {
                exited(process);
            }
            State state;
            if (process == null) {
                state = State.CREATED;
            } else if (exitCode == null) {
                state = State.RUNNING;
            } else {
                state = State.EXITED;
            }
            return new RuntimeContainer(id, spec.name(), spec.image(), spec.labels(), state, exitCode,
                    createdAt, startedAt, finishedAt, false, error);
        }
    }
}

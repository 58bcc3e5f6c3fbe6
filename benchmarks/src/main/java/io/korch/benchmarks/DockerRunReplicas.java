package io.korch.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Replicas as plain {@code docker run -d --init} containers on Docker's default bridge network (so each gets a
 * network namespace, as a pod's sandbox does), {@code parallel} docker commands at a time: the engine's own
 * speed, with no orchestration. The update removes each container and runs it again from the second tag; the
 * scale to zero is a {@code docker rm -f} per replica. A step ends when its last command returned ({@code docker
 * run -d} returns once the container started).
 *
 * <p>With {@code pairs}, each replica is shaped as a korch pod is: a sleeping holder of the network namespace
 * on the default bridge, then the container in it ({@code --network container:HOLDER}); two starts per replica,
 * as korch makes, with the engine's own speed.
 */
final class DockerRunReplicas implements Replicas {

    static final String LABEL = "io.korch.bench.converge";
    private static final String PREFIX = "korch-bench-run-";

    private final int parallel;
    private final boolean pairs;
    private final RunningContainers containers;
    private int count;

    DockerRunReplicas(int parallel, boolean pairs, RunningContainers containers) {
        this.parallel = parallel;
        this.pairs = pairs;
        this.containers = containers;
    }

    @Override
    public String name() {
        return pairs ? "docker run, 2 per replica" : "docker run";
    }

    @Override
    public int startsPerReplica() {
        return pairs ? 2 : 1;
    }

    @Override
    public void setUp() {
        removeLeftovers();
    }

    @Override
    public void converge(int count, Duration timeout) {
        this.count = count;
        each(count, i -> run(i, Converge.IMAGE), timeout);
        require(count);
    }

    @Override
    public void update(int count, Duration timeout) {
        each(count, i -> {
            List<List<String>> steps = new ArrayList<>();
            steps.add(remove(i));
            steps.addAll(run(i, Converge.IMAGE_V2));
            return steps;
        }, timeout);
        require(count);
    }

    @Override
    public void scaleToZero(Duration timeout) {
        each(count, i -> List.of(remove(i)), timeout);
        require(0);
    }

    @Override
    public void close() {
        removeLeftovers();
    }

    /** The commands that run replica {@code i}: its container, after its holder with {@code pairs}. */
    private List<List<String>> run(int i, String image) {
        List<String> container = new ArrayList<>(List.of("run", "-d", "--init", "--name", PREFIX + i, "--label",
                LABEL + "=run"));
        if (!pairs) {
            container.addAll(List.of(image, "sleep", "3600"));
            return List.of(container);
        }
        container.addAll(List.of("--network", "container:" + PREFIX + i + "-holder", image, "sleep", "3600"));
        List<String> holder = List.of("run", "-d", "--init", "--name", PREFIX + i + "-holder", "--label",
                LABEL + "=holder", image, "sleep", "3600");
        return List.of(holder, container);
    }

    private List<String> remove(int i) {
        return pairs ? List.of("rm", "-f", PREFIX + i, PREFIX + i + "-holder") : List.of("rm", "-f", PREFIX + i);
    }

    /** Runs the docker commands of each replica, in order per replica, {@code parallel} replicas at a time. */
    private void each(int replicas, IntFunction<List<List<String>>> commands, Duration timeout) {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                List<List<String>> steps = commands.apply(i);
                done.add(pool.submit(() -> steps.forEach(step -> DockerCli.run(step).orThrow(step))));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Future<?> future : done) {
                future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("docker commands still running after " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void require(int running) {
        int found = containers.labelled(LABEL, "run").size();
        if (found != running) {
            throw new IllegalStateException(running + " containers should run, " + found + " do");
        }
    }

    private void removeLeftovers() {
        List<String> ids = new ArrayList<>(containers.allIds(LABEL, "run"));
        ids.addAll(containers.allIds(LABEL, "holder"));
        if (!ids.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(ids);
            DockerCli.run(args);
        }
    }
}

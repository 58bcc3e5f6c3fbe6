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
 * scale to zero is a {@code docker rm -f} per container. A step ends when its last command returned ({@code docker
 * run -d} returns once the container started).
 */
final class DockerRunReplicas implements Replicas {

    static final String LABEL = "io.korch.bench.converge";
    private static final String PREFIX = "korch-bench-run-";

    private final int parallel;
    private final RunningContainers containers;
    private int count;

    DockerRunReplicas(int parallel, RunningContainers containers) {
        this.parallel = parallel;
        this.containers = containers;
    }

    @Override
    public String name() {
        return "docker run";
    }

    @Override
    public int startsPerReplica() {
        return 1;
    }

    @Override
    public void setUp() {
        removeLeftovers();
    }

    @Override
    public void converge(int count, Duration timeout) {
        this.count = count;
        each(count, i -> List.of(run(i, Converge.IMAGE)), timeout);
        require(count);
    }

    @Override
    public void update(int count, Duration timeout) {
        each(count, i -> List.of(List.of("rm", "-f", PREFIX + i), run(i, Converge.IMAGE_V2)), timeout);
        require(count);
    }

    @Override
    public void scaleToZero(Duration timeout) {
        each(count, i -> List.of(List.of("rm", "-f", PREFIX + i)), timeout);
        require(0);
    }

    @Override
    public void close() {
        removeLeftovers();
    }

    private static List<String> run(int i, String image) {
        return List.of("run", "-d", "--init", "--name", PREFIX + i, "--label", LABEL + "=run", image, "sleep", "3600");
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
        List<String> ids = containers.allIds(LABEL, "run");
        if (!ids.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(ids);
            DockerCli.run(args);
        }
    }
}

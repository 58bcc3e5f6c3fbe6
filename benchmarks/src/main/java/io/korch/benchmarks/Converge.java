package io.korch.benchmarks;

import io.korch.agent.runtime.docker.DockerRuntime;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How fast korch brings N replicas of a sleeping busybox container to running, replaces them all after a
 * template change, and removes them (scale to zero), against the same three steps done with plain
 * {@code docker run} ({@link DockerRunReplicas}) and with Docker Swarm ({@link SwarmReplicas}) on the same engine,
 * in the same run, one system after the other in the order {@code --systems} names them (by default docker run,
 * docker run with two containers per replica, Swarm, then korch, {@link KorchReplicas}). Prints each time and the ratios of korch to each.
 *
 * <p>A korch pod is two containers (its sandbox holds the pod's network namespace), so korch starts twice as
 * many containers as docker run and Swarm for the same replicas; the report says how many, and docker run with
 * two containers per replica shaped as a pod is the engine's own speed for that work.
 *
 * <p>{@code java ... io.korch.benchmarks.Converge [--replicas 100] [--parallel 4] [--swarm-update-parallelism 25]
 * [--timeout-seconds 300] [--systems docker,docker-pairs,swarm,korch]}; needs Docker, the image {@code korch/busybox:latest}
 * and an engine in no swarm; it tags the image {@code korch/busybox:v2} for the update (and removes that tag
 * again if it made it). Run it under {@code flock /tmp/korch-e2e.lock}: korch's pod network is machine-wide.
 */
public final class Converge {

    static final String IMAGE = "korch/busybox:latest";
    static final String IMAGE_V2 = "korch/busybox:v2";
    private static final Duration POLL = Duration.ofMillis(250);

    record Options(int replicas, int parallel, int swarmUpdateParallelism, Duration timeout, List<String> systems) {
    }

    /** The times of one system's three steps. */
    record Result(String system, int starts, Duration converge, Duration update, Duration scaleToZero) {
    }

    private Converge() {
    }

    public static void main(String[] args) {
        Args parsed = Args.parse(args, Set.of("replicas", "parallel", "swarm-update-parallelism", "timeout-seconds",
                "systems"));
        Options options = new Options(parsed.positiveInt("replicas", 100), parsed.positiveInt("parallel", 4),
                parsed.positiveInt("swarm-update-parallelism", 25),
                Duration.ofSeconds(parsed.positiveInt("timeout-seconds", 300)),
                List.of(parsed.string("systems", "docker,docker-pairs,swarm,korch").split(",")));
        run(options, System.out);
        System.exit(0);
    }

    /** Why the benchmark cannot run here, or empty. */
    static String missing() {
        if (!Executables.onPath("docker") || !DockerCli.run("image", "inspect", IMAGE).ok()) {
            return "Docker with the image " + IMAGE + " is needed (images/busybox/build.sh)";
        }
        if (SwarmReplicas.inSwarm()) {
            return "this Docker engine is in a swarm already";
        }
        return "";
    }

    static List<Result> run(Options options, PrintStream out) {
        Path dataDir = ApiThroughput.temporaryDir("korch-converge-");
        out.printf("converge, rolling update and scale to zero of %d replicas (sleep 3600); docker run %d at a time, "
                        + "Swarm update parallelism %d; Java %s, %d cpus%n", options.replicas(), options.parallel(),
                options.swarmUpdateParallelism(), Runtime.version(), Runtime.getRuntime().availableProcessors());
        boolean tagged = !DockerCli.run("image", "inspect", IMAGE_V2).ok();
        if (tagged) {
            DockerCli.require("tag", IMAGE, IMAGE_V2);
        }
        List<Result> results = new ArrayList<>();
        try (DockerRuntime docker = DockerRuntime.connect()) {
            RunningContainers containers = new RunningContainers(docker.client());
            Map<String, Replicas> systems = new LinkedHashMap<>();
            systems.put("docker", new DockerRunReplicas(options.parallel(), false, containers));
            systems.put("docker-pairs", new DockerRunReplicas(options.parallel(), true, containers));
            systems.put("swarm", new SwarmReplicas(options.swarmUpdateParallelism(), containers));
            systems.put("korch", new KorchReplicas(dataDir, System.err, containers));
            for (String name : options.systems()) {
                Replicas system = systems.get(name);
                if (system == null) {
                    throw new IllegalArgumentException("--systems names " + name + "; known are " + systems.keySet());
                }
                Result result = measure(system, options);
                out.printf("%s: converge %.1f s, update %.1f s, scale to zero %.1f s%n", result.system(),
                        seconds(result.converge()), seconds(result.update()), seconds(result.scaleToZero()));
                results.add(result);
            }
        } finally {
            if (tagged) {
                DockerCli.run("image", "rm", IMAGE_V2);
            }
        }
        print(results, options.replicas(), out);
        return results;
    }

    private static Result measure(Replicas system, Options options) {
        try (system) {
            system.setUp();
            int count = options.replicas();
            Duration converge = timed(system.name() + " converge", () -> system.converge(count, options.timeout()));
            Duration update = timed(system.name() + " update", () -> system.update(count, options.timeout()));
            Duration scaleToZero = timed(system.name() + " scale to zero",
                    () -> system.scaleToZero(options.timeout()));
            return new Result(system.name(), count * system.startsPerReplica(), converge, update, scaleToZero);
        }
    }

    private static void print(List<Result> results, int replicas, PrintStream out) {
        out.println();
        out.printf("| system (%d replicas) | containers started per step | converge | update (all replaced) "
                + "| scale to zero |%n", replicas);
        out.println("|---|---|---|---|---|");
        for (Result result : results) {
            out.printf("| %s | %d | %.1f s | %.1f s | %.1f s |%n", result.system(), result.starts(),
                    seconds(result.converge()), seconds(result.update()), seconds(result.scaleToZero()));
        }
        Result korch = find(results, "korch");
        for (Result other : results) {
            if (korch != null && other != korch) {
                out.printf("korch / %s: converge %.2f, update %.2f, scale to zero %.2f%n", other.system(),
                        ratio(korch.converge(), other.converge()), ratio(korch.update(), other.update()),
                        ratio(korch.scaleToZero(), other.scaleToZero()));
            }
        }
    }

    /** Polls {@code done} until it holds; throws naming {@code what} when {@code timeout} passed first. */
    static void await(String what, Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** Runs {@code step}, telling its start and end on stderr with the time of day (to read beside the logs). */
    private static Duration timed(String name, Runnable step) {
        System.err.printf("%s: %s started%n", LocalTime.now(), name);
        long start = System.nanoTime();
        step.run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.err.printf("%s: %s done in %.1f s%n", LocalTime.now(), name, seconds(took));
        return took;
    }

    private static Result find(List<Result> results, String system) {
        return results.stream().filter(r -> r.system().equals(system)).findFirst().orElse(null);
    }

    private static double ratio(Duration a, Duration b) {
        return a.toNanos() / (double) Math.max(1, b.toNanos());
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}

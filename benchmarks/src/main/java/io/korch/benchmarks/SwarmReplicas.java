package io.korch.benchmarks;

import com.github.dockerjava.api.model.Container;
import java.time.Duration;
import java.util.List;

/**
 * Replicas as one Docker Swarm service on a single-node swarm of this engine, made for the run and left at
 * its end ({@code docker swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:2377}, {@code docker
 * swarm leave --force}). The service publishes no port and joins no overlay network, so nothing leaves the
 * machine. Its containers run with {@code --init}, as korch's do. Converge is {@code docker service create
 * --replicas N}, the update {@code docker service update --image} to the second tag with
 * {@code --update-parallelism} replicas at a time (stop-first, Swarm's default order), the scale to zero
 * {@code docker service scale NAME=0}; each is sent with {@code --detach} and ends once the engine lists the
 * service's running containers as the step wants them.
 */
final class SwarmReplicas implements Replicas {

    static final String SERVICE = "korch-bench-converge";
    private static final String SERVICE_LABEL = "com.docker.swarm.service.name";
    private static final String GATEWAY_BRIDGE = "docker_gwbridge";

    private final int updateParallelism;
    private final RunningContainers containers;
    private boolean joined;
    private boolean gatewayBridgeBefore;

    SwarmReplicas(int updateParallelism, RunningContainers containers) {
        this.updateParallelism = updateParallelism;
        this.containers = containers;
    }

    @Override
    public String name() {
        return "Docker Swarm";
    }

    @Override
    public int startsPerReplica() {
        return 1;
    }

    /** Whether this engine is in a swarm already (then the benchmark leaves it alone and skips Swarm). */
    static boolean inSwarm() {
        String state = DockerCli.run("info", "--format", "{{.Swarm.LocalNodeState}}").output().trim();
        return !state.equals("inactive");
    }

    @Override
    public void setUp() {
        if (inSwarm()) {
            throw new IllegalStateException("this Docker engine is in a swarm already; the benchmark makes its own");
        }
        gatewayBridgeBefore = DockerCli.run("network", "inspect", GATEWAY_BRIDGE).ok();
        DockerCli.require("swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:2377");
        joined = true;
    }

    @Override
    public void converge(int count, Duration timeout) {
        DockerCli.require("service", "create", "--detach", "--quiet", "--name", SERVICE, "--init", "--replicas",
                String.valueOf(count), "--label", DockerRunReplicas.LABEL + "=swarm", Converge.IMAGE, "sleep", "3600");
        Converge.await("the Swarm service's " + count + " replicas to run", timeout,
                () -> running().size() == count);
    }

    @Override
    public void update(int count, Duration timeout) {
        DockerCli.require("service", "update", "--detach", "--quiet", "--image", Converge.IMAGE_V2,
                "--update-parallelism", String.valueOf(updateParallelism), SERVICE);
        Converge.await("the Swarm service's " + count + " replicas to run " + Converge.IMAGE_V2, timeout, () -> {
            List<Container> running = running();
            return running.size() == count && running.stream().allMatch(c -> c.getImage().startsWith(Converge.IMAGE_V2));
        });
    }

    @Override
    public void scaleToZero(Duration timeout) {
        DockerCli.require("service", "scale", "--detach", SERVICE + "=0");
        Converge.await("the Swarm service's replicas to stop", timeout, () -> running().isEmpty());
    }

    @Override
    public void close() {
        if (!joined) {
            return;
        }
        DockerCli.run("service", "rm", SERVICE);
        DockerCli.run("swarm", "leave", "--force");
        if (!gatewayBridgeBefore) {
            DockerCli.run("network", "rm", GATEWAY_BRIDGE);
        }
        joined = false;
    }

    private List<Container> running() {
        return containers.labelled(SERVICE_LABEL, SERVICE);
    }
}

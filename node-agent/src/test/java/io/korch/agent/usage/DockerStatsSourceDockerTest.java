package io.korch.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.agent.runtime.ContainerLabels;
import io.korch.agent.runtime.ContainerSpec;
import io.korch.agent.runtime.docker.DockerAvailable;
import io.korch.agent.runtime.docker.DockerRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading running pod containers and their stats from the real Docker engine. */
class DockerStatsSourceDockerTest {

    private final String node = "stats-test-" + UUID.randomUUID().toString().substring(0, 8);
    private DockerRuntime docker;
    private DockerStatsSource source;

    @BeforeEach
    void connect() {
        docker = DockerAvailable.runtime();
        source = DockerStatsSource.connect(docker.dockerHost());
    }

    @AfterEach
    void cleanUp() {
        if (source != null) {
            source.close();
        }
        if (docker != null) {
            DockerAvailable.removeContainersOf(docker, node);
            docker.close();
        }
    }

    private String run(String pod, String container, String script) {
        String id = docker.create(new ContainerSpec(ContainerLabels.containerName(node, "default", pod, container),
                DockerAvailable.TEST_IMAGE, List.of("sh", "-c", script), List.of(), Map.of(), null,
                ContainerLabels.of(node, "default", pod, "uid-" + pod, container), List.of(), null, null));
        docker.start(id);
        return id;
    }

    @Test
    void listsTheRunningContainersOfTheNodesPodsButNotSandboxesNorStoppedOnes() {
        String busy = run("web", "main", "sleep 3600");
        run("web", ContainerLabels.SANDBOX, "sleep 3600");
        String done = docker.create(new ContainerSpec(ContainerLabels.containerName(node, "default", "job", "main"),
                DockerAvailable.TEST_IMAGE, List.of("sh", "-c", "exit 0"), List.of(), Map.of(), null,
                ContainerLabels.of(node, "default", "job", "uid-job", "main"), List.of(), null, null));

        assertThat(source.running(node)).containsExactly(new PodContainer(busy, "default", "web", "uid-web", "main"));
        assertThat(source.read(done)).isEmpty();
    }

    @Test
    void readsTheCpuTimeAndWorkingSetOfARunningContainer() {
        // a container that holds 16 MiB of memory in its shared memory, then spins
        String id = run("hold", "main",
                "dd if=/dev/zero of=/dev/shm/fill bs=1048576 count=16 && touch /dev/shm/ready && while :; do :; done");
        await().until(() ->
                docker.execCapture(id, List.of("ls", "/dev/shm/ready"), Duration.ofSeconds(5)).exitCode() == 0);

        ContainerStats first = source.read(id).orElseThrow();
        await().until(() ->
                source.read(id).orElseThrow().cpuUsageNanos() > first.cpuUsageNanos());
        ContainerStats second = source.read(id).orElseThrow();

        assertThat(first.workingSet()).isGreaterThanOrEqualTo(16L * 1024 * 1024);
        assertThat(second.readAt()).isAfter(first.readAt());
        assertThat(second.nanoCoresSince(first)).hasValueSatisfying(nanoCores ->
                assertThat(nanoCores).isPositive().isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors()
                        * 1_100_000_000L));
    }
}

package io.korch.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.korch.agent.runtime.ContainerLabels;
import io.korch.agent.runtime.ContainerSpec;
import io.korch.agent.runtime.ImageNotPresentException;
import io.korch.agent.runtime.RuntimeContainer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Docker runtime against the real daemon, with the korch/busybox image. */
class DockerRuntimeTest {

    private final String node = "docker-test-" + UUID.randomUUID().toString().substring(0, 8);
    private DockerRuntime docker;

    @BeforeEach
    void connect() {
        docker = DockerAvailable.runtime();
    }

    @AfterEach
    void cleanUp() {
        if (docker != null) {
            DockerAvailable.removeContainersOf(docker, node);
            docker.close();
        }
    }

    @Test
    void createsAContainerWithItsLabelsAndLimitsAndPublishesNoPort() throws IOException {
        // given
        int hostPort = freePort();
        ContainerSpec spec = spec("web", List.of("sh", "-c", "sleep 3600"),
                List.of(new ContainerSpec.PortMapping(80, hostPort, "TCP")), 64L * 1024 * 1024, 500_000_000L);

        // when
        String id = docker.create(spec);
        docker.start(id);

        // then
        InspectContainerResponse inspect = docker.client().inspectContainerCmd(id).exec();
        assertThat(inspect.getName()).isEqualTo("/" + spec.name());
        assertThat(inspect.getConfig().getLabels()).containsAllEntriesOf(spec.labels());
        assertThat(inspect.getHostConfig().getMemory()).isEqualTo(64L * 1024 * 1024);
        assertThat(inspect.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(inspect.getConfig().getExposedPorts()).containsExactly(ExposedPort.tcp(80));
        Ports published = inspect.getHostConfig().getPortBindings();
        assertThat(published == null ? Map.of() : published.getBindings()).isEmpty();
        assertThat(docker.list(node)).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(id);
            assertThat(c.state()).isEqualTo(RuntimeContainer.State.RUNNING);
            assertThat(c.podUid()).isEqualTo("uid-web");
            assertThat(c.startedAt()).isNotNull();
        });
    }

    @Test
    void reportsTheExitCodeOfAnExitedContainer() {
        // given
        String id = docker.create(spec("job", List.of("sh", "-c", "exit 3"), List.of(), null, null));

        // when
        docker.start(id);

        // then
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(docker.inspect(id)).hasValueSatisfying(c -> {
                    assertThat(c.state()).isEqualTo(RuntimeContainer.State.EXITED);
                    assertThat(c.exitCode()).isEqualTo(3);
                    assertThat(c.finishedAt()).isNotNull();
                }));
    }

    @Test
    void refusesAMissingImageWithoutPullingIt() {
        // given
        ContainerSpec spec = new ContainerSpec("korch_" + node + "_default_x_main", "korch/not-built:never",
                List.of(), List.of(), Map.of(), null, ContainerLabels.of(node, "default", "x", "uid-x", "main"),
                List.of(), null, null);

        // then
        assertThatThrownBy(() -> docker.create(spec))
                .isInstanceOf(ImageNotPresentException.class)
                .hasMessageContaining("korch/not-built:never")
                .hasMessageContaining("never pulls");
    }

    @Test
    void removesARunningContainerAndToleratesRemovingItAgain() {
        // given
        String id = docker.create(spec("web", List.of("sh", "-c", "sleep 3600"), List.of(), null, null));
        docker.start(id);

        // when
        docker.remove(id, Duration.ofSeconds(5));
        docker.remove(id, Duration.ofSeconds(5));

        // then
        assertThat(docker.inspect(id)).isEmpty();
        assertThat(docker.list(node)).isEmpty();
    }

    @Test
    void sendStopSignalReturnsWithoutWaitingAndTheContainerHandlesTheSignal() {
        // given: a container that exits with 7 on SIGTERM
        String id = docker.create(spec("web", List.of("sh", "-c", "trap 'exit 7' TERM; while true; do sleep 0.2; done"),
                List.of(), null, null));
        docker.start(id);

        // when
        docker.sendStopSignal(id);

        // then
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(docker.inspect(id)).hasValueSatisfying(c -> {
                    assertThat(c.state()).isEqualTo(RuntimeContainer.State.EXITED);
                    assertThat(c.exitCode()).isEqualTo(7);
                }));
    }

    @Test
    void sendStopSignalSendsTheStopSignalTheContainerWasCreatedWith() {
        // given: a container whose stop signal is SIGUSR1, as an image's STOPSIGNAL sets it
        String id = docker.client().createContainerCmd(DockerAvailable.TEST_IMAGE)
                .withName(ContainerLabels.containerName(node, "default", "usr1", "main"))
                .withLabels(ContainerLabels.of(node, "default", "usr1", "uid-usr1", "main"))
                .withStopSignal("SIGUSR1")
                .withHostConfig(HostConfig.newHostConfig().withInit(true))
                .withCmd("sh", "-c", "trap 'exit 9' USR1; trap '' TERM; while true; do sleep 0.2; done")
                .exec()
                .getId();
        docker.start(id);

        // when
        docker.sendStopSignal(id);

        // then
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(docker.inspect(id)).hasValueSatisfying(c -> assertThat(c.exitCode()).isEqualTo(9)));
    }

    @Test
    void sendStopSignalToAContainerThatDoesNotRunDoesNothing() {
        // given
        String created = docker.create(spec("idle", List.of("sh", "-c", "sleep 3600"), List.of(), null, null));

        // when
        docker.sendStopSignal(created);
        docker.sendStopSignal("no-such-container-" + node);

        // then
        assertThat(docker.inspect(created)).hasValueSatisfying(c ->
                assertThat(c.state()).isEqualTo(RuntimeContainer.State.CREATED));
    }

    private ContainerSpec spec(String pod, List<String> command, List<ContainerSpec.PortMapping> ports,
                               Long memory, Long nanoCpus) {
        return new ContainerSpec(ContainerLabels.containerName(node, "default", pod, "main"),
                DockerAvailable.TEST_IMAGE, command, List.of(), Map.of(), null,
                ContainerLabels.of(node, "default", pod, "uid-" + pod, "main"), ports, memory, nanoCpus);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

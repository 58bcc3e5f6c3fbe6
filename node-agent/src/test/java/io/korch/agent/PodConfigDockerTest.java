package io.korch.agent;

import static io.korch.agent.config.PodConfigs.configMap;
import static io.korch.agent.config.PodConfigs.configMapVolume;
import static io.korch.agent.config.PodConfigs.emptyDir;
import static io.korch.agent.config.PodConfigs.first;
import static io.korch.agent.config.PodConfigs.fromConfigMap;
import static io.korch.agent.config.PodConfigs.fromSecret;
import static io.korch.agent.config.PodConfigs.mount;
import static io.korch.agent.config.PodConfigs.secret;
import static io.korch.agent.config.PodConfigs.secretVolume;
import static io.korch.agent.config.PodConfigs.withEnv;
import static io.korch.agent.config.PodConfigs.withVolumes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Container;
import io.korch.agent.runtime.ContainerLabels;
import io.korch.agent.runtime.docker.DockerAvailable;
import io.korch.agent.runtime.docker.DockerRuntime;
import io.korch.api.ContainerState;
import io.korch.api.Event;
import io.korch.api.Pod;
import io.korch.api.PodSecurityContext;
import io.korch.api.PodStatusReport;
import io.korch.api.SecurityContext;
import io.korch.testkit.Pods;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the agent configures containers, against a real broker and real Docker: env and volume files from
 * ConfigMaps and Secrets, updates of mounted files, waiting for a missing ConfigMap, memory limits and users.
 * Containers write what they see into an emptyDir, which the test reads from the node's pod directory.
 */
class PodConfigDockerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static DockerRuntime docker;
    @RegisterExtension
    static final SharedCluster cluster = new SharedCluster();

    @TempDir
    Path dataDir;

    private final String node = "pc-" + UUID.randomUUID().toString().substring(0, 8);
    /** Unique per test, so the shared topics hold no record of this pod or its objects from another test. */
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String podName = "cfg-" + suffix;
    private final String podUid = UUID.randomUUID().toString();
    private final String statusKey = Keys.podStatus("default/" + podName, podUid);
    private NodeAgent agent;

    @BeforeAll
    static void connectToDocker() {
        docker = DockerAvailable.runtime();
    }

    @AfterAll
    static void closeDocker() {
        if (docker != null) {
            docker.close();
        }
    }

    @BeforeEach
    void startAgent() {
        agent = NodeAgent.start(AgentConfig.defaults(cluster.get().bootstrapServers(), node).withDataDir(dataDir), docker);
    }

    @AfterEach
    void stopAgentAndRemoveContainers() {
        if (agent != null) {
            agent.close();
        }
        if (docker != null) {
            DockerAvailable.removeContainersOf(docker, node);
        }
    }

    @Test
    void theContainerSeesConfigMapAndSecretValuesAsEnvAndFiles() {
        // given
        publishConfigMap(Map.of("mode", "fast"));
        publishSecret(Map.of("password", "s3cr3t"));
        Pod pod = withEnv(pod("env > /out/env; cat /etc/config/mode > /out/mode; cat /etc/creds/password > /out/pw;"
                        + " sleep 3600"),
                fromConfigMap("MODE", "app-" + suffix, "mode", null), fromSecret("PASSWORD", "db-" + suffix, "password", null));
        withVolumes(pod, List.of(configMapVolume("config", "app-" + suffix, List.of(), null),
                        secretVolume("creds", "db-" + suffix, null), emptyDir("out", null)),
                List.of(mount("config", "/etc/config", null, null), mount("creds", "/etc/creds", null, null),
                        mount("out", "/out", null, null)));

        // when
        cluster.get().assign(node, pod);

        // then
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(output("env")).contains("MODE=fast\n", "PASSWORD=s3cr3t\n");
            assertThat(output("mode")).isEqualTo("fast");
            assertThat(output("pw")).isEqualTo("s3cr3t");
        });
    }

    @Test
    void aChangedConfigMapReachesTheMountedFileOfTheRunningContainer() {
        // given
        publishConfigMap(Map.of("mode", "fast"));
        Pod pod = withVolumes(pod("while true; do cp /etc/config/mode /out/tmp; mv /out/tmp /out/mode; sleep 0.2; done"),
                List.of(configMapVolume("config", "app-" + suffix, List.of(), null), emptyDir("out", null)),
                List.of(mount("config", "/etc/config", null, null), mount("out", "/out", null, null)));
        cluster.get().assign(node, pod);
        await().atMost(WAIT).untilAsserted(() -> assertThat(output("mode")).isEqualTo("fast"));
        String containerId = onlyContainer().getId();

        // when
        publishConfigMap(Map.of("mode", "slow"));

        // then: the same container reads the new value
        await().atMost(WAIT).untilAsserted(() -> assertThat(output("mode")).isEqualTo("slow"));
        assertThat(onlyContainer().getId()).isEqualTo(containerId);
    }

    @Test
    void thePodsVolumesAreDeletedOnceItsContainersAreRemoved() {
        // given
        Pod pod = withVolumes(pod("echo hi > /out/hi; sleep 3600"), List.of(emptyDir("out", null)),
                List.of(mount("out", "/out", null, null)));
        cluster.get().assign(node, pod);
        await().atMost(WAIT).untilAsserted(() -> assertThat(output("hi")).isEqualTo("hi\n"));

        // when
        cluster.get().assign(node);

        // then
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(containers()).isEmpty();
            assertThat(dataDir.resolve("pods").resolve(podUid)).doesNotExist();
        });
    }

    @Test
    void aMissingConfigMapIsACreateContainerConfigErrorUntilItIsCreated() {
        // given
        Pod pod = withEnv(pod("sleep 3600"), fromConfigMap("MODE", "app-" + suffix, "mode", null));

        // when
        cluster.get().assign(node, pod);

        // then
        String message = "configmap \"app-" + suffix + "\" not found";
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS);
             TopicTail<Event> events = cluster.get().tail(Topics.EVENTS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                ContainerState state = state(statuses.poll().latest(statusKey));
                assertThat(state.getWaiting()).isNotNull();
                assertThat(state.getWaiting().getReason()).isEqualTo("CreateContainerConfigError");
                assertThat(state.getWaiting().getMessage()).isEqualTo(message);
            });
            await().atMost(WAIT).untilAsserted(() -> assertThat(events.poll().all("default/" + podName))
                    .anySatisfy(event -> {
                        assertThat(event.getReason()).isEqualTo("Failed");
                        assertThat(event.getType()).isEqualTo("Warning");
                        assertThat(event.getMessage()).isEqualTo("Error: " + message);
                    }));
            assertThat(containers()).isEmpty();

            // when
            publishConfigMap(Map.of("mode", "fast"));

            // then
            await().atMost(WAIT).untilAsserted(() -> assertThat(state(statuses.poll().latest(statusKey)).getRunning())
                    .isNotNull());
        }
    }

    @Test
    void aContainerOverItsMemoryLimitIsOomKilled() {
        // given
        Pod pod = Pods.pod(podName).uid(podUid).restartPolicy("Never").container("main", "tail", "/dev/zero")
                .limit("memory", "16Mi").build();

        // when
        cluster.get().assign(node, pod);

        // then
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                ContainerState state = state(statuses.poll().latest(statusKey));
                assertThat(state.getTerminated()).isNotNull();
                assertThat(state.getTerminated().getReason()).isEqualTo("OOMKilled");
                assertThat(state.getTerminated().getExitCode()).isEqualTo(137);
            });
        }
        assertThat(docker.client().inspectContainerCmd(onlyContainer().getId()).exec().getHostConfig().getMemory())
                .isEqualTo(16L << 20);
    }

    @Test
    void runsAsTheUserOfTheSecurityContextWhoReadsSecretFilesThroughTheFsGroup() {
        // given: a secret file only its owner and group may read, and a container of user 1000 in the fsGroup
        publishSecret(Map.of("password", "s3cr3t"));
        Pod pod = withVolumes(pod("id -u > /out/uid; id -G > /out/groups; cat /etc/creds/password > /out/pw;"
                        + " sleep 3600"),
                List.of(secretVolume("creds", "db-" + suffix, 0440), emptyDir("out", null)),
                List.of(mount("creds", "/etc/creds", null, null), mount("out", "/out", null, null)));
        pod.getSpec().setSecurityContext(PodSecurityContext.newBuilder().setFsGroup(2000L).build());
        first(pod).setSecurityContext(SecurityContext.newBuilder().setRunAsUser(1000L).setRunAsGroup(3000L).build());

        // when
        cluster.get().assign(node, pod);

        // then
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(output("uid")).isEqualTo("1000\n");
            assertThat(output("groups").trim().split(" ")).contains("3000", "2000");
            assertThat(output("pw")).isEqualTo("s3cr3t");
        });
    }

    @Test
    void refusesToRunAnImageAsRootWhenThePodSaysRunAsNonRoot() {
        // given: the image names no user, so it would run as root
        Pod pod = pod("sleep 3600");
        pod.getSpec().setSecurityContext(PodSecurityContext.newBuilder().setRunAsNonRoot(true).build());

        // when
        cluster.get().assign(node, pod);

        // then
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                ContainerState state = state(statuses.poll().latest(statusKey));
                assertThat(state.getWaiting()).isNotNull();
                assertThat(state.getWaiting().getReason()).isEqualTo("CreateContainerConfigError");
                assertThat(state.getWaiting().getMessage())
                        .startsWith("container has runAsNonRoot and image will run as root (pod: \"" + podName
                                + "_default(" + podUid + ")\", container: main)");
            });
        }
        assertThat(containers()).isEmpty();
    }

    private Pod pod(String script) {
        return Pods.pod(podName).uid(podUid).container("main", "sh", "-c", script).build();
    }

    private void publishConfigMap(Map<String, String> data) {
        cluster.get().publish(Topics.CONFIGMAPS, "default/app-" + suffix, configMap("default", "app-" + suffix, data));
    }

    private void publishSecret(Map<String, String> data) {
        cluster.get().publish(Topics.SECRETS, "default/db-" + suffix, secret("default", "db-" + suffix, data));
    }

    /** What the container wrote to {@code name} in its {@code out} emptyDir, or null while there is nothing. */
    private String output(String name) throws IOException {
        Path file = dataDir.resolve("pods").resolve(podUid).resolve("volumes/kubernetes.io~empty-dir/out").resolve(name);
        return Files.exists(file) ? Files.readString(file) : null;
    }

    private static ContainerState state(PodStatusReport report) {
        assertThat(report).isNotNull();
        return report.getStatus().getContainerStatuses().get(0).getState();
    }

    private List<Container> containers() {
        return docker.client().listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.NODE, node))
                .exec().stream()
                .filter(c -> !ContainerLabels.SANDBOX.equals(c.getLabels().get(ContainerLabels.CONTAINER)))
                .toList();
    }

    private Container onlyContainer() {
        return await().atMost(WAIT).until(this::containers, list -> list.size() == 1).get(0);
    }
}

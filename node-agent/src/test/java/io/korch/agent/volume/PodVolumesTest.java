package io.korch.agent.volume;

import static io.korch.agent.config.PodConfigs.configMap;
import static io.korch.agent.config.PodConfigs.configMapVolume;
import static io.korch.agent.config.PodConfigs.downwardApiVolume;
import static io.korch.agent.config.PodConfigs.emptyDir;
import static io.korch.agent.config.PodConfigs.first;
import static io.korch.agent.config.PodConfigs.item;
import static io.korch.agent.config.PodConfigs.mount;
import static io.korch.agent.config.PodConfigs.secret;
import static io.korch.agent.config.PodConfigs.secretVolume;
import static io.korch.agent.config.PodConfigs.withVolumes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.agent.config.ConfigSource;
import io.korch.agent.config.NodeFacts;
import io.korch.agent.runtime.ContainerConfigException;
import io.korch.agent.runtime.ContainerSpec;
import io.korch.api.PodSecurityContext;
import io.korch.api.Pod;
import io.korch.testkit.Pods;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pod volumes on the node: set up before a container, refreshed while it runs, deleted after the pod. */
class PodVolumesTest {

    private static final NodeFacts NODE = new NodeFacts("node-1", "127.0.0.1", 2000, 1L << 30);

    @TempDir
    Path pods;

    private final ConfigSource source = ConfigSource.of(
            List.of(configMap("shop", "app", Map.of("mode", "fast", "level", "3"))),
            List.of(secret("shop", "db", Map.of("password", "s3cr3t"))));
    private PodVolumes volumes;

    @Test
    void projectsEveryKeyOrTheListedItemsWithTheirModes() throws IOException {
        // given
        Pod pod = withVolumes(pod(), List.of(
                        configMapVolume("all", "app", List.of(), null),
                        configMapVolume("some", "app", List.of(item("mode", "conf/mode.txt", 0600)), null),
                        secretVolume("creds", "db", 0400)),
                List.of(mount("all", "/etc/all", null, null), mount("some", "/etc/some", null, null),
                        mount("creds", "/etc/creds", null, null)));

        // when
        List<ContainerSpec.Mount> mounts = volumes().mounts(pod, first(pod));

        // then
        Path all = volumeDir("kubernetes.io~configmap", "all");
        Path some = volumeDir("kubernetes.io~configmap", "some");
        Path creds = volumeDir("kubernetes.io~secret", "creds");
        assertThat(mounts).containsExactly(
                ContainerSpec.Mount.bind(all.toString(), "/etc/all", true),
                ContainerSpec.Mount.bind(some.toString(), "/etc/some", true),
                ContainerSpec.Mount.bind(creds.toString(), "/etc/creds", true));
        assertThat(Files.readString(all.resolve("mode"))).isEqualTo("fast");
        assertThat(Files.readString(all.resolve("level"))).isEqualTo("3");
        assertThat(mode(all.resolve("mode"))).isEqualTo("rw-r--r--");
        assertThat(some.resolve("level")).doesNotExist();
        assertThat(Files.readString(some.resolve("conf/mode.txt"))).isEqualTo("fast");
        assertThat(mode(some.resolve("conf/mode.txt"))).isEqualTo("rw-------");
        assertThat(Files.readString(creds.resolve("password"))).isEqualTo("s3cr3t");
        assertThat(mode(creds.resolve("password"))).isEqualTo("r--------");
    }

    @Test
    void aMissingConfigMapKeepsTheContainerCreatingWithAFailedMount() {
        // given
        Pod pod = withVolumes(pod(), List.of(configMapVolume("config", "absent", List.of(), null)),
                List.of(mount("config", "/etc/config", null, null)));

        // then
        assertThatThrownBy(() -> volumes().mounts(pod, first(pod)))
                .isInstanceOfSatisfying(ContainerConfigException.class, e -> {
                    assertThat(e.waitingReason()).isEqualTo("ContainerCreating");
                    assertThat(e.eventReason()).isEqualTo("FailedMount");
                    assertThat(e.eventMessage())
                            .isEqualTo("MountVolume.SetUp failed for volume \"config\" : configmap \"absent\" not found");
                });
    }

    @Test
    void anOptionalMissingConfigMapIsAnEmptyVolume() throws IOException {
        // given
        Pod pod = withVolumes(pod(), List.of(configMapVolume("config", "absent", List.of(), true)),
                List.of(mount("config", "/etc/config", null, null)));

        // when
        volumes().mounts(pod, first(pod));

        // then
        try (var entries = Files.list(volumeDir("kubernetes.io~configmap", "config"))) {
            assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("..2")))
                    .containsExactly("..data");
        }
    }

    @Test
    void aRefreshBringsTheChangedConfigMapAndDropsRemovedKeys() throws IOException {
        // given
        Pod pod = withVolumes(pod(), List.of(configMapVolume("config", "app", List.of(), null)),
                List.of(mount("config", "/etc/config", null, null)));
        volumes().mounts(pod, first(pod));

        // when
        source.put(configMap("shop", "app", Map.of("mode", "slow")));
        volumes.refresh(List.of(pod));

        // then
        Path dir = volumeDir("kubernetes.io~configmap", "config");
        assertThat(Files.readString(dir.resolve("mode"))).isEqualTo("slow");
        assertThat(Files.exists(dir.resolve("level"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void anEmptyDirIsWritableByAnyUserAndSharedBySubPath() throws IOException {
        // given
        Pod pod = withVolumes(pod(), List.of(emptyDir("scratch", null), emptyDir("fast", "Memory")),
                List.of(mount("scratch", "/scratch", null, null), mount("scratch", "/logs", true, "logs"),
                        mount("fast", "/fast", null, null)));

        // when
        List<ContainerSpec.Mount> mounts = volumes().mounts(pod, first(pod));

        // then
        Path dir = volumeDir("kubernetes.io~empty-dir", "scratch");
        assertThat(mounts).containsExactly(
                ContainerSpec.Mount.bind(dir.toString(), "/scratch", false),
                ContainerSpec.Mount.bind(dir.resolve("logs").toString(), "/logs", true),
                ContainerSpec.Mount.podMemory("korch_" + pod.getMetadata().getUid() + "_fast",
                        pod.getMetadata().getUid(), "/fast", null));
        assertThat(mode(dir)).isEqualTo("rwxrwxrwx");
        assertThat(mode(dir.resolve("logs"))).isEqualTo("rwxrwxrwx");
    }

    @Test
    void givesTheFilesToTheFsGroupReadableByIt() throws IOException {
        // given
        Pod pod = withVolumes(pod(), List.of(secretVolume("creds", "db", 0600)),
                List.of(mount("creds", "/etc/creds", null, null)));
        pod.getSpec().setSecurityContext(PodSecurityContext.newBuilder().setFsGroup(2000L).build());

        // when
        volumes().mounts(pod, first(pod));

        // then
        Path file = volumeDir("kubernetes.io~secret", "creds").resolve("password");
        assertThat(Files.getAttribute(file, "unix:gid")).isEqualTo(2000);
        assertThat(mode(file)).isEqualTo("rw-r-----");
    }

    @Test
    void writesTheDownwardApiFieldsOfThePod() throws IOException {
        // given
        Pod pod = withVolumes(pod(), List.of(downwardApiVolume("info",
                        Map.of("name", "metadata.name", "labels", "metadata.labels"))),
                List.of(mount("info", "/etc/info", null, null)));

        // when
        volumes().mounts(pod, first(pod));

        // then
        Path dir = volumeDir("kubernetes.io~downward-api", "info");
        assertThat(Files.readString(dir.resolve("name"))).isEqualTo("web");
        assertThat(Files.readString(dir.resolve("labels"))).isEqualTo("app=\"store\"\ntier=\"front\"");
    }

    @Test
    void aMountOfAnUnknownVolumeIsAConfigError() {
        Pod pod = withVolumes(pod(), List.of(), List.of(mount("nope", "/x", null, null)));

        assertThatThrownBy(() -> volumes().mounts(pod, first(pod)))
                .hasMessage("cannot find volume \"nope\" to mount into container \"main\"");
    }

    @Test
    void retainDeletesTheDirectoriesOfOtherPods() throws IOException {
        // given
        Pod pod = withVolumes(pod(), List.of(emptyDir("scratch", null)), List.of(mount("scratch", "/s", null, null)));
        volumes().mounts(pod, first(pod));
        Files.createDirectories(pods.resolve("gone-uid/volumes"));

        // when
        volumes.retain(Set.of("u-1"));

        // then
        assertThat(pods.resolve("u-1")).isDirectory();
        assertThat(pods.resolve("gone-uid")).doesNotExist();
    }

    private PodVolumes volumes() {
        volumes = new PodVolumes(pods, source, NODE, Clock.systemUTC());
        return volumes;
    }

    private Path volumeDir(String kind, String name) {
        return pods.resolve("u-1").resolve("volumes").resolve(kind).resolve(name);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static Pod pod() {
        return Pods.pod("web").namespace("shop").uid("u-1").label("app", "store").label("tier", "front")
                .container("main").build();
    }
}

package io.korch.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading, changing and writing kubeconfig files, compared with what kubectl 1.32 writes and shows. */
class KubeConfigTest {

    /** What {@code kubectl config set-cluster/set-credentials/set-context} wrote, plus a token. */
    private static final String KUBECTL_WRITTEN = """
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority-data: YWJj
                server: http://127.0.0.1:8080
              name: korch-dev
            contexts:
            - context:
                cluster: korch-dev
                namespace: team-a
                user: korch-dev
              name: korch-dev
            - context:
                cluster: korch-dev
                user: tok
              name: other
            current-context: other
            kind: Config
            preferences: {}
            users:
            - name: korch-dev
              user: {}
            - name: tok
              user:
                token: abc
            """;

    @TempDir
    Path dir;

    @Test
    void readsContextsClustersAndTheCurrentContext() {
        // when
        KubeConfig config = KubeConfig.parse("config", KUBECTL_WRITTEN);

        // then
        assertThat(config.currentContext()).isEqualTo("other");
        assertThat(config.contexts()).containsExactly(
                new KubeConfig.Context("korch-dev", "korch-dev", "korch-dev", "team-a"),
                new KubeConfig.Context("other", "korch-dev", "tok", ""));
        assertThat(config.server("korch-dev")).contains("http://127.0.0.1:8080");
        assertThat(config.server("missing")).isEmpty();
    }

    @Test
    void writesBackWhatItReadKeysSortedAsKubectlDoes() throws IOException {
        // given
        Path file = dir.resolve("config");

        // when
        KubeConfig.parse("config", KUBECTL_WRITTEN).write(file);

        // then
        assertThat(Files.readString(file)).isEqualTo(KUBECTL_WRITTEN);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void viewLeavesSecretsOutUnlessRaw() {
        // given
        KubeConfig config = KubeConfig.parse("config", KUBECTL_WRITTEN);

        // when
        String view = KubeConfig.yaml(config.view(false, false));
        String raw = KubeConfig.yaml(config.view(true, false));

        // then
        assertThat(view).contains("certificate-authority-data: DATA+OMITTED").contains("token: REDACTED")
                .doesNotContain("YWJj").doesNotContain("abc");
        assertThat(raw).isEqualTo(KUBECTL_WRITTEN);
    }

    @Test
    void minifiedViewKeepsOnlyTheCurrentContextItsClusterAndUser() {
        // when
        String view = KubeConfig.yaml(KubeConfig.parse("config", KUBECTL_WRITTEN).view(false, true));

        // then
        assertThat(view).contains("name: other").doesNotContain("namespace: team-a")
                .contains("- name: tok").doesNotContain("- name: korch-dev\n  user: {}");
    }

    @Test
    void viewOfAMissingFileIsKubectlsEmptyConfig() {
        // when
        String view = KubeConfig.yaml(KubeConfig.read(dir.resolve("absent")).view(false, false));

        // then
        assertThat(view).isEqualTo("""
                apiVersion: v1
                clusters: null
                contexts: null
                current-context: ""
                kind: Config
                preferences: {}
                users: null
                """);
    }

    @Test
    void mergesEntriesByNameKeepingWhatItDoesNotKnow() {
        // given
        KubeConfig config = KubeConfig.parse("config", KUBECTL_WRITTEN);

        // when
        KubeConfig merged = config.withCluster("korch-dev", "http://127.0.0.1:9999")
                .withCluster("new", "http://127.0.0.1:1")
                .withUser("korch-dev")
                .withContext("new", "new", "korch-dev", null)
                .withCurrentContext("new");

        // then
        assertThat(merged.server("korch-dev")).contains("http://127.0.0.1:9999");
        assertThat(merged.server("new")).contains("http://127.0.0.1:1");
        assertThat(merged.context("new")).contains(new KubeConfig.Context("new", "new", "korch-dev", ""));
        assertThat(merged.currentContext()).isEqualTo("new");
        assertThat(merged.yaml()).contains("certificate-authority-data: YWJj").contains("token: abc");
        assertThat(config.currentContext()).as("the original is unchanged").isEqualTo("other");
    }

    @Test
    void refusesAFileThatIsNotYamlWithItsName() {
        assertThatThrownBy(() -> KubeConfig.parse("/tmp/bad", "foo: [\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("error loading config file \"/tmp/bad\": ");
    }
}

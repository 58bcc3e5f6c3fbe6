package io.korch.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** {@code /version} reports a Kubernetes version kubectl can parse, with the korch version as build metadata. */
class ServerVersionTest {

    /** The semantic version grammar of Kubernetes' version.ParseSemantic. */
    private static final String SEMANTIC =
            "v?[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?";

    @Test
    void theGitVersionIsAKubernetesSemanticVersionCarryingTheKorchVersion() {
        ServerVersion version = new ServerVersion("0.1.0-SNAPSHOT", "2024-01-31T12:00:00Z");

        assertThat(version.gitVersion()).isEqualTo("v1.32.0+korch-0.1.0-SNAPSHOT").matches(SEMANTIC);
    }

    @Test
    void charactersSemanticVersionsForbidAreReplaced() {
        assertThat(new ServerVersion("1.0_rc/2", "").gitVersion())
                .isEqualTo("v1.32.0+korch-1.0-rc-2").matches(SEMANTIC);
    }

    @Test
    void theInfoHasEveryFieldOfVersionInfo() {
        ObjectNode info = new ServerVersion("0.1.0", "2024-01-31T12:00:00Z").info();

        assertThat(info.get("major").asText()).isEqualTo("1");
        assertThat(info.get("minor").asText()).isEqualTo("32");
        assertThat(info.get("buildDate").asText()).isEqualTo("2024-01-31T12:00:00Z");
        assertThat(info.get("platform").asText()).matches("[a-z0-9]+/[a-z0-9_]+");
        assertThat(info.fieldNames()).toIterable().containsExactly("major", "minor", "gitVersion", "gitCommit",
                "gitTreeState", "buildDate", "goVersion", "compiler", "platform");
    }

    @Test
    void theBuildFillsInTheKorchVersionAndBuildDate() {
        ServerVersion version = ServerVersion.ofBuild();

        assertThat(version.korchVersion()).isNotEqualTo("unknown").doesNotContain("${");
        assertThat(version.info().get("buildDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }
}

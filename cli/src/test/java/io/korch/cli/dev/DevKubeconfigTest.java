package io.korch.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.cli.Main;
import io.korch.cli.config.KubeConfig;
import io.korch.cli.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/** The kubeconfig entries korch dev writes, and how they join a config that has contexts already. */
class DevKubeconfigTest {

    private static final String SERVER = "http://127.0.0.1:8123";

    @Test
    void writesAStandaloneKubeconfigKubectlCanUse() {
        // when
        String yaml = DevKubeconfig.standalone(SERVER).yaml();

        // then
        assertThat(yaml).isEqualTo("""
                apiVersion: v1
                clusters:
                - cluster:
                    server: http://127.0.0.1:8123
                  name: korch-dev
                contexts:
                - context:
                    cluster: korch-dev
                    user: korch-dev
                  name: korch-dev
                current-context: korch-dev
                kind: Config
                preferences: {}
                users:
                - name: korch-dev
                  user: {}
                """);
    }

    @Test
    void becomesTheCurrentContextWhenNoneIsSet() {
        // when
        DevKubeconfig.Merge merge = DevKubeconfig.merge(KubeConfig.empty(), SERVER);

        // then
        assertThat(merge.madeCurrent()).isTrue();
        assertThat(merge.config().currentContext()).isEqualTo("korch-dev");
        assertThat(merge.config().server("korch-dev")).contains(SERVER);
    }

    @Test
    void leavesAContextTheUserChoseCurrentAndUpdatesTheServerOfAnEarlierRun() {
        // given
        KubeConfig config = DevKubeconfig.merge(KubeConfig.empty(), "http://127.0.0.1:1").config()
                .withCluster("prod", "https://prod:6443").withUser("admin").withContext("prod", "prod", "admin", "web")
                .withCurrentContext("prod");

        // when
        DevKubeconfig.Merge merge = DevKubeconfig.merge(config, SERVER);

        // then
        assertThat(merge.madeCurrent()).isFalse();
        assertThat(merge.otherCurrent()).isEqualTo("prod");
        assertThat(merge.config().currentContext()).isEqualTo("prod");
        assertThat(merge.config().server("korch-dev")).contains(SERVER);
        assertThat(merge.config().contexts()).hasSize(2);
    }

    @Test
    void takesOverACurrentContextThatDoesNotExist() {
        // given
        KubeConfig config = KubeConfig.empty().withCurrentContext("deleted");

        // then
        assertThat(DevKubeconfig.merge(config, SERVER).config().currentContext()).isEqualTo("korch-dev");
    }

    @Test
    void acceptsAKubeconfigPathOrNotWritingOne() {
        // when
        ParseResult skip = Main.commandLine(Cli.korch().context()).parseArgs("dev", "--write-kubeconfig=false");
        ParseResult path = Main.commandLine(Cli.korch().context()).parseArgs("dev", "--kubeconfig-path", "/tmp/k");
        ParseResult negated = Main.commandLine(Cli.korch().context()).parseArgs("dev", "--no-write-kubeconfig");

        // then
        assertThat(skip.subcommand().<Boolean>matchedOptionValue("--write-kubeconfig", true)).isFalse();
        assertThat(path.subcommand().<Path>matchedOptionValue("--kubeconfig-path", null)).isEqualTo(Path.of("/tmp/k"));
        assertThat(negated.subcommand().<Boolean>matchedOptionValue("--write-kubeconfig", true)).isFalse();
    }
}

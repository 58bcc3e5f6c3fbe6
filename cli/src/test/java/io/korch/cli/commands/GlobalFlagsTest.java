package io.korch.cli.commands;

import static io.korch.cli.testing.Cli.korch;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.cli.Main;
import io.korch.cli.config.KubeConfig;
import io.korch.cli.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Connection flags before and after the subcommand, and the korch config commands. */
class GlobalFlagsTest {

    @TempDir
    Path dir;

    @Test
    void acceptsConnectionFlagsBeforeTheSubcommand() {
        // when
        ParseResult parsed = parse("--server", "http://a:1", "-n", "ns", "--kubeconfig", "f", "--context", "c",
                "get", "pods");

        // then
        assertThat(parsed.matchedOptionValue("--server", "")).isEqualTo("http://a:1");
        assertThat(parsed.matchedOptionValue("--context", "")).isEqualTo("c");
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("get");
    }

    @Test
    void acceptsConnectionFlagsAfterTheSubcommand() {
        // when
        ParseResult parsed = parse("get", "pods", "--server", "http://a:1", "--namespace", "ns");

        // then
        assertThat(parsed.subcommand().matchedOptionValue("--server", "")).isEqualTo("http://a:1");
        assertThat(parsed.subcommand().matchedOptionValue("-n", "")).isEqualTo("ns");
    }

    @ParameterizedTest
    @ValueSource(strings = {"apply", "get", "describe", "events", "delete", "scale", "history", "api-resources"})
    void everyClientCommandTakesTheConnectionFlags(String command) {
        CommandLine.Model.CommandSpec spec = Main.commandLine(Cli.korch().context()).getSubcommands().get(command)
                .getCommandSpec();
        assertThat(spec.findOption("--server")).isNotNull();
        assertThat(spec.findOption("--kubeconfig")).isNotNull();
        assertThat(spec.findOption("--context")).isNotNull();
        assertThat(spec.findOption("-n")).isNotNull();
    }

    @Test
    void sendsToTheServerOfTheContextUnlessTheFlagSaysOtherwise() throws IOException {
        // given: a context whose server does not listen, and a server flag that does not either
        Path config = dir.resolve("config");
        KubeConfig.empty().withCluster("c", "http://127.0.0.1:2").withUser("u").withContext("c", "c", "u", "ns")
                .withCurrentContext("c").write(config);
        Cli cli = korch().withEnv(Map.of("KUBECONFIG", config.toString()));

        // when
        Cli.Result fromContext = cli.run("get", "pods");
        Cli.Result before = cli.run("--server", "http://127.0.0.1:3", "get", "pods");
        Cli.Result after = cli.run("get", "pods", "--server", "http://127.0.0.1:4");
        Cli.Result both = cli.run("--server", "http://127.0.0.1:5", "get", "pods", "--server", "http://127.0.0.1:6");

        // then
        assertThat(fromContext.err()).contains("http://127.0.0.1:2");
        assertThat(before.err()).contains("http://127.0.0.1:3");
        assertThat(after.err()).contains("http://127.0.0.1:4");
        assertThat(both.err()).contains("http://127.0.0.1:6");
    }

    @Test
    void switchesAndShowsContextsInKubectlsFormat() throws IOException {
        // given
        Path home = dir.resolve("home");
        KubeConfig.empty().withCluster("a", "http://a:1").withUser("a").withContext("a", "a", "a", "team")
                .withCluster("b", "http://b:1").withUser("b").withContext("b", "b", "b", null)
                .withCurrentContext("a").write(home.resolve("config"));
        Cli cli = korch().withEnv(Map.of("KORCH_HOME", home.toString()));

        // when
        Cli.Result switched = cli.run("config", "use-context", "b");
        Cli.Result current = cli.run("config", "current-context");
        Cli.Result listed = cli.run("config", "get-contexts");
        Cli.Result unknown = cli.run("config", "use-context", "nope");

        // then
        assertThat(switched.out()).isEqualTo("Switched to context \"b\".\n");
        assertThat(current.out()).isEqualTo("b\n");
        assertThat(listed.out()).isEqualTo("""
                CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE
                          a      a         a          team
                *         b      b         b
                """);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("error: no context exists with the name: \"nope\"\n");
    }

    @Test
    void saysWhenNoCurrentContextIsSet() {
        // when
        Cli.Result result = korch().withEnv(Map.of("KORCH_HOME", dir.toString())).run("config", "current-context");

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: current-context is not set\n");
    }

    @Test
    void viewReadsTheFileOfTheKubeconfigFlagGivenBeforeTheSubcommand() throws IOException {
        // given
        Path config = dir.resolve("config");
        KubeConfig.empty().withCluster("a", "http://a:1").write(config);

        // when
        Cli.Result result = korch().run("--kubeconfig", config.toString(), "config", "view", "-o",
                "jsonpath={.clusters[0].cluster.server}");

        // then
        assertThat(result.out()).isEqualTo("http://a:1");
        assertThat(Files.exists(dir.resolve("home"))).isFalse();
    }

    private static ParseResult parse(String... args) {
        return Main.commandLine(Cli.korch().context()).parseArgs(args);
    }
}

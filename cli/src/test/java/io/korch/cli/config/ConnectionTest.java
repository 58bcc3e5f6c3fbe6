package io.korch.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order in which flags, the environment and kubeconfig files decide the server and namespace. */
class ConnectionTest {

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private KorchHome home;

    @BeforeEach
    void setUp() throws IOException {
        home = new KorchHome(dir.resolve("home"));
        write(home.config(), "home", "http://home:1", "home-ns");
    }

    @Test
    void usesTheDefaultsWithoutAnyConfig() {
        // given
        home = new KorchHome(dir.resolve("empty"));

        // when
        Connection connection = resolve(ConfigFlags.NONE);

        // then
        assertThat(connection).isEqualTo(new Connection(Connection.DEFAULT_SERVER, "default", null, ""));
    }

    @Test
    void readsTheCurrentContextOfTheKorchConfig() {
        assertThat(resolve(ConfigFlags.NONE)).isEqualTo(new Connection("http://home:1", "home-ns", null, "home"));
    }

    @Test
    void prefersTheFirstFileOfKubeconfigToTheKorchConfig() throws IOException {
        // given
        Path first = write(dir.resolve("first"), "first", "http://first:1", "");
        write(dir.resolve("second"), "second", "http://second:1", "");
        env.put("KUBECONFIG", first + java.io.File.pathSeparator + dir.resolve("second"));

        // when
        Connection connection = resolve(ConfigFlags.NONE);

        // then
        assertThat(connection).isEqualTo(new Connection("http://first:1", "default", null, "first"));
    }

    @Test
    void readsAMissingKubeconfigFileAsEmpty() {
        // given
        env.put("KUBECONFIG", dir.resolve("absent").toString());

        // then
        assertThat(resolve(ConfigFlags.NONE).server()).isEqualTo(Connection.DEFAULT_SERVER);
    }

    @Test
    void prefersTheKubeconfigFlagToTheEnvironment() throws IOException {
        // given
        Path flag = write(dir.resolve("flag"), "flag", "http://flag:1", "flag-ns");
        env.put("KUBECONFIG", dir.resolve("absent").toString());

        // then
        assertThat(resolve(new ConfigFlags(null, null, flag.toString(), null)))
                .isEqualTo(new Connection("http://flag:1", "flag-ns", null, "flag"));
    }

    @Test
    void refusesAKubeconfigFlagNamingNoFile() {
        assertThatThrownBy(() -> resolve(new ConfigFlags(null, null, "/no/such/file", null)))
                .hasMessage("stat /no/such/file: no such file or directory");
    }

    @Test
    void prefersTheServerFlagToTheEnvironmentAndTheEnvironmentToTheContext() {
        // given
        env.put("KORCH_SERVER", "http://env:1");

        // then
        assertThat(resolve(ConfigFlags.NONE).server()).isEqualTo("http://env:1");
        assertThat(resolve(new ConfigFlags("http://flag:1", null, null, null)).server()).isEqualTo("http://flag:1");
        assertThat(resolve(ConfigFlags.NONE).namespace()).as("the context still gives the namespace").isEqualTo("home-ns");
    }

    @Test
    void prefersTheNamespaceFlagToTheContexts() {
        // when
        Connection connection = resolve(new ConfigFlags(null, "mine", null, null));

        // then
        assertThat(connection.namespace()).isEqualTo("mine");
        assertThat(connection.namespaceFlag()).isEqualTo("mine");
    }

    @Test
    void usesTheContextNamedByTheFlagAndRefusesAnUnknownOne() throws IOException {
        // given
        KubeConfig.read(home.config()).withCluster("other", "http://other:1")
                .withContext("other", "other", "other", null).write(home.config());

        // then
        assertThat(resolve(new ConfigFlags(null, null, null, "other")))
                .isEqualTo(new Connection("http://other:1", "default", null, "other"));
        assertThatThrownBy(() -> resolve(new ConfigFlags(null, null, null, "nope")))
                .hasMessage("context was not found for specified context: nope");
    }

    @Test
    void flagsAfterTheSubcommandWinOverThoseBefore() {
        // given
        ConfigFlags before = new ConfigFlags("http://before:1", "before", "before-file", "before-context");
        ConfigFlags after = new ConfigFlags("http://after:1", null, null, null);

        // then
        assertThat(after.orElse(before)).isEqualTo(
                new ConfigFlags("http://after:1", "before", "before-file", "before-context"));
    }

    @Test
    void korchHomeMovesWithTheEnvironment() {
        assertThat(KorchHome.of(name -> null, Path.of("/u")).dir())
                .isEqualTo(Path.of("/u/.korch"));
        assertThat(KorchHome.of(Map.of("KORCH_HOME", "/x")::get, Path.of("/u")).config()).isEqualTo(Path.of("/x/config"));
    }

    private Connection resolve(ConfigFlags flags) {
        return Connection.resolve(flags, env::get, home);
    }

    private static Path write(Path file, String name, String server, String namespace) throws IOException {
        Files.createDirectories(file.getParent());
        KubeConfig.empty().withCluster(name, server).withUser(name)
                .withContext(name, name, name, namespace.isEmpty() ? null : namespace)
                .withCurrentContext(name).write(file);
        return file;
    }
}

package io.korch.cli.commands;

import static io.korch.cli.testing.Cli.korch;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.cli.testing.Cli;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The commands' behaviour that needs no server: usage, local validation and an unreachable API. */
class OfflineCommandsTest {

    @TempDir
    Path dir;

    @Test
    void printsTheHelpWithoutACommandAsKubectlDoes() {
        // when
        Cli.Result result = korch().run();

        // then
        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.out()).contains("Usage: korch").contains("api-resources").contains("config");
    }

    @Test
    void exitsWithOneAndSaysWhereHelpIsOnAMissingRequiredOption() {
        // when
        Cli.Result result = korch().run("scale", "deployment/web");

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: missing required option: '--replicas=N'\n"
                + "See 'korch scale --help' for usage.\n");
    }

    @Test
    void namesAnUnknownFlagOrCommandInKubectlsWords() {
        // when
        Cli.Result flag = korch().run("get", "pods", "--bogus=1");
        Cli.Result command = korch().run("foo");

        // then
        assertThat(flag.exitCode()).isEqualTo(1);
        assertThat(flag.err()).isEqualTo("error: unknown flag: --bogus\nSee 'korch get --help' for usage.\n");
        assertThat(command.exitCode()).isEqualTo(1);
        assertThat(command.err()).startsWith("error: unknown command \"foo\" for \"korch\"\n");
    }

    @Test
    void refusesABadOutputFormatWithKubectlsMessageBeforeSendingAnything() {
        // when
        Cli.Result result = korch().run("get", "pods", "-o", "jsonpath={.items[*]", "--server", "http://127.0.0.1:1");

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: error parsing jsonpath {.items[*], unclosed action\n");
    }

    @Test
    void refusesAnUnsupportedKindBeforeSendingAnything() throws IOException {
        // given: a valid namespace followed by an unsupported kind, and no server at all
        Path file = Files.writeString(dir.resolve("mixed.yaml"),
                "apiVersion: v1\nkind: Namespace\nmetadata: {name: demo}\n---\n"
                        + "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\n");

        // when
        Cli.Result result = korch().run("apply", "-f", file.toString(), "--server", unusedServer());

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: kind \"StatefulSet\" (apps/v1) is not supported by korch\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void reportsAnUnknownFieldWithItsPathOnOneLine() {
        // given
        String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: box}\n"
                + "spec:\n  containers:\n    - {name: main, image: korch/busybox:latest, resizePolicy: []}\n";

        // when
        Cli.Result result = korch().withStdin(pod).run("apply", "-f", "-", "--server", unusedServer());

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("error: error validating STDIN: Pod \"box\": spec.containers[0].resizePolicy: unknown field\n");
    }

    @Test
    void reportsMalformedYamlOnOneLine() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: [\n");

        // when
        Cli.Result result = korch().run("apply", "-f", file.toString(), "--server", unusedServer());

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: error parsing " + file + ": malformed YAML at line");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void saysTheApiCannotBeReachedAndHowToStartIt() throws IOException {
        // given
        String server = unusedServer();

        // when
        Cli.Result result = korch().run("get", "pods", "--server", server);

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: cannot reach the korch API at " + server
                + ": connection refused (is \"korch dev\" running?)\n");
    }

    @Test
    void refusesAnUnparseableOrFutureAtTimeOnOneLineBeforeSendingAnything() throws IOException {
        // given: no server at all, so any request would say it cannot be reached
        String server = unusedServer();

        // when
        Cli.Result garbage = korch().run("get", "pods", "--at", "yesterday", "--server", server);
        Cli.Result future = korch().run("get", "pod", "web", "--at", "2024-02-01T00:00:00Z", "--server", server);

        // then
        assertThat(garbage.exitCode()).isEqualTo(1);
        assertThat(garbage.err()).startsWith("error: invalid --at \"yesterday\": expected an RFC 3339 time");
        assertThat(garbage.err().lines()).hasSize(1);
        assertThat(future.exitCode()).isEqualTo(1);
        assertThat(future.err()).isEqualTo("error: --at 2024-02-01T00:00:00Z is in the future (now is " + Cli.NOW + ")\n");
    }

    @Test
    void refusesToWatchSeveralNamedObjectsOrAPastState() {
        // when
        Cli.Result several = korch().run("get", "pods", "a", "b", "-w", "--server", "http://127.0.0.1:1");
        Cli.Result past = korch().run("get", "pods", "-w", "--at", "-1m", "--server", "http://127.0.0.1:1");

        // then
        assertThat(several.exitCode()).isEqualTo(1);
        assertThat(several.err()).isEqualTo("error: watch is only supported on one object or a whole collection,"
                + " but 2 names were given\n");
        assertThat(past.exitCode()).isEqualTo(1);
        assertThat(past.err()).isEqualTo("error: --at shows a past state and cannot be combined with --watch\n");
    }

    @Test
    void asksHistoryForTheNameOfOneObject() {
        // when
        Cli.Result result = korch().run("history", "deployments", "--server", "http://127.0.0.1:1");

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: history needs the name of one object, e.g. korch history deployment web\n");
    }

    @Test
    void refusesAnUnknownResourceType() {
        // when
        Cli.Result result = korch().run("get", "statefulsets", "--server", "http://127.0.0.1:1");

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: the server doesn't have a resource type \"statefulsets\"\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--for=web                   | error: --for must be in resource/name form, e.g. --for deployment/web",
            "--for=deployment/           | error: --for must be in resource/name form, e.g. --for deployment/web",
            "--for=pod/web/1             | error: arguments in resource/name form may not have more than one slash",
            "--for=statefulset/db        | error: the server doesn't have a resource type \"statefulset\"",
            "--types=Normal,Critical     | error: valid --types are Normal or Warning",
    })
    void refusesAMalformedEventsFilterOnOneLineBeforeSendingAnything(String option, String error) {
        // when
        Cli.Result result = korch().run("events", option, "--server", unusedServer());

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(error + "\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void refusesNamedEventsAndPointsToEventsFor() {
        // when
        Cli.Result result = korch().run("get", "events", "web", "--server", unusedServer());

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("korch events --for KIND/NAME").hasLineCount(1);
    }

    @Test
    void printsTheVersion() {
        // when
        Cli.Result result = korch().run("version");

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Client Version: ");
    }

    @Test
    void refusesAnInvalidDurationAsAUsageError() {
        // when
        Cli.Result result = korch().run("dev", "--node-grace-period", "soon");

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("invalid duration \"soon\"");
    }

    @Test
    void refusesZeroPartitionsWithOneLineBeforeStartingAnything() {
        // when
        Cli.Result dev = korch().run("dev", "--partitions", "0", "--port", "0", "--kafka-port", "0");
        Cli.Result controllers = korch().run("controllers", "--kafka", "127.0.0.1:1", "--partitions", "0");

        // then
        assertThat(dev.exitCode()).isEqualTo(1);
        assertThat(dev.err()).isEqualTo("error: --partitions must be at least 1, not 0\n");
        assertThat(controllers.exitCode()).isEqualTo(1);
        assertThat(controllers.err()).isEqualTo("error: --partitions must be at least 1, not 0\n");
    }

    @Test
    void refusesAChangeLogRetentionThatIsNotPositiveWithOneLineBeforeStartingAnything() {
        // when
        Cli.Result dev = korch().run("dev", "--change-log-retention", "0s", "--port", "0", "--kafka-port", "0");
        Cli.Result gateway = korch().run("gateway", "--kafka", "127.0.0.1:1", "--change-log-retention", "0s", "--port", "0");
        Cli.Result garbage = korch().run("dev", "--change-log-retention", "a week");

        // then
        assertThat(dev.exitCode()).isEqualTo(1);
        assertThat(dev.err()).isEqualTo("error: --change-log-retention must be positive, not PT0S\n");
        assertThat(gateway.exitCode()).isEqualTo(1);
        assertThat(gateway.err()).isEqualTo("error: --change-log-retention must be positive, not PT0S\n");
        assertThat(garbage.exitCode()).isEqualTo(1);
        assertThat(garbage.err()).contains("invalid duration \"a week\"");
    }

    @Test
    void refusesAnOutOfRangeEvictionThresholdAsAUsageErrorBeforeTouchingKafka() {
        // when
        Cli.Result dev = korch().run("dev", "--unhealthy-zone-threshold", "2");
        Cli.Result controllers = korch().run("controllers", "--kafka", "127.0.0.1:1", "--node-eviction-rate", "-1");

        // then
        assertThat(dev.exitCode()).isEqualTo(1);
        assertThat(dev.err()).contains("invalid node eviction options", "unhealthy zone threshold");
        assertThat(controllers.exitCode()).isEqualTo(1);
        assertThat(controllers.err()).contains("invalid node eviction options", "eviction rates");
    }

    @Test
    void refusesAClusterCidrThatDoesNotParseBeforeTouchingKafka() {
        // when
        Cli.Result result = korch().run("controllers", "--kafka", "127.0.0.1:1", "--cluster-cidr", "10.244.0.0");

        // then
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("--cluster-cidr: invalid CIDR address: 10.244.0.0");
    }

    @Test
    void offersKubernetesNodeEvictionOptionsWithItsDefaultsOnControllersAndDev() {
        for (String command : new String[] {"controllers", "dev"}) {
            // when
            Cli.Result result = korch().run(command, "--help");

            // then
            assertThat(result.exitCode()).isZero();
            assertThat(result.out().replaceAll("\\s+", " ")).contains(
                    "--node-grace-period", "--node-eviction-rate", "(default: 0.1)",
                    "--secondary-node-eviction-rate", "(default: 0.01)",
                    "--unhealthy-zone-threshold", "(default: 0.55)",
                    "--large-cluster-size-threshold", "(default: 50)");
        }
    }

    @Test
    void refusesABusyGatewayPortBeforeTouchingKafka() throws IOException {
        // given
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();

            // when
            Cli.Result result = korch().run("gateway", "--kafka", "127.0.0.1:1", "--port", Integer.toString(port));

            // then
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).isEqualTo("error: port " + port + " on 127.0.0.1 is already in use"
                    + " (is another korch running? choose another with --port)\n");
        }
    }

    @Test
    void refusesAnInvalidQuantityAsAUsageError() {
        // when
        Cli.Result result = korch().run("agent", "--kafka", "127.0.0.1:1", "--name", "node-9", "--memory", "lots");

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("invalid quantity \"lots\"");
    }

    @Test
    void refusesANonNumericHollowNodeCountAsAUsageError() {
        // when
        Cli.Result result = korch().run("hollow-nodes", "--kafka", "127.0.0.1:1", "--count", "abc");

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines().findFirst()).hasValue("error: invalid value for option '--count':"
                + " invalid number \"abc\": expected a whole number of at least 1");
    }

    @Test
    void refusesZeroHollowNodesAsAUsageError() {
        // when
        Cli.Result result = korch().run("hollow-nodes", "--kafka", "127.0.0.1:1", "--count", "0");

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines().findFirst()).hasValue("error: invalid value for option '--count':"
                + " invalid number \"0\": expected a whole number of at least 1");
    }

    @Test
    void refusesAHollowNodePrefixThatGivesInvalidNamesOnOneLine() {
        // when
        Cli.Result result = korch().run("hollow-nodes", "--kafka", "127.0.0.1:1", "--count", "2", "--prefix", "Big_");

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: invalid node name \"Big_1\" from prefix \"Big_\"");
        assertThat(result.err().lines()).hasSize(1);
    }

    private static String unusedServer() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

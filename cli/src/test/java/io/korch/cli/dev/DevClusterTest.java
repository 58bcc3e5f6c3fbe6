package io.korch.cli.dev;

import static io.korch.cli.testing.Cli.korch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.korch.cli.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev cluster started from code with one node: every service comes up on free ports, the
 * CLI reaches it, and stopping and starting the node's agent makes the node NotReady and Ready
 * again. The agent uses Docker when it answers, else the local-process runtime; it runs no pods
 * here. The node has a name of its own, since an agent removes the containers labelled with its
 * node name that it is not assigned.
 */
class DevClusterTest {

    private static final String NODE = "cli-test-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dataDir;

    @Test
    void startsEveryServiceAndLosesAndRegainsANode() {
        // given
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        DevClusterOptions options = DevClusterOptions.ephemeral(dataDir)
                .withNodes(0)
                .withNodeGracePeriod(Duration.ofSeconds(2));

        try (DevCluster cluster = DevCluster.start(options, new PrintStream(progress, true, StandardCharsets.UTF_8))) {
            cluster.startAgent(NODE);

            // then: each step was reported, and the CLI sees the registered node
            assertThat(progress.toString(StandardCharsets.UTF_8)).contains(
                    "starting Kafka", "creating topics", "starting API gateway", "starting controllers",
                    "starting scheduler", "starting " + NODE, "done (");
            assertThat(cluster.apiUrl()).startsWith("http://127.0.0.1:");
            assertThat(cluster.bootstrapServers()).startsWith("127.0.0.1:");
            await().atMost(Duration.ofSeconds(30)).until(() -> nodeStatus(cluster).equals("Ready"));

            // when the node's agent stops, then the node is declared NotReady after the grace period
            cluster.stopAgent(NODE);
            assertThat(cluster.runningNodes()).isEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() -> nodeStatus(cluster).equals("NotReady"));

            // when it starts again, then the node is Ready again
            cluster.startAgent(NODE);
            assertThat(cluster.agent(NODE).nodeName()).isEqualTo(NODE);
            assertThatThrownBy(() -> cluster.startAgent(NODE)).hasMessageContaining("already running");
            assertThatThrownBy(() -> cluster.agent("node-9")).hasMessageContaining("no agent runs for node node-9");
            await().atMost(Duration.ofSeconds(30)).until(() -> nodeStatus(cluster).equals("Ready"));
        }
    }

    @Test
    void refusesABusyApiPortWithOneLineAndExitCodeOne() throws IOException {
        // given
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();

            // when
            Cli.Result result = korch().run("dev", "--port", Integer.toString(port), "--kafka-port", "0",
                    "--data-dir", dataDir.toString());

            // then
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).isEqualTo("error: port " + port + " on 127.0.0.1 is already in use"
                    + " (is another korch running? choose another with --port)\n");
        }
    }

    private static String nodeStatus(DevCluster cluster) {
        Cli.Result result = korch().withSystemClock().run("get", "nodes", "--server", cluster.apiUrl());
        return result.out().lines()
                .filter(line -> line.startsWith(NODE + " "))
                .map(line -> line.split("\\s+")[1])
                .findFirst()
                .orElse("absent");
    }
}

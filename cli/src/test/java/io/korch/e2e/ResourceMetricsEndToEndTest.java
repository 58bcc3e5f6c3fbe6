package io.korch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;
import static org.awaitility.Awaitility.await;

import io.korch.cli.dev.DevCluster;
import io.korch.cli.dev.DevKubeconfig;
import io.korch.cli.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource metrics on a dev cluster running real Docker containers: the agents sample their pods' CPU and memory
 * from the engine, the gateway serves them as {@code metrics.k8s.io}, and {@code korch top} and the machine's
 * {@code kubectl top} print them, agreeing with {@code docker stats}. The agents sample every second, so a
 * comparison waits a few seconds at most.
 */
class ResourceMetricsEndToEndTest {

    private static final Duration CONVERGE = Duration.ofSeconds(90);
    private static final Duration METRICS_INTERVAL = Duration.ofSeconds(1);
    /** How far korch's figures may be from docker stats': a fifth. */
    private static final double TOLERANCE = 0.2;
    /** Paired readings averaged per comparison, so that one noisy second on a busy machine does not decide it. */
    private static final int READINGS = 3;

    @TempDir
    static Path dataDir;

    private static DevCluster cluster;
    private static NamespaceSession session;
    private static String namespace;
    private static String prefix;

    @BeforeAll
    static void startCluster() {
        Docker.require();
        prefix = "top" + UUID.randomUUID().toString().substring(0, 6) + "-";
        namespace = prefix + "ns";
        cluster = DevClusterFixture.start(dataDir, prefix, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), options -> options.withMetricsInterval(METRICS_INTERVAL));
        session = NamespaceSession.create(cluster.apiUrl(), namespace);
        // a pod burning CPU, held to half a core so its use is steady, and one holding 48 MiB of memory
        session.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: burner, labels: {app: burner}}
                spec:
                  terminationGracePeriodSeconds: 0
                  containers:
                  - name: spin
                    image: korch/busybox:latest
                    command: ["sh", "-c", "while :; do :; done"]
                    resources: {limits: {cpu: 500m}}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: holder, labels: {app: holder}}
                spec:
                  terminationGracePeriodSeconds: 0
                  containers:
                  - name: hold
                    image: korch/busybox:latest
                    command: ["sh", "-c", "dd if=/dev/zero of=/dev/shm/fill bs=1048576 count=48 && exec sleep 3600"]
                """);
        await().atMost(CONVERGE).until(() -> session.korch("top", "pods").out().contains("holder")
                && session.korch("top", "pods").out().contains("burner"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (namespace != null) {
            Docker.removeAll("io.korch.pod.namespace=" + namespace);
        }
    }

    @Test
    void korchTopPodsAgreesWithDockerStats() {
        String burner = Docker.runningContainers("io.korch.pod.namespace=" + namespace, "io.korch.pod.name=burner")
                .get(0);
        String holder = Docker.runningContainers("io.korch.pod.namespace=" + namespace, "io.korch.pod.name=holder")
                .get(0);

        await().atMost(CONVERGE).untilAsserted(() -> {
            double[] korch = new double[2];
            double[] docker = new double[2];
            for (int i = 0; i < READINGS; i++) {
                Map<String, String[]> top = rows(session.korch("top", "pods", "--containers"));
                Map<String, double[]> stats = dockerStats(burner, holder);
                korch[0] += millicores(top.get("burner")[2]);
                korch[1] += mebibytes(top.get("holder")[3]);
                docker[0] += stats.get(burner)[0];
                docker[1] += stats.get(holder)[1];
            }
            // both near half a core, both near the 48 MiB held
            assertThat(korch[0] / READINGS).as("burner's CPU in millicores, korch against docker stats")
                    .isCloseTo(docker[0] / READINGS, withPercentage(TOLERANCE * 100));
            assertThat(korch[1] / READINGS).as("holder's memory in MiB, korch against docker stats")
                    .isCloseTo(docker[1] / READINGS, withPercentage(TOLERANCE * 100));
        });
        Map<String, String[]> top = rows(session.korch("top", "pods", "--containers"));
        assertThat(millicores(top.get("burner")[2])).isBetween(100.0, 500.0 * (1 + TOLERANCE));
        assertThat(top.get("burner")[1]).isEqualTo("spin");
        assertThat(mebibytes(top.get("holder")[3])).isBetween(48.0 * (1 - TOLERANCE), 48.0 * (1 + TOLERANCE));
    }

    @Test
    void korchTopSelectsByLabelAndShowsTheNamespaceWithAllNamespaces() {
        Cli.Result selected = session.korch("top", "pods", "-l", "app=holder");
        assertThat(selected.exitCode()).as(selected.err()).isZero();
        assertThat(selected.out()).startsWith("NAME     CPU(cores)   MEMORY(bytes)\nholder   ");
        assertThat(selected.out()).doesNotContain("burner");

        Cli.Result all = session.korch("top", "pods", "-A");
        assertThat(all.out()).startsWith("NAMESPACE").contains(namespace + "   burner");
    }

    @Test
    void korchTopNodesShowsTheNodesWithTheirShareOfAllocatable() {
        await().atMost(CONVERGE).untilAsserted(() -> {
            Cli.Result nodes = session.korch("top", "nodes");
            assertThat(nodes.exitCode()).as(nodes.err()).isZero();
            assertThat(nodes.out()).startsWith("NAME").contains("CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)");
            assertThat(nodes.out().lines().filter(line -> line.startsWith(prefix + "node-"))
                    .filter(line -> line.matches("\\S+\\s+\\d+m\\s+\\d+%\\s+\\d+Mi\\s+\\d+%")).count()).isEqualTo(2);
        });
        Cli.Result one = session.korch("top", "node", prefix + "node-1");
        assertThat(one.out().lines().toList()).hasSize(2);
    }

    @Test
    void withoutSamplesKorchTopSaysMetricsAreNotAvailableYet() {
        Cli.Result none = session.korch("top", "pods", "-n", prefix + "empty");

        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err().strip()).isEqualTo("error: metrics not available yet");
    }

    @Test
    void kubectlTopPrintsThePodsAndNodes() {
        Kubectl.require();
        Path kubeconfig = dataDir.resolve("kubeconfig");
        DevKubeconfig.standalone(cluster.apiUrl()).write(kubeconfig);
        Kubectl kubectl = new Kubectl(kubeconfig);

        String pods = kubectl.run("top", "pods", "-n", namespace).ok();
        assertThat(pods).startsWith("NAME").contains("CPU(cores)").contains("burner").contains("holder");
        assertThat(kubectl.run("top", "pods", "-n", namespace, "--containers").ok()).contains("spin");
        assertThat(kubectl.run("top", "nodes").ok()).contains(prefix + "node-1");
    }

    /** The rows of a {@code top pods --containers} table, by pod name: its cells. */
    private static Map<String, String[]> rows(Cli.Result top) {
        assertThat(top.exitCode()).as(top.err()).isZero();
        Map<String, String[]> rows = new HashMap<>();
        top.out().lines().skip(1).map(line -> line.trim().split("\\s+")).forEach(cells -> rows.put(cells[0], cells));
        return rows;
    }

    /** {@code docker stats --no-stream} of the containers: CPU in millicores and memory in MiB, by id. */
    private static Map<String, double[]> dockerStats(String... ids) {
        List<String> args = new ArrayList<>(List.of("stats", "--no-stream", "--no-trunc", "--format",
                "{{.ID}} {{.CPUPerc}} {{.MemUsage}}"));
        args.addAll(Arrays.asList(ids));
        Map<String, double[]> stats = new HashMap<>();
        for (String line : Docker.run(args.toArray(String[]::new)).split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length >= 3) {
                double cpu = Double.parseDouble(cells[1].replace("%", "")) * 10;
                stats.put(cells[0], new double[] {cpu, dockerMebibytes(cells[2])});
            }
        }
        assertThat(stats).as("docker stats of %s", Arrays.toString(ids)).containsKeys(ids);
        return stats;
    }

    /** A size as docker stats writes it ({@code 48.2MiB}, {@code 900KiB}, {@code 1.1GiB}) in MiB. */
    private static double dockerMebibytes(String size) {
        String[][] units = {{"GiB", "1024"}, {"MiB", "1"}, {"KiB", "0.0009765625"}, {"B", "0.00000095367431640625"}};
        for (String[] unit : units) {
            if (size.endsWith(unit[0])) {
                return Double.parseDouble(size.substring(0, size.length() - unit[0].length()))
                        * Double.parseDouble(unit[1]);
            }
        }
        throw new IllegalArgumentException("not a docker stats size: " + size);
    }

    private static double millicores(String cpu) {
        return Double.parseDouble(cpu.replace("m", ""));
    }

    private static double mebibytes(String memory) {
        return Double.parseDouble(memory.replace("Mi", ""));
    }
}

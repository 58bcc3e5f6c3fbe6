package io.korch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.cli.dev.DevCluster;
import io.korch.cli.dev.DevKubeconfig;
import io.korch.cli.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HorizontalPodAutoscaler on a dev cluster running real Docker containers: pods burning CPU
 * are scaled up from one replica to the autoscaler's maximum, and back down to one once they
 * idle. Whether a pod burns is read from a ConfigMap mounted into it, so that every replica,
 * old or new, follows one switch without a rollout. The agents sample every second, the
 * autoscaler syncs every 3 seconds and looks back 10 seconds before it scales down.
 */
class AutoscalingEndToEndTest {

    private static final Duration CONVERGE = Duration.ofSeconds(90);
    /** The autoscaler's promise: from one replica to at least three within a minute. */
    private static final Duration SCALE_UP = Duration.ofSeconds(60);
    /**
     * The mounted ConfigMap reaching every pod, each pod sampled idle (a pod without a fresh sample
     * counts as at its request when scaling down) and the 10 s window: generous for a busy machine.
     */
    private static final Duration SCALE_DOWN = Duration.ofMinutes(3);
    private static final Duration METRICS_INTERVAL = Duration.ofSeconds(1);
    private static final Duration SYNC_PERIOD = Duration.ofSeconds(3);
    private static final Duration DOWNSCALE_STABILIZATION = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;

    private static DevCluster cluster;
    private static NamespaceSession session;
    private static String namespace;

    @BeforeAll
    static void startCluster() {
        Docker.require();
        String prefix = "hpa" + UUID.randomUUID().toString().substring(0, 6) + "-";
        namespace = prefix + "ns";
        cluster = DevClusterFixture.start(dataDir, prefix, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), options -> options.withMetricsInterval(METRICS_INTERVAL)
                .withAutoscaler(SYNC_PERIOD, DOWNSCALE_STABILIZATION));
        session = NamespaceSession.create(cluster.apiUrl(), namespace);
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
    void busyPodsAreScaledUpAndIdlePodsBackDown() {
        // given a deployment of one pod burning its 200m limit, twice and more its 100m request
        session.apply(mode("burn") + """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: burn}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: burn}}
                  template:
                    metadata: {labels: {app: burn}}
                    spec:
                      terminationGracePeriodSeconds: 0
                      containers:
                      - name: spin
                        image: korch/busybox:latest
                        command: ["sh", "-c", "while :; do read m < /etc/burn/mode; [ \\"$m\\" = idle ] && sleep 1; done"]
                        resources: {requests: {cpu: 100m}, limits: {cpu: 200m}}
                        volumeMounts: [{name: mode, mountPath: /etc/burn}]
                      volumes: [{name: mode, configMap: {name: burn-mode}}]
                """);
        await().atMost(CONVERGE).until(() -> session.korch("top", "pods").out().contains("burn-"));

        // when it is autoscaled to half its request
        Cli.Result autoscaled = session.korch("autoscale", "deployment/burn", "--min", "1", "--max", "4",
                "--cpu-percent", "50");
        assertThat(autoscaled.exitCode()).as(autoscaled.err()).isZero();
        assertThat(autoscaled.out().strip()).isEqualTo("horizontalpodautoscaler.autoscaling/burn autoscaled");

        // then it is scaled up, its pods running, and kubectl's columns say why
        await().atMost(SCALE_UP).until(() -> session.deployment("burn").at("/spec/replicas").asInt() >= 3);
        await().atMost(CONVERGE).until(() -> session.podNames("app=burn").size() >= 3);
        Cli.Result table = session.korch("get", "hpa");
        assertThat(table.out()).startsWith("NAME   REFERENCE         TARGETS").contains("MINPODS   MAXPODS   REPLICAS   AGE");
        assertThat(table.out()).containsPattern("burn   Deployment/burn   cpu: \\d+%/50%\\s+1\\s+4\\s+\\d");
        Cli.Result described = session.korch("describe", "hpa", "burn");
        assertThat(described.out()).contains("Reference:").contains("Deployment/burn")
                .contains("ScalingActive   True")
                .contains("ValidMetricFound")
                .contains("SuccessfulRescale")
                .contains("cpu resource utilization (percentage of request) above target");

        if (Kubectl.available()) {
            Path kubeconfig = dataDir.resolve("kubeconfig");
            DevKubeconfig.standalone(cluster.apiUrl()).write(kubeconfig);
            Kubectl kubectl = new Kubectl(kubeconfig);
            assertThat(kubectl.run("get", "hpa", "-n", namespace).ok())
                    .containsPattern("burn\\s+Deployment/burn\\s+cpu: \\d+%/50%\\s+1\\s+4");
            assertThat(kubectl.run("describe", "hpa", "burn", "-n", namespace).ok()).contains("SuccessfulRescale");
        }

        // and once its pods idle, it is scaled back down to its minimum
        session.apply(mode("idle"));
        try {
            await().atMost(SCALE_DOWN).until(() -> session.deployment("burn").at("/spec/replicas").asInt() == 1);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not scaled down within " + SCALE_DOWN + "\n" + whatTheAutoscalerSaw(), e);
        }
        // the autoscaler reports its status after it scaled, so the reason may show a sync later
        await().atMost(CONVERGE).until(() -> session.korch("describe", "hpa", "burn").out()
                .contains("All metrics below target"));
    }

    /** What the autoscaler, the metrics and each pod's mounted switch said, for a failure's message. */
    private static String whatTheAutoscalerSaw() {
        StringBuilder seen = new StringBuilder(session.korch("describe", "hpa", "burn").out())
                .append(session.korch("top", "pods").out())
                .append(session.korch("get", "pods", "-o", "wide").out());
        for (String pod : session.podNames("app=burn")) {
            Cli.Result read = session.korch("exec", pod, "--", "cat", "/etc/burn/mode");
            seen.append(pod).append(" reads ").append(read.out().strip()).append(read.err().strip()).append('\n');
        }
        return seen.toString();
    }

    private static String mode(String mode) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: burn-mode}\ndata: {mode: " + mode + "}\n";
    }
}

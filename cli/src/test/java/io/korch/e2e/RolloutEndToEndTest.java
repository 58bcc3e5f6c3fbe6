package io.korch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.cli.dev.DevCluster;
import io.korch.cli.dev.DevKubeconfig;
import io.korch.cli.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rolling updates on a dev cluster running real Docker containers: a web Deployment behind a
 * NodePort Service rolled to a second image and back while the host keeps connecting, a rollout to
 * an image that is not there, pause, resume and restart, with korch's and kubectl's rollout
 * commands, and the rollouts the API refuses.
 */
class RolloutEndToEndTest {

    private static final Duration CONVERGE = Duration.ofSeconds(120);
    private static final String V1 = "korch/busybox:rollout-v1";
    private static final String V2 = "korch/busybox:rollout-v2";
    /** Bounds the client's load: at most this many requests, one every {@link #CLIENT_PACE}. */
    private static final int MAX_REQUESTS = 6_000;
    private static final Duration CLIENT_PACE = Duration.ofMillis(40);

    @TempDir
    static Path dataDir;

    private static DevCluster cluster;
    private static NamespaceSession session;
    private static String namespace;

    @BeforeAll
    static void startCluster() throws IOException {
        Docker.require();
        buildAnsweringImage(V1, "v1");
        buildAnsweringImage(V2, "v2");
        String prefix = "roll" + UUID.randomUUID().toString().substring(0, 6) + "-";
        namespace = prefix + "ns";
        cluster = DevClusterFixture.start(dataDir, prefix, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
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

    /** A tag of the local image whose web root answers {@code answer}. */
    private static void buildAnsweringImage(String tag, String answer) throws IOException {
        Path context = Files.createDirectories(dataDir.resolve("image-" + answer));
        Files.writeString(context.resolve("index.html"), answer + "\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + Docker.IMAGE + "\nCOPY index.html /www/index.html\n");
        Docker.run("build", "-q", "-t", tag, context.toString());
    }

    @Test
    void aRollingUpdateBehindAServiceDropsNoConnectionAndUndoBringsTheFirstRevisionBack() throws Exception {
        // given 4 replicas of v1 behind a NodePort, rolled out
        web("web", V1, "");
        nodePortService("web");
        int nodePort = session.api().get("/api/v1/namespaces/" + namespace + "/services/web").body()
                .at("/spec/ports/0/nodePort").asInt();
        assertThat(rolloutStatus("web").out()).contains("deployment \"web\" successfully rolled out");
        await().atMost(CONVERGE).until(() -> "v1".equals(answerOrNull(nodePort)));

        try (Client client = Client.start(nodePort)) {
            // when the image changes to v2
            web("web", V2, "");

            // then the rollout is followed to its end, the answers switch to v2, and no connection failed
            Cli.Result status = rolloutStatus("web");
            assertThat(status.out()).contains("Waiting for deployment \"web\" rollout to finish: ",
                    "deployment \"web\" successfully rolled out");
            await().atMost(CONVERGE).until(() -> client.lastAnswers(5).equals(List.of("v2", "v2", "v2", "v2", "v2")));
            assertThat(session.deployment("web").at("/status/updatedReplicas").asInt()).isEqualTo(4);
            assertThat(session.korch("rollout", "history", "deployment/web").out())
                    .containsPattern("(?m)^REVISION\\s+CHANGE-CAUSE$")
                    .containsPattern("(?m)^1\\s+<none>$")
                    .containsPattern("(?m)^2\\s+<none>$");

            // when the rollout is undone
            Cli.Result undo = session.korch("rollout", "undo", "deployment/web");
            assertThat(undo.exitCode()).as(undo.err()).isZero();
            assertThat(undo.out()).isEqualTo("deployment.apps/web rolled back\n");

            // then v1 answers again, from revision 3: the first one's ReplicaSet, revived
            assertThat(rolloutStatus("web").out()).contains("deployment \"web\" successfully rolled out");
            await().atMost(CONVERGE).until(() -> client.lastAnswers(5).equals(List.of("v1", "v1", "v1", "v1", "v1")));
            assertThat(session.korch("rollout", "history", "deployment/web").out())
                    .containsPattern("(?m)^2\\s+<none>$").containsPattern("(?m)^3\\s+<none>$")
                    .doesNotContainPattern("(?m)^1\\s");

            client.stop();
            assertThat(client.failures()).as("failed connections").isEmpty();
            assertThat(client.answers()).startsWith("v1").contains("v2").endsWith("v1");
            assertThat(collapsed(client.answers())).as("v1, then v2, then v1 again, with overlaps only while switching")
                    .startsWith("v1").endsWith("v1").contains("v2");
        }

        // and kubectl sees the same revisions, and rolls back to v2 in turn
        Kubectl kubectl = kubectl();
        assertThat(kubectl.run("rollout", "history", "deployment/web", "-n", namespace).ok())
                .containsPattern("(?m)^2\\s+<none>").containsPattern("(?m)^3\\s+<none>");
        assertThat(kubectl.run("rollout", "undo", "deployment/web", "-n", namespace).ok())
                .contains("deployment.apps/web rolled back");
        assertThat(kubectl.run("rollout", "status", "deployment/web", "-n", namespace, "--timeout=120s").ok())
                .contains("deployment \"web\" successfully rolled out");
        await().atMost(CONVERGE).until(() -> "v2".equals(answerOrNull(nodePort)));
        assertThat(kubectl.run("rollout", "history", "deployment/web", "-n", namespace).ok())
                .containsPattern("(?m)^3\\s+<none>").containsPattern("(?m)^4\\s+<none>");
    }

    @Test
    void aRolloutToAnImageThatIsNotThereStopsAtMaxUnavailableAndReportsItsDeadlineWhileTheOldPodsServe()
            throws Exception {
        // given 4 replicas of v1 behind a NodePort, with a 10 s progress deadline
        web("stuck", V1, "  progressDeadlineSeconds: 10\n");
        nodePortService("stuck");
        int nodePort = session.api().get("/api/v1/namespaces/" + namespace + "/services/stuck").body()
                .at("/spec/ports/0/nodePort").asInt();
        assertThat(rolloutStatus("stuck").out()).contains("successfully rolled out");
        await().atMost(CONVERGE).until(() -> "v1".equals(answerOrNull(nodePort)));

        // when it is rolled to an image that is not present and may not be pulled
        web("stuck", "korch/busybox:not-there", "  progressDeadlineSeconds: 10\n");

        // then the rollout fails on its deadline, at 2 new pods (1 of surge, 1 unavailable) and 3 old ones
        await().atMost(CONVERGE).until(() -> "ProgressDeadlineExceeded".equals(progressing("stuck").path("reason").asText()));
        JsonNode progressing = progressing("stuck");
        assertThat(progressing.path("status").asText()).isEqualTo("False");
        assertThat(progressing.path("message").asText()).matches("ReplicaSet \"stuck-[a-z0-9]+\" has timed out progressing\\.");
        JsonNode status = session.deployment("stuck").path("status");
        assertThat(status.path("updatedReplicas").asInt()).isEqualTo(2);
        assertThat(status.path("availableReplicas").asInt()).isEqualTo(3);
        assertThat(status.path("replicas").asInt()).isEqualTo(5);
        Cli.Result failed = rolloutStatus("stuck");
        assertThat(failed.exitCode()).isOne();
        assertThat(failed.err()).isEqualTo("error: deployment \"stuck\" exceeded its progress deadline\n");

        // and the old pods still serve
        for (int i = 0; i < 20; i++) {
            assertThat(HostHttp.lastLine(nodePort)).isEqualTo("v1");
        }
    }

    @Test
    void aPausedDeploymentStartsNoRolloutUntilResumedAndARestartReplacesEveryPod() {
        web("paused", V1, "");
        assertThat(rolloutStatus("paused").out()).contains("successfully rolled out");

        // when paused, a new template starts no rollout
        assertThat(session.korch("rollout", "pause", "deployment/paused").out()).isEqualTo("deployment.apps/paused paused\n");
        Cli.Result again = session.korch("rollout", "pause", "deployment/paused");
        assertThat(again.exitCode()).isOne();
        assertThat(again.err()).isEqualTo("error: deployments.apps \"paused\" is already paused\n");
        await().atMost(CONVERGE).until(() -> session.deployment("paused").at("/spec/paused").asBoolean());
        web("paused", V2, "  paused: true\n");
        await().atMost(CONVERGE).until(() -> session.deployment("paused").at("/status/observedGeneration").asLong()
                == session.deployment("paused").at("/metadata/generation").asLong());
        assertThat(progressing("paused").path("reason").asText()).isEqualTo("DeploymentPaused");
        assertThat(replicaSets("paused")).hasSize(1);

        // when resumed, it rolls out
        assertThat(session.korch("rollout", "resume", "deployment/paused").out()).isEqualTo("deployment.apps/paused resumed\n");
        assertThat(rolloutStatus("paused").out()).contains("successfully rolled out");
        assertThat(replicaSets("paused")).hasSize(2);

        // and a restart replaces every pod through a new revision
        List<String> before = session.podNames("app=paused");
        assertThat(session.korch("rollout", "restart", "deployment/paused").out()).isEqualTo("deployment.apps/paused restarted\n");
        assertThat(rolloutStatus("paused").out()).contains("successfully rolled out");
        await().atMost(CONVERGE).until(() -> session.podNames("app=paused").size() == 4
                && Collections.disjoint(session.podNames("app=paused"), before));
        assertThat(session.korch("rollout", "history", "deployment/paused").out()).containsPattern("(?m)^3\\s+<none>$");
    }

    @Test
    void theApiRefusesARolloutThatCouldNeverProgressAndUndoRefusesARevisionThatDoesNotExist() {
        Cli.Result refused = session.applyResult(deployment("frozen", V1, """
                  strategy:
                    type: RollingUpdate
                    rollingUpdate: {maxSurge: 0, maxUnavailable: 0}
                """));
        assertThat(refused.exitCode()).isOne();
        assertThat(refused.err()).contains("spec.strategy.rollingUpdate.maxUnavailable",
                "may not be 0 when `maxSurge` is 0");
        String body = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"frozen\"},\"spec\":{"
                + "\"selector\":{\"matchLabels\":{\"app\":\"frozen\"}},\"strategy\":{\"rollingUpdate\":{\"maxSurge\":0,"
                + "\"maxUnavailable\":0}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"frozen\"}},\"spec\":{"
                + "\"containers\":[{\"name\":\"httpd\",\"image\":\"" + V1 + "\"}]}}}}";
        Api.Response response = session.api().post("/apis/apps/v1/namespaces/" + namespace + "/deployments", body);
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().at("/details/causes/0/field").asText()).isEqualTo("spec.strategy.rollingUpdate.maxUnavailable");

        web("once", V1, "");
        Cli.Result missing = session.korch("rollout", "undo", "deployment/once", "--to-revision", "99");
        assertThat(missing.exitCode()).isOne();
        assertThat(missing.err()).isEqualTo("error: unable to find specified revision 99 in history\n");
        Cli.Result none = session.korch("rollout", "undo", "deployment/once");
        assertThat(none.exitCode()).isOne();
        assertThat(none.err()).isEqualTo("error: no rollout history found for deployment \"once\"\n");
    }

    // --- the workloads --------------------------------------------------------------------------

    /** Applies Deployment {@code name}: 4 httpd replicas of {@code image}, with {@code extraSpec} lines in its spec. */
    private static void web(String name, String image, String extraSpec) {
        session.apply(deployment(name, image, extraSpec));
    }

    private static String deployment(String name, String image, String extraSpec) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s}
                spec:
                  replicas: 4
                %3$s  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      terminationGracePeriodSeconds: 5
                      containers:
                      - name: httpd
                        image: %2$s
                        imagePullPolicy: Never
                        command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
                        ports: [{name: http, containerPort: 8080}]
                        readinessProbe:
                          httpGet: {path: /, port: http}
                          periodSeconds: 1
                        lifecycle:
                          preStop:
                            exec: {command: ["sleep", "2"]}
                """.formatted(name, image, extraSpec);
    }

    private static void nodePortService(String name) {
        session.apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: %1$s}
                spec:
                  type: NodePort
                  selector: {app: %1$s}
                  ports: [{name: http, port: 80, targetPort: http}]
                """.formatted(name));
    }

    private static Cli.Result rolloutStatus(String name) {
        return session.korch("rollout", "status", "deployment/" + name, "--timeout", CONVERGE.toSeconds() + "s");
    }

    private static JsonNode progressing(String name) {
        for (JsonNode condition : session.deployment(name).at("/status/conditions")) {
            if ("Progressing".equals(condition.path("type").asText())) {
                return condition;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static List<JsonNode> replicaSets(String deployment) {
        return session.api().items("/apis/apps/v1/namespaces/" + namespace + "/replicasets?labelSelector=app=" + deployment);
    }

    private static String answerOrNull(int nodePort) {
        try {
            return HostHttp.lastLine(nodePort);
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code answers} with repeats of the same answer collapsed into one. */
    private static List<String> collapsed(List<String> answers) {
        List<String> runs = new ArrayList<>();
        for (String answer : answers) {
            if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(answer)) {
                runs.add(answer);
            }
        }
        return runs;
    }

    private static Kubectl kubectl() {
        Kubectl.require();
        Path kubeconfig = dataDir.resolve("kubeconfig");
        DevKubeconfig.standalone(cluster.apiUrl()).write(kubeconfig);
        return new Kubectl(kubeconfig);
    }

    /** Connects to a node port from the host over and over, a new connection each time, recording every answer. */
    private static final class Client implements AutoCloseable {

        private final int port;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<String> answers = Collections.synchronizedList(new ArrayList<>());
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;

        private Client(int port) {
            this.port = port;
            this.thread = new Thread(this::run, "rollout-client");
            this.thread.setDaemon(true);
        }

        static Client start(int port) {
            Client client = new Client(port);
            client.thread.start();
            return client;
        }

        private void run() {
            for (int i = 0; i < MAX_REQUESTS && running.get(); i++) {
                try {
                    String answer = HostHttp.lastLine(port);
                    if (answer.isEmpty()) {
                        failures.add("request " + i + ": an empty answer");
                    } else {
                        answers.add(answer);
                    }
                } catch (IOException e) {
                    failures.add("request " + i + ": " + e);
                }
                LockSupport.parkNanos(CLIENT_PACE.toNanos()); // paces the load, bounded in count
            }
        }

        List<String> lastAnswers(int count) {
            synchronized (answers) {
                return answers.size() < count ? List.of() : List.copyOf(answers.subList(answers.size() - count, answers.size()));
            }
        }

        List<String> answers() {
            synchronized (answers) {
                return List.copyOf(answers);
            }
        }

        List<String> failures() {
            synchronized (failures) {
                return List.copyOf(failures);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}

package io.korch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.korch.cli.dev.DevCluster;
import io.korch.cli.dev.DevKubeconfig;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code kubectl} against a dev cluster running real containers, through the kubeconfig
 * {@code korch dev} writes: discovery, printing, create (from manifests, and imperatively, as
 * protobuf, and kubectl autoscale), apply (client- and server-side), patch, scale, label, annotate, rollout status, watch
 * and delete, each with its output checked, and the errors kubectl prints for bad input.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlEndToEndTest {

    private static final Duration CONVERGE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static DevCluster cluster;
    private static Kubectl kubectl;
    private static String namespace;

    @BeforeAll
    static void startCluster() {
        Docker.require();
        Kubectl.require();
        String prefix = "kc" + UUID.randomUUID().toString().substring(0, 6) + "-";
        namespace = prefix + "ns";
        cluster = DevClusterFixture.start(dataDir, prefix, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        kubectl = new Kubectl(kubeconfig(cluster.apiUrl()));
        assertThat(kubectl.run("create", "namespace", namespace).ok()).contains("namespace/" + namespace + " created");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (namespace != null) {
            Docker.removeAll("io.korch.pod.namespace=" + namespace);
            Docker.removeAll("io.korch.pod.namespace=" + namespace + "-doomed");
        }
    }

    @Test
    @Order(1)
    void discoversTheApiAndReportsVersions() {
        String resources = kubectl.run("api-resources").ok();
        assertThat(resources).containsPattern("(?m)^pods\\s+po\\s+v1\\s+true\\s+Pod\\s*$")
                .containsPattern("(?m)^deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment\\s*$")
                .containsPattern("(?m)^replicasets\\s+rs\\s+apps/v1\\s+true\\s+ReplicaSet\\s*$")
                .containsPattern("(?m)^namespaces\\s+ns\\s+v1\\s+false\\s+Namespace\\s*$")
                .containsPattern("(?m)^nodes\\s+no\\s+v1\\s+false\\s+Node\\s*$")
                .containsPattern("(?m)^events\\s+ev\\s+v1\\s+true\\s+Event\\s*$");
        // kubectl before 1.28 prints the whole version.Info, later ones its gitVersion alone
        assertThat(kubectl.run("version").ok()).containsPattern("Server Version: (version\\.Info\\{.*GitVersion:\")?v1\\.");
        assertThat(kubectl.run("get", "nodes").ok()).containsPattern("(?m)^NAME\\s+STATUS\\s+ROLES\\s+AGE\\s+VERSION")
                .contains(" Ready ");
    }

    @Test
    @Order(2)
    void createsRollsOutAndPrintsLikeKubernetes() {
        assertThat(kubectl.input(deployment("web", 2, "v1"), "create", "-n", namespace, "-f", "-").ok())
                .contains("deployment.apps/web created");
        assertThat(kubectl.run("rollout", "status", "-n", namespace, "deployment/web", "--timeout=90s").ok())
                .contains("deployment \"web\" successfully rolled out");

        assertThat(kubectl.run("get", "deployments", "-n", namespace).ok())
                .containsPattern("(?m)^NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE\\s*$")
                .containsPattern("(?m)^web\\s+2/2\\s+2\\s+2\\s+");
        assertThat(kubectl.run("get", "pods", "-n", namespace, "-o", "wide").ok())
                .containsPattern("(?m)^NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+NODE")
                .containsPattern("(?m)^web-\\S+\\s+1/1\\s+Running\\s+0\\s+");
        List<String> names = kubectl.run("get", "pods", "-n", namespace, "-l", "app=web", "-o", "name").ok()
                .lines().toList();
        assertThat(names).hasSize(2).allMatch(name -> name.startsWith("pod/web-"));
        assertThat(kubectl.run("get", "pods", "-n", namespace, "-l", "app=other", "-o", "name").ok()).isEmpty();
        assertThat(kubectl.run("get", "pods", "-A").ok())
                .containsPattern("(?m)^NAMESPACE\\s+NAME\\s+READY\\s+STATUS")
                .contains(namespace + " ");
        assertThat(kubectl.run("get", "rs", "-n", namespace).ok())
                .containsPattern("(?m)^NAME\\s+DESIRED\\s+CURRENT\\s+READY\\s+AGE\\s*$");
        assertThat(kubectl.run("get", "ns").ok()).containsPattern("(?m)^" + namespace + "\\s+Active\\s+");

        JsonNode list = json(kubectl.run("get", "deployments", "-n", namespace, "-o", "json").ok());
        assertThat(list.path("kind").asText()).isEqualTo("List");
        assertThat(list.at("/items/0/spec/replicas").asInt()).isEqualTo(2);
        assertThat(kubectl.run("get", "deployment", "web", "-n", namespace, "-o", "yaml").ok())
                .contains("kind: Deployment").contains("name: web").contains("replicas: 2");

        assertThat(kubectl.run("describe", "deployment", "web", "-n", namespace).ok())
                .containsPattern("Replicas:\\s+2 desired \\| 2 updated \\| 2 total \\| 2 available");
        assertThat(kubectl.run("describe", "pod", "-n", namespace, names.get(0).substring("pod/".length())).ok())
                .contains("Status:").contains("Running").contains("Node:");
        assertThat(kubectl.run("get", "events", "-n", namespace).ok()).contains("Scheduled");
    }

    @Test
    @Order(3)
    void appliesRepeatedlyWithChangesAndRemovals() {
        String first = labelledDeployment("api", 1, "tier: backend\n        team: blue");
        assertThat(kubectl.input(first, "apply", "-n", namespace, "-f", "-").ok()).contains("deployment.apps/api created");
        assertThat(labels("deployment", "api")).containsEntry("team", "blue");

        String changed = labelledDeployment("api", 2, "tier: backend\n        team: blue");
        assertThat(kubectl.input(changed, "apply", "-n", namespace, "-f", "-").ok())
                .contains("deployment.apps/api configured");
        assertThat(jsonOf("deployment", "api").at("/spec/replicas").asInt()).isEqualTo(2);

        String removed = labelledDeployment("api", 2, "tier: backend");
        assertThat(kubectl.input(removed, "apply", "-n", namespace, "-f", "-").ok())
                .contains("deployment.apps/api configured");
        assertThat(labels("deployment", "api")).containsEntry("tier", "backend").doesNotContainKey("team");
        assertThat(kubectl.input(removed, "apply", "-n", namespace, "-f", "-").ok())
                .contains("deployment.apps/api unchanged");
    }

    @Test
    @Order(4)
    void appliesServerSideAndRefusesAConflictingManager() {
        String config = labelledDeployment("ssa", 1, "tier: edge");
        assertThat(kubectl.input(config, "apply", "--server-side", "-n", namespace, "-f", "-").ok())
                .contains("deployment.apps/ssa serverside-applied");
        String changed = labelledDeployment("ssa", 2, "tier: edge\n        owner: me");
        assertThat(kubectl.input(changed, "apply", "--server-side", "-n", namespace, "-f", "-").ok())
                .contains("deployment.apps/ssa serverside-applied");
        JsonNode applied = jsonOf("deployment", "ssa");
        assertThat(applied.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(applied.at("/metadata/labels/owner").asText()).isEqualTo("me");

        String other = labelledDeployment("ssa", 5, "tier: edge");
        Kubectl.Result conflict = kubectl.input(other, "apply", "--server-side", "--field-manager=other", "-n", namespace,
                "-f", "-");
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.err()).contains("conflict").contains(".spec.replicas");
        assertThat(jsonOf("deployment", "ssa").at("/spec/replicas").asInt()).isEqualTo(2);

        assertThat(kubectl.input(other, "apply", "--server-side", "--force-conflicts", "--field-manager=other",
                "-n", namespace, "-f", "-").ok()).contains("serverside-applied");
        assertThat(jsonOf("deployment", "ssa").at("/spec/replicas").asInt()).isEqualTo(5);
    }

    @Test
    @Order(5)
    void patchesScalesLabelsAndAnnotates() {
        assertThat(kubectl.run("patch", "deployment", "web", "-n", namespace, "-p",
                "{\"metadata\":{\"labels\":{\"patched\":\"strategic\"}}}").ok())
                .contains("deployment.apps/web patched");
        assertThat(kubectl.run("patch", "deployment", "web", "-n", namespace, "--type=merge", "-p",
                "{\"metadata\":{\"labels\":{\"merged\":\"yes\"}}}").ok()).contains("patched");
        assertThat(kubectl.run("patch", "deployment", "web", "-n", namespace, "--type=json", "-p",
                "[{\"op\":\"remove\",\"path\":\"/metadata/labels/merged\"}]").ok()).contains("patched");
        assertThat(labels("deployment", "web")).containsEntry("patched", "strategic").doesNotContainKey("merged");

        Kubectl.Result badPatch = kubectl.run("patch", "deployment", "web", "-n", namespace, "--type=json", "-p",
                "[{\"op\":\"remove\",\"path\":\"/metadata/labels/absent\"}]");
        assertThat(badPatch.exitCode()).isNotZero();
        assertThat(badPatch.err()).startsWith("The request is invalid").contains("absent");

        assertThat(kubectl.run("scale", "deployment", "web", "-n", namespace, "--replicas=3").ok())
                .contains("deployment.apps/web scaled");
        assertThat(kubectl.run("rollout", "status", "-n", namespace, "deployment/web", "--timeout=90s").ok())
                .contains("successfully rolled out");
        assertThat(kubectl.run("get", "pods", "-n", namespace, "-l", "app=web", "-o", "name").ok().lines())
                .hasSize(3);

        assertThat(kubectl.run("label", "deployment", "web", "-n", namespace, "stage=test").ok())
                .contains("deployment.apps/web labeled");
        assertThat(kubectl.run("annotate", "deployment", "web", "-n", namespace, "note=hello").ok())
                .contains("deployment.apps/web annotated");
        JsonNode web = jsonOf("deployment", "web");
        assertThat(web.at("/metadata/labels/stage").asText()).isEqualTo("test");
        assertThat(web.at("/metadata/annotations/note").asText()).isEqualTo("hello");
    }

    @Test
    @Order(6)
    void watchesUntilAChangeArrives() throws Exception {
        Process watch = kubectl.start("get", "deployment", "web", "-n", namespace, "-w", "--output-watch-events");
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(watch.getInputStream(),
                    StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (Exception ignored) {
                // the process was stopped
            }
        });
        reader.start();
        try {
            await().atMost(CONVERGE).until(() -> lines.stream().anyMatch(l -> l.startsWith("ADDED")));
            kubectl.run("scale", "deployment", "web", "-n", namespace, "--replicas=2").ok();
            await().atMost(CONVERGE).until(() -> lines.stream().anyMatch(l -> l.startsWith("MODIFIED")));
            assertThat(lines.get(0)).containsPattern("EVENT\\s+NAME\\s+READY");
        } finally {
            watch.destroy();
            reader.join(Duration.ofSeconds(10).toMillis());
        }
    }

    @Test
    @Order(7)
    void deletesByNameFileAndLabel() {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: lone
                  labels: {app: lone}
                spec:
                  containers:
                  - name: main
                    image: %s
                    command: ["sh", "-c", "sleep 3600"]
                """.formatted(Docker.IMAGE);
        kubectl.input(pod, "create", "-n", namespace, "-f", "-").ok();
        assertThat(kubectl.input(pod, "delete", "-n", namespace, "-f", "-", "--wait=false").ok())
                .contains("pod \"lone\" deleted");
        assertThat(kubectl.run("delete", "deployment", "api", "-n", namespace).ok())
                .contains("deployment.apps \"api\" deleted");
        assertThat(kubectl.run("delete", "deployments", "-n", namespace, "-l", "tier=edge").ok())
                .contains("deployment.apps \"ssa\" deleted");
        assertThat(kubectl.run("get", "deployments", "-n", namespace, "-o", "name").ok().lines())
                .containsExactly("deployment.apps/web");
    }

    @Test
    @Order(8)
    void createsImperativelyAsKubectlsGeneratorsSendIt() {
        assertThat(kubectl.run("create", "deployment", "imperative", "-n", namespace, "--image=" + Docker.IMAGE,
                "--replicas=0").ok()).contains("deployment.apps/imperative created");
        JsonNode created = jsonOf("deployment", "imperative");
        assertThat(created.at("/spec/replicas").asInt()).isZero();
        assertThat(created.at("/spec/template/spec/containers/0/image").asText()).isEqualTo(Docker.IMAGE);

        // kubectl autoscale creates its autoscaler through autoscaling/v1, as protobuf
        assertThat(kubectl.run("autoscale", "deployment/imperative", "-n", namespace, "--min=1", "--max=3",
                "--cpu-percent=50").ok()).contains("horizontalpodautoscaler.autoscaling/imperative autoscaled");
        assertThat(kubectl.run("get", "hpa", "-n", namespace).ok())
                .containsPattern("imperative\\s+Deployment/imperative\\s+cpu: <unknown>/50%\\s+1\\s+3");
        NamespaceSession korch = new NamespaceSession(cluster.apiUrl(), namespace);
        assertThat(korch.korch("get", "hpa").out()).containsPattern("imperative\\s+Deployment/imperative");
        // the autoscaler syncs it: a target of no replicas is not scaled
        await().atMost(CONVERGE).until(() -> korch.korch("describe", "hpa", "imperative").out()
                .contains("ScalingDisabled"));
        assertThat(kubectl.run("delete", "hpa", "imperative", "-n", namespace).ok()).contains("deleted");
        assertThat(kubectl.run("delete", "deployment", "imperative", "-n", namespace).ok())
                .contains("deployment.apps \"imperative\" deleted");
    }

    @Test
    @Order(9)
    void printsKubernetesErrorsForBadInput() {
        Kubectl.Result unknownKind = kubectl.run("get", "widgets");
        assertThat(unknownKind.exitCode()).isNotZero();
        assertThat(unknownKind.err()).contains("the server doesn't have a resource type \"widgets\"");

        Kubectl.Result missing = kubectl.run("get", "deployment", "absent", "-n", namespace);
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("Error from server (NotFound): deployments.apps \"absent\" not found");

        Kubectl.Result badSelector = kubectl.run("get", "pods", "-n", namespace, "-l", "app in (web");
        assertThat(badSelector.exitCode()).isNotZero();
        assertThat(badSelector.err()).isNotBlank();

        Kubectl.Result unknownField = kubectl.run("""
                apiVersion: v1
                kind: Pod
                metadata: {name: odd}
                spec:
                  containers: [{name: main, image: busybox}]
                  flavour: strange
                """, "create", "-n", namespace, "-f", "-");
        assertThat(unknownField.exitCode()).isNotZero();
        assertThat(unknownField.err()).contains("flavour");
    }

    @Test
    @Order(10)
    void readsLogsAndRunsCommandsInAPod() {
        assertThat(kubectl.input("""
                apiVersion: v1
                kind: Pod
                metadata: {name: talker}
                spec:
                  containers:
                  - name: main
                    image: %s
                    command: ["sh", "-c", "echo started; sleep 3600"]
                """.formatted(Docker.IMAGE), "apply", "-n", namespace, "-f", "-").ok()).contains("pod/talker created");
        await().atMost(CONVERGE).until(() -> kubectl.run("logs", "talker", "-n", namespace).out().equals("started\n"));

        Kubectl.Result exec = kubectl.run("exec", "talker", "-n", namespace, "--", "sh", "-c", "echo out; exit 3");
        if (kubectl.clientMinorVersion() < 30) {
            // kubectl before 1.30 execs over SPDY, upgrading a POST, which Vert.x's HTTP server does not hand over
            // as a raw connection: korch serves exec over WebSockets only, and says so
            assertThat(exec.exitCode()).isNotZero();
            assertThat(exec.err()).contains("korch serves exec over WebSockets only");
        } else {
            assertThat(exec.exitCode()).isEqualTo(3);
            assertThat(exec.out()).isEqualTo("out\n");
            assertThat(kubectl.input("hello\n", "exec", "-i", "talker", "-n", namespace, "--", "cat").ok())
                    .isEqualTo("hello\n");
        }

        Kubectl.Result unknownContainer = kubectl.run("logs", "talker", "-c", "nope", "-n", namespace);
        assertThat(unknownContainer.exitCode()).isNotZero();
        assertThat(unknownContainer.err()).contains("container nope is not valid for pod talker");
        assertThat(kubectl.run("delete", "pod", "talker", "-n", namespace, "--wait=false").ok())
                .contains("pod \"talker\" deleted");
    }

    @Test
    @Order(11)
    void deletesANamespaceWithWhatItHolds() {
        String doomed = namespace + "-doomed";
        assertThat(kubectl.run("create", "namespace", doomed).ok()).contains("namespace/" + doomed + " created");
        assertThat(kubectl.input(deployment("held", 2, "v1"), "create", "-n", doomed, "-f", "-").ok())
                .contains("deployment.apps/held created");
        assertThat(kubectl.run("rollout", "status", "-n", doomed, "deployment/held", "--timeout=90s").ok())
                .contains("successfully rolled out");

        // kubectl waits until the namespace is gone: its Deployment, ReplicaSet and pods first
        assertThat(kubectl.run("delete", "namespace", doomed, "--timeout=90s").ok())
                .contains("namespace \"" + doomed + "\" deleted");

        Kubectl.Result gone = kubectl.run("get", "namespace", doomed);
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.err()).contains("namespaces \"" + doomed + "\" not found");
        assertThat(kubectl.run("get", "pods", "-n", doomed, "-o", "name").ok()).isEmpty();
        await().atMost(CONVERGE).until(() -> Docker.runningContainers("io.korch.pod.namespace=" + doomed).isEmpty());
    }

    /** The kubeconfig {@code korch dev} writes for a cluster at {@code server}. */
    private static Path kubeconfig(String server) {
        Path file = dataDir.resolve("kubeconfig");
        DevKubeconfig.standalone(server).write(file);
        return file;
    }

    private static java.util.Map<String, String> labels(String kind, String name) {
        return JSON.convertValue(jsonOf(kind, name).path("metadata").path("labels"),
                new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, String>>() { });
    }

    private static JsonNode jsonOf(String kind, String name) {
        return json(kubectl.run("get", kind, name, "-n", namespace, "-o", "json").ok());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static String deployment(String name, int replicas, String version) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  labels: {app: %1$s}
                spec:
                  replicas: %2$d
                  selector:
                    matchLabels: {app: %1$s}
                  template:
                    metadata:
                      labels: {app: %1$s, version: %3$s}
                    spec:
                      containers:
                      - name: main
                        image: %4$s
                        command: ["sh", "-c", "sleep 3600"]
                        resources:
                          requests: {cpu: 10m, memory: 8Mi}
                """.formatted(name, replicas, version, Docker.IMAGE);
    }

    /** A Deployment whose own metadata carries {@code labels} (YAML lines at 8 spaces). */
    private static String labelledDeployment(String name, int replicas, String labels) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  labels:
                        %3$s
                spec:
                  replicas: %2$d
                  selector:
                    matchLabels: {app: %1$s}
                  template:
                    metadata:
                      labels: {app: %1$s}
                    spec:
                      containers:
                      - name: main
                        image: %4$s
                        command: ["sh", "-c", "sleep 3600"]
                        resources:
                          requests: {cpu: 10m, memory: 8Mi}
                """.formatted(name, replicas, labels, Docker.IMAGE);
    }
}

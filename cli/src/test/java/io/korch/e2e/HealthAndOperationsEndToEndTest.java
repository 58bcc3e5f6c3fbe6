package io.korch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.cli.dev.DevCluster;
import io.korch.cli.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Day-2 operations on a dev cluster running real Docker containers, driven with the korch command
 * line: readiness and liveness probes, crash loops, init containers, ConfigMaps and Secrets in env
 * and files, logs and exec, memory limits, the shop example, and the errors bad manifests get.
 */
class HealthAndOperationsEndToEndTest {

    private static final Duration CONVERGE = Duration.ofSeconds(90);
    private static final Pattern BACK_OFF = Pattern.compile("^back-off (\\d+)s restarting failed container");

    @TempDir
    static Path dataDir;

    private static DevCluster cluster;
    private static Api api;
    private static NamespaceSession session;
    private static String namespace;

    @BeforeAll
    static void startCluster() {
        Docker.require();
        String prefix = "ops" + UUID.randomUUID().toString().substring(0, 6) + "-";
        namespace = prefix + "ns";
        cluster = DevClusterFixture.start(dataDir, prefix, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        api = new Api(cluster.apiUrl());
        session = NamespaceSession.create(cluster.apiUrl(), namespace);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (namespace != null) {
            Docker.removeAll("io.korch.pod.namespace=" + namespace);
            Docker.removeAll("io.korch.pod.namespace=shop");
        }
    }

    @Test
    void aFailingReadinessProbeTakesThePodOutOfTheAvailableCountUntilItPassesAgain() {
        // given two httpd replicas whose readiness probe fetches their index file
        apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: httpd
                        image: korch/busybox:latest
                        command: ["sh", "-c", "mkdir -p /www && echo hello > /www/index.html && exec httpd -f -p 8080 -h /www"]
                        ports: [{name: http, containerPort: 8080}]
                        readinessProbe:
                          httpGet: {path: /index.html, port: http}
                          periodSeconds: 1
                          failureThreshold: 1
                """);
        await().atMost(CONVERGE).until(() -> deployment("web").at("/status/availableReplicas").asInt() == 2);
        String pod = podNames("app=web").get(0);

        // when one replica's file is removed, it leaves Ready and the Deployment has one available
        assertThat(korch("exec", pod, "--", "rm", "/www/index.html").exitCode()).isZero();
        await().atMost(CONVERGE).until(() -> condition(pod(pod), "Ready").equals("False")
                && deployment("web").at("/status/availableReplicas").asInt() == 1);
        assertThat(pod(pod).at("/status/containerStatuses/0/ready").asBoolean()).isFalse();
        await().atMost(CONVERGE).until(() -> events(pod).contains("Readiness probe failed"));

        // when the file is back, so is the replica
        assertThat(korch("exec", pod, "--", "sh", "-c", "echo again > /www/index.html").exitCode()).isZero();
        await().atMost(CONVERGE).until(() -> condition(pod(pod), "Ready").equals("True")
                && deployment("web").at("/status/availableReplicas").asInt() == 2);
    }

    @Test
    void aFailingLivenessProbeRestartsAHungProcess() {
        // given an httpd whose liveness probe fetches a page within a second
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: hangs}
                spec:
                  terminationGracePeriodSeconds: 2
                  containers:
                  - name: httpd
                    image: korch/busybox:latest
                    command: ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"]
                    livenessProbe:
                      httpGet: {path: /index.html, port: 8080}
                      periodSeconds: 1
                      timeoutSeconds: 1
                      failureThreshold: 2
                """);
        await().atMost(CONVERGE).until(() -> pod("hangs").at("/status/phase").asText().equals("Running"));

        // when its process hangs
        assertThat(korch("exec", "hangs", "--", "sh", "-c", "kill -STOP $(pidof httpd)").exitCode()).isZero();

        // then it is killed and started again
        await().atMost(CONVERGE).until(() -> pod("hangs").at("/status/containerStatuses/0/restartCount").asInt() >= 1
                && pod("hangs").at("/status/containerStatuses/0/state/running").isObject());
        assertThat(events("hangs")).contains("Liveness probe failed", "failed liveness probe, will be restarted");
    }

    @Test
    void aCommandThatFailsReachesCrashLoopBackOffWithGrowingDelays() {
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: crashes}
                spec:
                  containers:
                  - name: main
                    image: korch/busybox:latest
                    command: ["sh", "-c", "echo crashing; exit 1"]
                """);

        // then it waits longer before each restart: 10 s, then 20 s
        Set<Integer> delays = new TreeSet<>();
        await().atMost(CONVERGE).until(() -> {
            JsonNode waiting = pod("crashes").at("/status/containerStatuses/0/state/waiting");
            Matcher delay = BACK_OFF.matcher(waiting.path("message").asText());
            if (waiting.path("reason").asText().equals("CrashLoopBackOff") && delay.find()) {
                delays.add(Integer.parseInt(delay.group(1)));
            }
            return delays.size() >= 2;
        });
        assertThat(delays).startsWith(10, 20);
        JsonNode status = pod("crashes").at("/status/containerStatuses/0");
        assertThat(status.path("restartCount").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(status.at("/lastState/terminated/exitCode").asInt()).isEqualTo(1);
        assertThat(status.at("/lastState/terminated/reason").asText()).isEqualTo("Error");
        assertThat(korch("get", "pod", "crashes").out()).containsAnyOf("CrashLoopBackOff", "Error");
        assertThat(events("crashes")).contains("BackOff: Back-off restarting failed container main");
    }

    @Test
    void initContainersRunInOrderBeforeTheAppWhichSeesWhatTheyWrote() {
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: inits}
                spec:
                  initContainers:
                  - name: first
                    image: korch/busybox:latest
                    command: ["sh", "-c", "echo one > /work/log; echo fast > /fast/log"]
                    volumeMounts: [{name: work, mountPath: /work}, {name: fast, mountPath: /fast}]
                  - name: second
                    image: korch/busybox:latest
                    command: ["sh", "-c", "test -f /work/log && echo two >> /work/log"]
                    volumeMounts: [{name: work, mountPath: /work}]
                  containers:
                  - name: app
                    image: korch/busybox:latest
                    command: ["sh", "-c", "cat /work/log /fast/log; echo $POD_IP; sleep 3600"]
                    env:
                    - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
                    volumeMounts: [{name: work, mountPath: /work}, {name: fast, mountPath: /fast}]
                  volumes:
                  - name: work
                    emptyDir: {}
                  - name: fast
                    emptyDir: {medium: Memory, sizeLimit: 4Mi}
                """);

        // the memory emptyDir the first init container wrote is the app's, and the app knows the pod's address
        String podIP = await().atMost(CONVERGE).until(() -> pod("inits").at("/status/podIP").asText(),
                ip -> !ip.isEmpty());
        await().atMost(CONVERGE).until(() -> korch("logs", "inits").out().equals("one\ntwo\nfast\n" + podIP + "\n"));
        JsonNode pod = pod("inits");
        assertThat(pod.at("/status/initContainerStatuses/0/state/terminated/reason").asText()).isEqualTo("Completed");
        assertThat(pod.at("/status/initContainerStatuses/1/state/terminated/reason").asText()).isEqualTo("Completed");
        assertThat(condition(pod, "Initialized")).isEqualTo("True");
    }

    @Test
    void aConfigMapAndASecretReachEnvAndFilesAndAConfigMapChangeReachesTheMountedFile() {
        apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: greeting}
                data: {greeting: hello, file.txt: first}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: password}
                stringData: {password: hunter2}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: configured}
                spec:
                  containers:
                  - name: main
                    image: korch/busybox:latest
                    command: ["sleep", "3600"]
                    env:
                    - name: GREETING
                      valueFrom: {configMapKeyRef: {name: greeting, key: greeting}}
                    - name: PASSWORD
                      valueFrom: {secretKeyRef: {name: password, key: password}}
                    volumeMounts:
                    - {name: config, mountPath: /etc/config}
                    - {name: secret, mountPath: /etc/secret}
                  volumes:
                  - name: config
                    configMap: {name: greeting}
                  - name: secret
                    secret: {secretName: password}
                """);
        await().atMost(CONVERGE).until(() -> pod("configured").at("/status/phase").asText().equals("Running"));

        assertThat(korch("exec", "configured", "--", "sh", "-c", "echo $GREETING $PASSWORD").out())
                .isEqualTo("hello hunter2\n");
        assertThat(korch("exec", "configured", "--", "cat", "/etc/config/file.txt", "/etc/secret/password").out())
                .isEqualTo("firsthunter2");
        assertThat(korch("get", "secret", "password", "-o", "yaml").out()).contains("password: aHVudGVyMg==")
                .doesNotContain("hunter2");

        // when the ConfigMap changes, the running container's file follows
        apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: greeting}
                data: {greeting: hello, file.txt: second}
                """);
        await().atMost(CONVERGE).until(() -> korch("exec", "configured", "--", "cat", "/etc/config/file.txt").out()
                .equals("second"));
    }

    @Test
    void logsFollowNewLinesAndExecReturnsTheCommandsExitCode() throws InterruptedException {
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: talker}
                spec:
                  containers:
                  - name: main
                    image: korch/busybox:latest
                    command: ["sh", "-c", "i=0; while true; do echo line $i; i=$((i+1)); sleep 1; done"]
                """);
        await().atMost(CONVERGE).until(() -> korch("logs", "talker").out().contains("line 1\n"));

        Cli.Running follow = Cli.korch().withSystemClock().start("-n", namespace, "--server", cluster.apiUrl(),
                "logs", "-f", "talker", "--tail", "1");
        try {
            await().atMost(CONVERGE).until(() -> follow.out().lines().count() >= 3);
        } finally {
            follow.stop();
        }
        List<String> lines = follow.out().lines().toList();
        assertThat(lines).allMatch(line -> line.startsWith("line "));
        assertThat(number(lines.get(2))).isEqualTo(number(lines.get(0)) + 2);

        Cli.Result exec = korch("exec", "talker", "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(exec.exitCode()).isEqualTo(3);
        assertThat(exec.out()).isEqualTo("out\n");
        assertThat(exec.err()).contains("err").contains("command terminated with exit code 3");
        assertThat(korch("exec", "-i", "talker", "--", "cat").exitCode()).isZero();
    }

    @Test
    void aContainerOverItsMemoryLimitIsOomKilled() {
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: hog}
                spec:
                  restartPolicy: Never
                  containers:
                  - name: main
                    image: korch/busybox:latest
                    command: ["sh", "-c", "tail /dev/zero"]
                    resources:
                      limits: {memory: 16Mi}
                """);

        await().atMost(CONVERGE).until(() -> pod("hog").at("/status/containerStatuses/0/state/terminated/reason")
                .asText().equals("OOMKilled"));
        assertThat(pod("hog").at("/status/phase").asText()).isEqualTo("Failed");
        assertThat(korch("get", "pod", "hog").out()).contains("OOMKilled");
    }

    @Test
    void theShopExampleAppliesUnchangedAndEveryPodBecomesReady() throws IOException {
        String shop = Files.readString(NamespaceSession.repositoryFile("examples/shop.yaml"));
        Cli.Result applied = Cli.korch().withStdin(shop).run("apply", "-f", "-", "--server", cluster.apiUrl());
        assertThat(applied.exitCode()).as(applied.err()).isZero();

        await().atMost(CONVERGE.multipliedBy(2)).until(() -> {
            List<JsonNode> pods = api.items("/api/v1/namespaces/shop/pods");
            return pods.size() == 5 && pods.stream().allMatch(p -> condition(p, "Ready").equals("True"));
        });
        await().atMost(CONVERGE).until(() -> List.of("frontend", "backend", "worker").stream().allMatch(name -> {
            JsonNode status = api.get("/apis/apps/v1/namespaces/shop/deployments/" + name).body().path("status");
            return status.path("replicas").asInt() > 0
                    && status.path("availableReplicas").asInt() == status.path("replicas").asInt();
        }));
        assertThat(Cli.korch().run("logs", "deployment/worker", "-n", "shop", "--server", cluster.apiUrl()).out())
                .contains("worker started after schema-v2");
    }

    @Test
    void badManifestsAreRefusedNamingTheFieldAndMissingReferencesKeepThePodWaiting() {
        Cli.Result noHandler = applyResult(probePod("no-handler", "readinessProbe: {periodSeconds: 1}"));
        assertThat(noHandler.exitCode()).isNotZero();
        assertThat(noHandler.err()).contains("spec.containers[0].readinessProbe").contains("must specify a handler type");

        Cli.Result twoHandlers = applyResult(probePod("two-handlers",
                "livenessProbe: {exec: {command: [true]}, tcpSocket: {port: 80}}"));
        assertThat(twoHandlers.exitCode()).isNotZero();
        assertThat(twoHandlers.err()).contains("spec.containers[0].livenessProbe")
                .contains("may not specify more than 1 handler type");

        Cli.Result unknownPort = applyResult(probePod("unknown-port", "readinessProbe: {tcpSocket: {port: web}}"));
        assertThat(unknownPort.exitCode()).isNotZero();
        assertThat(unknownPort.err()).contains("spec.containers[0].readinessProbe.tcpSocket.port");

        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: missing-config}
                spec:
                  containers:
                  - name: main
                    image: korch/busybox:latest
                    command: ["sleep", "3600"]
                    env:
                    - name: SETTING
                      valueFrom: {configMapKeyRef: {name: not-there, key: setting}}
                """);
        await().atMost(CONVERGE).until(() -> waitingReason(pod("missing-config")).equals("CreateContainerConfigError"));
        assertThat(pod("missing-config").at("/status/containerStatuses/0/state/waiting/message").asText())
                .contains("configmap \"not-there\" not found");

        Cli.Result notRunning = korch("exec", "missing-config", "--", "true");
        assertThat(notRunning.exitCode()).isNotZero();
        assertThat(notRunning.err().lines().count()).isOne();

        Cli.Result unknownContainer = korch("logs", "missing-config", "-c", "nope");
        assertThat(unknownContainer.exitCode()).isNotZero();
        assertThat(unknownContainer.err()).contains("container nope is not valid for pod missing-config");
    }

    private static String probePod(String name, String probe) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  containers:
                  - name: main
                    image: korch/busybox:latest
                    command: ["sleep", "3600"]
                    %s
                """.formatted(name, probe);
    }

    private static String condition(JsonNode pod, String type) {
        for (JsonNode condition : pod.at("/status/conditions")) {
            if (condition.path("type").asText().equals(type)) {
                return condition.path("status").asText();
            }
        }
        return "Unknown";
    }

    private static String waitingReason(JsonNode pod) {
        return pod.at("/status/containerStatuses/0/state/waiting/reason").asText();
    }

    private static int number(String line) {
        return Integer.parseInt(line.substring("line ".length()).trim());
    }

    private static Cli.Result korch(String... args) {
        return session.korch(args);
    }

    private static Cli.Result applyResult(String manifest) {
        return session.applyResult(manifest);
    }

    private static void apply(String manifest) {
        session.apply(manifest);
    }

    private static JsonNode pod(String name) {
        return session.pod(name);
    }

    private static JsonNode deployment(String name) {
        return session.deployment(name);
    }

    private static List<String> podNames(String selector) {
        return session.podNames(selector);
    }

    private static String events(String name) {
        return session.events(name);
    }
}

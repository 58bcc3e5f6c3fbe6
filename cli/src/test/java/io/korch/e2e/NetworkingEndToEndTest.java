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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connecting what runs, on a dev cluster of two nodes running real Docker containers: pods on
 * the pod network, Services reached by name, FQDN, ClusterIP and node port, load spread over the
 * ready replicas and following readiness, scaling and deletion, headless Services, Service
 * environment variables, the frontend-and-backend example, and the routes that keep every packet
 * on the machine.
 *
 * <p>Every answer comes from an httpd whose index page is its pod's host name (the pod's name),
 * so a test knows which replica answered.
 */
class NetworkingEndToEndTest {

    private static final Duration CONVERGE = Duration.ofSeconds(90);

    @TempDir
    static Path dataDir;

    private static DevCluster cluster;
    private static Api api;
    private static NamespaceSession session;
    private static String namespace;

    @BeforeAll
    static void startCluster() {
        Docker.require();
        String prefix = "net" + UUID.randomUUID().toString().substring(0, 6) + "-";
        namespace = prefix + "ns";
        cluster = DevClusterFixture.start(dataDir, prefix, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        api = new Api(cluster.apiUrl());
        session = NamespaceSession.create(cluster.apiUrl(), namespace);
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: client}
                spec:
                  containers:
                  - name: main
                    image: korch/busybox:latest
                    command: ["sleep", "3600"]
                """);
        await().atMost(CONVERGE).until(() -> pod("client").at("/status/phase").asText().equals("Running"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (namespace != null) {
            Docker.removeAll("io.korch.pod.namespace=" + namespace);
            Docker.removeAll("io.korch.pod.namespace=hello");
        }
    }

    @Test
    void aPodGetsAnAddressFromItsNodesShareAndItsContainersShareLocalhost() {
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: pair}
                spec:
                  containers:
                  - name: server
                    image: korch/busybox:latest
                    command: ["sh", "-c", "mkdir -p /www && echo from-the-server > /www/index.html && exec httpd -f -p 8080 -h /www"]
                  - name: sidecar
                    image: korch/busybox:latest
                    command: ["sleep", "3600"]
                """);
        await().atMost(CONVERGE).until(() -> pod("pair").at("/status/containerStatuses").size() == 2
                && pod("pair").at("/status/containerStatuses/0/ready").asBoolean()
                && pod("pair").at("/status/containerStatuses/1/ready").asBoolean());

        JsonNode pair = pod("pair");
        String podIP = pair.at("/status/podIP").asText();
        String podCidr = api.get("/api/v1/nodes/" + pair.at("/spec/nodeName").asText()).body().at("/spec/podCIDR").asText();
        assertThat(podCidr).matches("10\\.244\\.\\d+\\.0/24");
        assertThat(podIP).startsWith(podCidr.substring(0, podCidr.lastIndexOf('.') + 1));
        assertThat(pair.at("/status/podIPs/0/ip").asText()).isEqualTo(podIP);

        // the sidecar reaches the server on localhost, and the client pod reaches it by pod IP
        assertThat(exec("pair", "-c", "sidecar", "--", "sh", "-c", get("127.0.0.1", 8080))).contains("from-the-server");
        assertThat(exec("client", "--", "sh", "-c", get(podIP, 8080))).contains("from-the-server");
    }

    @Test
    void aServiceSpreadsConnectionsByNameFqdnAndClusterIpOverEveryReplicaOnBothNodes() {
        webDeployment("spread", 3);
        service("spread", "ClusterIP");
        awaitReadyEndpoints("spread", 3);
        String clusterIP = service("spread").at("/spec/clusterIP").asText();
        assertThat(clusterIP).startsWith("10.96.");
        Set<String> replicas = Set.copyOf(podNames("app=spread"));
        Set<String> nodes = podNames("app=spread").stream().map(name -> pod(name).at("/spec/nodeName").asText())
                .collect(Collectors.toSet());
        assertThat(nodes).as("the scheduler spread the replicas").hasSize(2);

        for (String address : List.of("spread", "spread." + namespace + ".svc.cluster.local", clusterIP)) {
            assertThat(answers(address, 30)).as("answers through %s", address).containsExactlyInAnyOrderElementsOf(replicas);
        }
    }

    @Test
    void theHostReachesANodePortOnLoopback() throws IOException {
        webDeployment("nodeport", 2);
        service("nodeport", "NodePort");
        awaitReadyEndpoints("nodeport", 2);
        int nodePort = service("nodeport").at("/spec/ports/0/nodePort").asInt();
        assertThat(nodePort).isBetween(30000, 32767);

        Set<String> answers = new TreeSet<>();
        for (int i = 0; i < 20; i++) {
            answers.add(HostHttp.lastLine(nodePort));
        }
        assertThat(answers).containsExactlyInAnyOrderElementsOf(podNames("app=nodeport"));
        assertThat(korch("get", "svc", "nodeport").out()).contains("NodePort", "80:" + nodePort + "/TCP", "<none>");
    }

    @Test
    void scalingToOneLeavesOnlyThatReplicaAnswering() {
        webDeployment("scaled", 3);
        service("scaled", "ClusterIP");
        awaitReadyEndpoints("scaled", 3);

        assertThat(korch("scale", "deployment/scaled", "--replicas=1").exitCode()).isZero();
        await().atMost(CONVERGE).until(() -> podNames("app=scaled").size() == 1);
        awaitReadyEndpoints("scaled", 1);

        assertThat(answers("scaled", 20)).containsExactlyElementsOf(podNames("app=scaled"));
    }

    @Test
    void aReplicaWhoseReadinessFailsStopsReceivingConnectionsWithinItsProbePeriodAndASecond() throws Exception {
        webDeployment("unready", 2);
        service("unready", "NodePort");
        awaitReadyEndpoints("unready", 2);
        int nodePort = service("unready").at("/spec/ports/0/nodePort").asInt();
        String failing = podNames("app=unready").get(0);

        // when its readiness file is gone, while the host keeps connecting through the node port
        assertThat(korch("exec", failing, "--", "rm", "/www/ready.html").exitCode()).isZero();
        long removed = System.nanoTime();
        long lastAnswer = removed;
        long deadline = removed + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (HostHttp.lastLine(nodePort).equals(failing)) {
                lastAnswer = System.nanoTime();
            }
        }

        // then it stopped answering within its probe period (1 s) and a second
        assertThat(Duration.ofNanos(lastAnswer - removed)).isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(readyEndpoints("unready")).isOne();
        assertThat(answers("unready", 20)).doesNotContain(failing).hasSize(1);
    }

    @Test
    void deletingAReplicaDuringAConnectionLoopCostsAtMostOneFailedAttempt() throws InterruptedException {
        webDeployment("churn", 3);
        service("churn", "ClusterIP");
        awaitReadyEndpoints("churn", 3);
        String deleted = podNames("app=churn").get(0);

        Cli.Running loop = Cli.korch().withSystemClock().start("-n", namespace, "--server", cluster.apiUrl(), "exec",
                "client", "--", "sh", "-c", "for i in $(seq 60); do (" + request("churn", 80)
                        + ") | tail -n 1 | grep . || echo FAILED; sleep 0.1; done; echo DONE");
        await().atMost(CONVERGE).until(() -> loop.out().lines().count() >= 10);
        assertThat(korch("delete", "pod", deleted).exitCode()).isZero();
        await().atMost(CONVERGE).until(() -> loop.out().contains("DONE"));
        Cli.Result result = loop.awaitExit();

        List<String> lines = result.out().lines().filter(line -> !line.equals("DONE")).toList();
        assertThat(lines).hasSize(60);
        assertThat(lines.stream().filter(line -> line.equals("FAILED")).count()).isLessThanOrEqualTo(1);
    }

    @Test
    void aHeadlessServiceResolvesToItsReadyPodsAddresses() {
        webDeployment("headless", 2);
        apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: headless}
                spec:
                  clusterIP: None
                  selector: {app: headless}
                  ports: [{name: http, port: 80, targetPort: http}]
                """);
        awaitReadyEndpoints("headless", 2);
        Set<String> podIPs = podNames("app=headless").stream().map(name -> pod(name).at("/status/podIP").asText())
                .collect(Collectors.toSet());

        String lookup = exec("client", "--", "nslookup", "headless." + namespace + ".svc.cluster.local");
        Set<String> resolved = lookup.lines().filter(line -> line.startsWith("Address:") && !line.contains(":53"))
                .map(line -> line.substring("Address:".length()).trim()).collect(Collectors.toSet());
        assertThat(resolved).isEqualTo(podIPs);
        assertThat(korch("get", "svc", "headless").out()).contains("None");
    }

    @Test
    void podsGetTheServiceEnvironmentVariables() {
        webDeployment("linked", 1);
        service("linked", "ClusterIP");
        String clusterIP = service("linked").at("/spec/clusterIP").asText();
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: env-reader}
                spec:
                  containers:
                  - name: main
                    image: korch/busybox:latest
                    command: ["sleep", "3600"]
                """);
        await().atMost(CONVERGE).until(() -> pod("env-reader").at("/status/phase").asText().equals("Running"));

        String env = exec("env-reader", "--", "env");
        assertThat(env).contains("LINKED_SERVICE_HOST=" + clusterIP, "LINKED_SERVICE_PORT=80",
                "LINKED_SERVICE_PORT_HTTP=80", "LINKED_PORT=tcp://" + clusterIP + ":80",
                "LINKED_PORT_80_TCP_ADDR=" + clusterIP);
    }

    @Test
    void theFrontendAndBackendExampleAnswersThroughItsNodePort() throws IOException {
        Cli.Result applied = Cli.korch().run("apply", "-f", NamespaceSession.repositoryFile("examples/frontend-backend.yaml").toString(),
                "--server", cluster.apiUrl());
        assertThat(applied.exitCode()).as(applied.err()).isZero();
        await().atMost(CONVERGE).until(() -> api.get("/apis/apps/v1/namespaces/hello/deployments/frontend").body()
                .at("/status/availableReplicas").asInt() == 2
                && api.get("/apis/apps/v1/namespaces/hello/deployments/backend").body()
                .at("/status/availableReplicas").asInt() == 3);

        await().atMost(CONVERGE).until(() -> HostHttp.body(30080, "/cgi-bin/hello").matches("(?s)frontend \\S+ -> backend \\S+\\s*"));
    }

    @Test
    void theServiceAndPodNetworksAreRoutedOnTheMachine() throws IOException, InterruptedException {
        assertThat(ipRouteGet("10.96.254.254")).startsWith("local ");
        assertThat(ipRouteGet("10.244.250.7")).contains("dev korch0").doesNotContain(" via ");
    }

    @Test
    void badServicesAreRefusedNamingTheField() {
        Cli.Result outOfRange = applyResult("""
                apiVersion: v1
                kind: Service
                metadata: {name: far}
                spec:
                  type: NodePort
                  selector: {app: far}
                  ports: [{port: 80, nodePort: 40000}]
                """);
        assertThat(outOfRange.exitCode()).isNotZero();
        assertThat(outOfRange.err()).contains("spec.ports[0].nodePort", "provided port is not in the valid range");

        Cli.Result outside = applyResult("""
                apiVersion: v1
                kind: Service
                metadata: {name: outside}
                spec:
                  clusterIP: 10.0.0.1
                  selector: {app: outside}
                  ports: [{port: 80}]
                """);
        assertThat(outside.exitCode()).isNotZero();
        assertThat(outside.err()).contains("spec.clusterIPs", "not in the valid range");

        service("fixed", "ClusterIP");
        String clusterIP = service("fixed").at("/spec/clusterIP").asText();
        String other = clusterIP.endsWith(".200") ? clusterIP.replaceAll("\\.200$", ".201") : clusterIP.replaceAll("\\.\\d+$", ".200");
        Cli.Result changed = applyResult("""
                apiVersion: v1
                kind: Service
                metadata: {name: fixed}
                spec:
                  clusterIP: %s
                  selector: {app: fixed}
                  ports: [{name: http, port: 80, targetPort: http}]
                """.formatted(other));
        assertThat(changed.exitCode()).isNotZero();
        assertThat(changed.err()).contains("spec.clusterIP");
    }

    // --- the workloads --------------------------------------------------------------------------

    /** A Deployment of httpd replicas whose index page is their host name; ready while /www/ready.html exists. */
    private static void webDeployment(String name, int replicas) {
        apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s}
                spec:
                  replicas: %2$d
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      terminationGracePeriodSeconds: 5
                      containers:
                      - name: httpd
                        image: korch/busybox:latest
                        command: ["sh", "-c", "mkdir -p /www && hostname > /www/index.html && touch /www/ready.html && exec httpd -f -p 8080 -h /www"]
                        ports: [{name: http, containerPort: 8080}]
                        readinessProbe:
                          httpGet: {path: /ready.html, port: http}
                          periodSeconds: 1
                          failureThreshold: 1
                """.formatted(name, replicas));
    }

    private static void service(String name, String type) {
        apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: %1$s}
                spec:
                  type: %2$s
                  selector: {app: %1$s}
                  ports: [{name: http, port: 80, targetPort: http}]
                """.formatted(name, type));
    }

    private static JsonNode service(String name) {
        return api.get("/api/v1/namespaces/" + namespace + "/services/" + name).body();
    }

    private static void awaitReadyEndpoints(String service, int count) {
        await().atMost(CONVERGE).until(() -> readyEndpoints(service) == count);
    }

    /** How many ready endpoints the EndpointSlices of {@code service} list. */
    private static int readyEndpoints(String service) {
        int ready = 0;
        for (JsonNode slice : api.items("/apis/discovery.k8s.io/v1/namespaces/" + namespace
                + "/endpointslices?labelSelector=kubernetes.io/service-name=" + service)) {
            for (JsonNode endpoint : slice.path("endpoints")) {
                if (endpoint.at("/conditions/ready").asBoolean(true)) {
                    ready++;
                }
            }
        }
        return ready;
    }

    // --- connections ----------------------------------------------------------------------------

    /** The distinct answers of {@code count} requests from the client pod to {@code address} port 80. */
    private static Set<String> answers(String address, int count) {
        String out = exec("client", "--", "sh", "-c",
                "for i in $(seq " + count + "); do (" + request(address, 80) + ") | tail -n 1; done");
        return out.lines().map(String::trim).filter(line -> !line.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String get(String address, int port) {
        return "(" + request(address, port) + ") | tail -n 1";
    }

    private static String request(String address, int port) {
        return "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 " + address + " " + port;
    }

    private static String ipRouteGet(String address) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ip", "route", "get", address).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    // --- the API and the command line -----------------------------------------------------------

    private static String exec(String pod, String... command) {
        List<String> args = new ArrayList<>(List.of("exec", pod));
        args.addAll(List.of(command));
        Cli.Result result = korch(args.toArray(String[]::new));
        assertThat(result.exitCode()).as("korch exec %s: %s", String.join(" ", command), result.err()).isZero();
        return result.out();
    }

    private static List<String> podNames(String selector) {
        return api.items("/api/v1/namespaces/" + namespace + "/pods?labelSelector=" + selector).stream()
                .filter(pod -> pod.at("/metadata/deletionTimestamp").isMissingNode())
                .map(pod -> pod.at("/metadata/name").asText()).sorted().toList();
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
}
